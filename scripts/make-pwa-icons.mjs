// Draws the installable app's icons (docs/pwa.md) into web/public/icons: Party red with a gold star
// over three white lines (a work list) — no text, so no font is needed and the icon reads at 48 px;
// not a single star alone, which would read as another country's flag. The maskable icon keeps the
// drawing inside the central 80 % circle that launchers may crop to. Run again only when the
// design changes: `node scripts/make-pwa-icons.mjs` (the PNGs are committed).
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const RED = [0xc4, 0x1d, 0x1d];
const GOLD = [0xff, 0xd7, 0x00];
const WHITE = [0xff, 0xff, 0xff];
const out = path.resolve('web/public/icons');

/** Is (x, y) inside the star polygon centred at (cx, cy) with outer radius r? (even-odd rule) */
function inStar(x, y, cx, cy, r) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rad = i % 2 === 0 ? r : r * 0.382;
    pts.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  }
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside one of the three rounded bars under the star (coordinates in units of the drawing's box). */
function inBars(u, v) {
  const bars = [[0.62, 0.56], [0.74, 0.46], [0.86, 0.34]]; // [centre y, width]
  const h = 0.065;
  return bars.some(([cy, w]) => {
    const dy = Math.abs(v - cy);
    const dx = Math.max(Math.abs(u - 0.5) - (w / 2 - h / 2), 0);
    return dx * dx + dy * dy <= (h / 2) * (h / 2);
  });
}

function draw(size, { maskable }) {
  const png = new PNG({ width: size, height: size });
  const radius = maskable ? 0 : size * 0.18; // rounded corners unless the launcher masks it
  const box = maskable ? size * 0.72 : size * 0.86; // the drawing's box, centred
  const off = (size - box) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
      const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
      const outside = radius > 0 && dx * dx + dy * dy > radius * radius;
      // 4× supersampling of the edges
      let star = 0;
      let bar = 0;
      for (const [ox, oy] of [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]]) {
        const u = (x + ox - off) / box;
        const v = (y + oy - off) / box;
        if (inStar(u, v, 0.5, 0.3, 0.24)) star++;
        else if (inBars(u, v)) bar++;
      }
      const [ts, tb] = [star / 4, bar / 4];
      const rgb = RED.map((c, k) => Math.round(c * (1 - ts - tb) + GOLD[k] * ts + WHITE[k] * tb));
      png.data[i] = rgb[0]; png.data[i + 1] = rgb[1]; png.data[i + 2] = rgb[2];
      png.data[i + 3] = outside ? 0 : 255;
    }
  }
  return PNG.sync.write(png);
}

fs.mkdirSync(out, { recursive: true });
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]]) {
  fs.writeFileSync(path.join(out, name), draw(size, { maskable }));
  console.log('wrote', name);
}
