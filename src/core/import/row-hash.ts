/**
 * The source-row hash: 64 bits of a record exactly as the file holds it, so a re-import can tell an
 * unchanged row without decoding, parsing or normalising it (docs/import.md, "Unchanged rows").
 *
 * Two 32-bit murmur3-style lanes, cross-mixed, over the record's bytes (CSV) or its cells' UTF-16
 * code units (XLSX). Not cryptographic: it only has to tell a changed line from the line the same
 * enterprise had last time (a miss costs 2^-64), and it runs ~5× faster than one-shot SHA-1, which
 * matters at a million rows per re-import. The file's fingerprint (format, encoding, header,
 * mapping, normaliser version) is XORed in, so the same bytes under another reading never match.
 */
export type RowHash = { hi: number; lo: number };

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes one 32-bit word into each lane; the two lanes use different constants and rotations. */
function mix(h1: number, h2: number, k1: number, k2: number, out: Int32Array): void {
  k1 = Math.imul(k1, C1);
  k1 = (k1 << 15) | (k1 >>> 17);
  h1 ^= Math.imul(k1, C2);
  h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
  k2 = Math.imul(k2, C2);
  k2 = (k2 << 17) | (k2 >>> 15);
  h2 ^= Math.imul(k2, C1);
  h2 = (Math.imul((h2 << 15) | (h2 >>> 17), 5) + 0x38495ab5) | 0;
  out[0] = (h1 + h2) | 0;
  out[1] = (h2 + out[0]) | 0;
}

function finish(h1: number, h2: number, length: number, seed: RowHash): RowHash {
  h1 = fmix(h1 ^ length);
  h2 = fmix(h2 ^ length);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  return { hi: h1 ^ seed.hi, lo: h2 ^ seed.lo };
}

const lanes = new Int32Array(2);

/** Hash of bytes [start, end) of `b`. The word loop is `mix` written out: it runs a million times a file. */
export function hashBytes(b: Uint8Array, start: number, end: number, seed: RowHash = ZERO): RowHash {
  let h1 = 0x9747b28c;
  let h2 = 0x85ebca6b;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    let k1 = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    let k2 = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, C2);
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    k2 = Math.imul(k2, C2);
    k2 = (k2 << 17) | (k2 >>> 15);
    h2 ^= Math.imul(k2, C1);
    h2 = (Math.imul((h2 << 15) | (h2 >>> 17), 5) + 0x38495ab5) | 0;
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
  }
  let tail = 0;
  for (let shift = 0; i < end; i++, shift += 8) {
    if (shift === 32) {
      mix(h1, h2, tail, 0, lanes);
      h1 = lanes[0]!;
      h2 = lanes[1]!;
      tail = 0;
      shift = 0;
    }
    tail |= b[i]! << shift;
  }
  mix(h1, h2, tail, ~tail, lanes);
  return finish(lanes[0]!, lanes[1]!, end - start, seed);
}

/** Hash of a text's UTF-16 code units, two per word. */
export function hashText(s: string, seed: RowHash = ZERO): RowHash {
  let h1 = 0x3c6ef372;
  let h2 = 0xa54ff53a;
  let i = 0;
  for (; i + 4 <= s.length; i += 4) {
    mix(h1, h2, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16), s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16), lanes);
    h1 = lanes[0]!;
    h2 = lanes[1]!;
  }
  let k1 = 0;
  let k2 = 0;
  if (i < s.length) k1 = s.charCodeAt(i) | ((s.charCodeAt(i + 1) || 0) << 16);
  if (i + 2 < s.length) k2 = s.charCodeAt(i + 2);
  mix(h1, h2, k1, k2 ^ 0x5bd1e995, lanes);
  return finish(lanes[0]!, lanes[1]!, s.length, seed);
}

/** A record known only by its cells (XLSX, or CSV rows the byte path hands back): cells joined by U+001F. */
export const hashCells = (cells: readonly string[], seed: RowHash): RowHash => hashText(cells.join('\u001f'), seed);

export const ZERO: RowHash = { hi: 0, lo: 0 };

/** The seed of one file's reading: every input that changes how a record becomes facts. */
export function fingerprintSeed(parts: readonly string[]): RowHash {
  return hashText(parts.join('\u001e'));
}

/** 8 bytes, big-endian hi then lo: how the hash is stored (enterprise.source_row_hash bytea). */
export function rowHashHex(h: RowHash): string {
  return (h.hi >>> 0).toString(16).padStart(8, '0') + (h.lo >>> 0).toString(16).padStart(8, '0');
}

export function rowHashFromBytes(b: Uint8Array, at: number): RowHash {
  return {
    hi: (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!,
    lo: (b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!,
  };
}
