import fs from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { IMAGE_MAX_EDGE, IMAGE_MAX_PIXELS } from '../../domain/attachment.js';
import { AppError } from '../../domain/errors.js';
import { isOpaque, orient, resizeArea, type Rgba } from './image-pixels.js';

/**
 * Server-side photo downscaling (docs/attachments.md): a JPEG or PNG longer than IMAGE_MAX_EDGE px on
 * its long side is decoded, shrunk (area average), turned upright by its EXIF orientation, and
 * re-encoded in its own format — JPEG at quality 85 (what the browser's canvas does), PNG losslessly —
 * so what the API stores matches what the web page sends. Pure JavaScript (jpeg-js, pngjs): nothing to
 * build or download at install. The dimensions are read from the header first, so a small image is
 * never decoded and is stored byte for byte, and a decompression bomb is refused before any memory is
 * spent. An image the decoders cannot read (arithmetic-coded JPEG, a damaged file) is stored as sent.
 */
export type ImageHeader = { width: number; height: number; orientation: number };

const u16 = (b: Uint8Array, i: number, le = false) => (le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
const u32 = (b: Uint8Array, i: number, le = false) => (le ? (u16(b, i + 2, true) * 0x10000) + u16(b, i, true) : (u16(b, i) * 0x10000) + u16(b, i + 2));

/** The EXIF orientation (1–8) in an APP1 segment's body, or 1. */
function exifOrientation(b: Uint8Array, start: number, end: number): number {
  if (end - start < 14 || String.fromCharCode(...b.subarray(start, start + 6)) !== 'Exif\0\0') return 1;
  const t = start + 6;
  const le = b[t] === 0x49; // "II" little-endian, "MM" big-endian
  const ifd = t + u32(b, t + 4, le);
  if (ifd + 2 > end) return 1;
  const n = u16(b, ifd, le);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) break;
    if (u16(b, e, le) === 0x0112) {
      const v = u16(b, e + 8, le);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/** Width, height and orientation from a JPEG's markers (SOFn, APP1) without decoding it; null if unreadable. */
export function jpegHeader(b: Uint8Array): ImageHeader | null {
  let i = 2;
  let orientation = 1;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { i += 2; continue; }
    const len = u16(b, i + 2);
    if (len < 2) return null;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(b, i + 4, Math.min(b.length, i + 2 + len));
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      return { height: u16(b, i + 5), width: u16(b, i + 7), orientation };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan or end before any frame header
    i += 2 + len;
  }
  return null;
}

/** Width and height from a PNG's IHDR. */
export function pngHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 24 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return null;
  return { width: u32(b, 16), height: u32(b, 20), orientation: 1 };
}

export const headerOf = (b: Uint8Array, mediaType: string) =>
  (mediaType === 'image/jpeg' ? jpegHeader(b) : mediaType === 'image/png' ? pngHeader(b) : null);

/** The size to shrink to: the long side IMAGE_MAX_EDGE, the other in proportion (at least 1 px). */
export function targetSize(width: number, height: number): { width: number; height: number } {
  const scale = IMAGE_MAX_EDGE / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const refuseHuge = (h: ImageHeader) => new AppError('PAYLOAD_TOO_LARGE', '图片像素过多，请缩小后上传', [{
  field: 'file', code: 'IMAGE_TOO_LARGE',
  message: `图片为 ${h.width}×${h.height} 像素，超过 ${IMAGE_MAX_PIXELS / 1_000_000} 百万像素，请缩小后上传`,
}]);

function decode(buf: Buffer, mediaType: string): Rgba | null {
  try {
    if (mediaType === 'image/jpeg') {
      const d = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: IMAGE_MAX_PIXELS / 1_000_000, maxMemoryUsageInMB: 1024 });
      return { width: d.width, height: d.height, data: d.data };
    }
    const p = PNG.sync.read(buf);
    return { width: p.width, height: p.height, data: p.data };
  } catch {
    return null;
  }
}

function encode(img: Rgba, mediaType: string): Buffer {
  if (mediaType === 'image/jpeg') return jpeg.encode({ width: img.width, height: img.height, data: img.data }, 85).data;
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return PNG.sync.write(png, { colorType: isOpaque(img) ? 2 : 6, deflateLevel: 6 });
}

export type Downscaled = { changed: false } | { changed: true; content: Buffer; width: number; height: number };

/**
 * The image shrunk when its long side exceeds IMAGE_MAX_EDGE (other types, small or unreadable
 * images: unchanged). Refuses (413 IMAGE_TOO_LARGE) an image over IMAGE_MAX_PIXELS before decoding.
 */
export function downscaleImage(buf: Buffer, mediaType: string): Downscaled {
  if (mediaType !== 'image/jpeg' && mediaType !== 'image/png') return { changed: false };
  const head = headerOf(buf, mediaType);
  if (!head || Math.max(head.width, head.height) <= IMAGE_MAX_EDGE) return { changed: false };
  if (head.width * head.height > IMAGE_MAX_PIXELS) throw refuseHuge(head);
  const img = decode(buf, mediaType);
  if (!img) return { changed: false };
  const size = targetSize(img.width, img.height);
  const upright = orient(resizeArea(img, size.width, size.height), head.orientation);
  return { changed: true, content: encode(upright, mediaType), width: upright.width, height: upright.height };
}

/** The same, in place on a received file (read whole: at most ATTACHMENT_MAX_BYTES). */
export function downscaleImageFile(file: string, mediaType: string): Downscaled {
  if (mediaType !== 'image/jpeg' && mediaType !== 'image/png') return { changed: false };
  const r = downscaleImage(fs.readFileSync(file), mediaType);
  if (r.changed) fs.writeFileSync(file, r.content);
  return r;
}
