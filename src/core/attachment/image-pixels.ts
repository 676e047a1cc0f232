/**
 * Pixel work for server-side photo downscaling (image-downscale.ts): an area-average resize and the
 * eight EXIF orientations, on RGBA bytes. Area averaging (each output pixel the mean of the source
 * pixels it covers, fractions weighted) is the right filter for shrinking by 2–10×: no aliasing, no
 * ringing, and it is simple enough to own instead of pulling in an image library.
 */
export type Rgba = { width: number; height: number; data: Uint8Array };

/** Which source pixels each output pixel covers along one axis, and by how much. */
function spans(src: number, dst: number): { first: Int32Array; weights: Float32Array[] } {
  const scale = src / dst;
  const first = new Int32Array(dst);
  const weights: Float32Array[] = [];
  for (let i = 0; i < dst; i++) {
    const a = i * scale;
    const b = Math.min(src, (i + 1) * scale);
    const lo = Math.floor(a);
    const hi = Math.min(src, Math.ceil(b));
    const w = new Float32Array(hi - lo);
    for (let k = lo; k < hi; k++) w[k - lo] = (Math.min(b, k + 1) - Math.max(a, k)) / scale;
    first[i] = lo;
    weights.push(w);
  }
  return { first, weights };
}

/**
 * Shrinks to width × height (each at most the source's). Colour is averaged premultiplied by alpha,
 * so a transparent PNG's invisible pixels do not darken its edges. One output row at a time: memory
 * beside the two images is a few rows, whatever the photo's size (a source row on a boundary between
 * two output rows is shrunk twice, which is cheaper than holding them all).
 */
export function resizeArea(img: Rgba, width: number, height: number): Rgba {
  const { width: sw, height: sh, data: s } = img;
  const xs = spans(sw, width);
  const ys = spans(sh, height);
  const row = new Float32Array(width * 4);
  const acc = new Float32Array(width * 4);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    const wy = ys.weights[y]!;
    for (let k = 0; k < wy.length; k++) {
      shrinkRow(s, (ys.first[y]! + k) * sw * 4, xs, row);
      const wk = wy[k]!;
      for (let i = 0; i < row.length; i++) acc[i]! += row[i]! * wk;
    }
    for (let x = 0; x < width; x++) {
      const i = x * 4;
      const a = acc[i + 3]!;
      const o = (y * width + x) * 4;
      if (a > 0) {
        out[o] = clamp(acc[i]! / a); out[o + 1] = clamp(acc[i + 1]! / a); out[o + 2] = clamp(acc[i + 2]! / a);
      }
      out[o + 3] = clamp(a);
    }
  }
  return { width, height, data: out };
}

/** One source row (from byte `at`) averaged across into `into`, premultiplied by alpha. */
function shrinkRow(s: Uint8Array, at: number, xs: ReturnType<typeof spans>, into: Float32Array): void {
  for (let x = 0; x < xs.first.length; x++) {
    const w = xs.weights[x]!;
    let r = 0, g = 0, b = 0, a = 0;
    for (let k = 0, p = at + xs.first[x]! * 4; k < w.length; k++, p += 4) {
      const wa = w[k]! * s[p + 3]!;
      r += s[p]! * wa; g += s[p + 1]! * wa; b += s[p + 2]! * wa; a += wa;
    }
    const o = x * 4;
    into[o] = r; into[o + 1] = g; into[o + 2] = b; into[o + 3] = a;
  }
}

const clamp = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * Turns the pixels upright for an EXIF orientation (1 = as stored … 8), so a photo whose metadata
 * is dropped on re-encoding still shows the right way up. 5–8 swap width and height.
 */
export function orient(img: Rgba, orientation: number): Rgba {
  if (orientation < 2 || orientation > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Where the stored pixel (x, y) lands in the upright picture.
      let dx: number, dy: number;
      switch (orientation) {
        case 2: dx = w - 1 - x; dy = y; break;
        case 3: dx = w - 1 - x; dy = h - 1 - y; break;
        case 4: dx = x; dy = h - 1 - y; break;
        case 5: dx = y; dy = x; break;
        case 6: dx = h - 1 - y; dy = x; break;
        case 7: dx = h - 1 - y; dy = w - 1 - x; break;
        default: dx = y; dy = w - 1 - x; break; // 8
      }
      const si = (y * w + x) * 4;
      const di = (dy * ow + dx) * 4;
      out[di] = data[si]!; out[di + 1] = data[si + 1]!; out[di + 2] = data[si + 2]!; out[di + 3] = data[si + 3]!;
    }
  }
  return { width: ow, height: oh, data: out };
}

export const isOpaque = (img: Rgba) => {
  for (let i = 3; i < img.data.length; i += 4) if (img.data[i] !== 255) return false;
  return true;
};
