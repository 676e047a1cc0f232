import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials for search ("东华门街道" → "dhmjd"). Looking up each character once is ~10×
 * faster than converting whole names, but loses context for polyphones (重庆 is "cq", not "zq"),
 * so names holding a character with several readings are converted whole.
 */
const charInitial = new Map<string, string>();
const polyphone = new Set<string>();

const OPTS = { pattern: 'first', toneType: 'none', type: 'array' } as const;

function learn(ch: string): string {
  const first = (pinyin(ch, OPTS)[0] ?? '').toLowerCase();
  const readings = pinyin(ch, { ...OPTS, multiple: true });
  if (new Set(readings.map((r) => r.toLowerCase())).size > 1) polyphone.add(ch);
  const value = /^[a-z]$/.test(first) ? first : /^[a-z0-9]$/i.test(ch) ? ch.toLowerCase() : '';
  charInitial.set(ch, value);
  return value;
}

/** Village-level names mostly end in one of these; 会 is a polyphone (hui/kuai), so fix them here. */
const SUFFIXES: ReadonlyArray<[string, string]> = [
  ['社区居民委员会', 'sqjmwyh'], ['村民委员会', 'cmwyh'], ['居民委员会', 'jmwyh'],
  ['社区居委会', 'sqjwh'], ['居委会', 'jwh'], ['村委会', 'cwh'], ['委员会', 'wyh'],
];

export function nameInitials(name: string): string {
  for (const [suffix, initials] of SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) return stemInitials(name.slice(0, -suffix.length)) + initials;
  }
  return stemInitials(name);
}

function stemInitials(name: string): string {
  let out = '';
  let ambiguous = false;
  for (const ch of name) {
    const v = charInitial.get(ch) ?? learn(ch);
    if (polyphone.has(ch)) ambiguous = true;
    out += v;
  }
  if (!ambiguous) return out;
  return pinyin(name, OPTS)
    .map((s) => s.toLowerCase())
    .filter((s) => /^[a-z0-9]$/.test(s))
    .join('');
}
