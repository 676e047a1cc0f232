import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * A page of a PDF as pixels, rendered by poppler's pdftoppm (the same tool a reviewer uses) as a
 * binary PPM, which is simple enough to read here without an image library; a PNG of the same page
 * is written beside it for people to look at.
 */
export type Pixels = { width: number; height: number; data: Buffer };

export function renderPage(pdf: string, page: number, dpi: number, pngRoot?: string): Pixels {
  const root = pdf.replace(/\.pdf$/, `-p${page}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, root]);
  if (pngRoot) execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, pngRoot]);
  const raw = fs.readFileSync(`${root}.ppm`);
  // Header: "P6\n<w> <h>\n255\n" (pdftoppm writes no comments).
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(raw.subarray(0, 40).toString('latin1'));
  if (!m) throw new Error('pdftoppm did not write a binary PPM');
  return { width: Number(m[1]), height: Number(m[2]), data: raw.subarray(m[0].length) };
}

const at = (p: Pixels, x: number, y: number) => {
  const i = (y * p.width + x) * 3;
  return [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!] as const;
};
export const isRed = ([r, g, b]: readonly [number, number, number]) => r > 170 && g < 90 && b < 90;
const isInk = ([r, g, b]: readonly [number, number, number]) => r + g + b < 600;

/** Red pixels in each row. */
export function redPerRow(p: Pixels): number[] {
  const out: number[] = [];
  for (let y = 0; y < p.height; y++) {
    let n = 0;
    for (let x = 0; x < p.width; x++) if (isRed(at(p, x, y))) n++;
    out.push(n);
  }
  return out;
}

/** The share of rows between two heights (fractions of the page) that carry any ink at all. */
export function inkedRowShare(p: Pixels, from: number, to: number): number {
  const [y0, y1] = [Math.floor(p.height * from), Math.floor(p.height * to)];
  let inked = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < p.width; x++) {
      if (isInk(at(p, x, y))) { inked++; break; }
    }
  }
  return inked / (y1 - y0);
}

/** The tallest band of blank rows between two heights, as a share of the page height. */
export function tallestBlankBand(p: Pixels, from: number, to: number): number {
  const [y0, y1] = [Math.floor(p.height * from), Math.floor(p.height * to)];
  let run = 0;
  let best = 0;
  for (let y = y0; y < y1; y++) {
    let inked = false;
    for (let x = 0; x < p.width && !inked; x++) inked = isInk(at(p, x, y));
    run = inked ? 0 : run + 1;
    best = Math.max(best, run);
  }
  return best / p.height;
}
