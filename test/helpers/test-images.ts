import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Photos made in the test with the same libraries the server decodes with: a JPEG whose left half is
 * red and right half blue (so a turn shows), optionally with an EXIF orientation, and a PNG with a
 * transparent left half.
 */
function halves(width: number, height: number, left: number[], right: number[]): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? left : right, (y * width + x) * 4);
  }
  return data;
}

/** A minimal EXIF block (big-endian TIFF, one IFD entry): Orientation = `orientation`. */
export function exifOrientation(orientation: number): Buffer {
  const b = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  b.write('Exif\0\0', 0, 'latin1');
  b.write('MM', 6, 'latin1');
  b.writeUInt16BE(42, 8);
  b.writeUInt32BE(8, 10);
  b.writeUInt16BE(1, 14);
  b.writeUInt16BE(0x0112, 16); b.writeUInt16BE(3, 18); b.writeUInt32BE(1, 20); b.writeUInt16BE(orientation, 24);
  return b;
}

export function testJpeg(width: number, height: number, orientation?: number): Buffer {
  const img = { width, height, data: halves(width, height, [220, 20, 20, 255], [20, 20, 220, 255]), ...(orientation ? { exifBuffer: exifOrientation(orientation) } : {}) };
  return jpeg.encode(img, 90).data;
}

export function testPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = halves(width, height, [0, 0, 0, 0], [30, 160, 60, 255]);
  return PNG.sync.write(png);
}

export const jpegSize = (b: Buffer) => { const d = jpeg.decode(b, { useTArray: true }); return { width: d.width, height: d.height }; };
export const decodeJpeg = (b: Buffer) => jpeg.decode(b, { useTArray: true, formatAsRGBA: true });
export const decodePng = (b: Buffer) => PNG.sync.read(b);
