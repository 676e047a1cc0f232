import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of an enterprise name for search ("北京华通科技有限公司" → "bjhtkjyxgs"), computed
 * once per row at import time, so it must be cheap for a million rows. Each character's initial is
 * cached; a character with several readings (行, 重, 长…) is read in its three-character window
 * (cached too), which settles 银行 / 重庆 / 长沙 the way whole-name conversion would, at a fraction
 * of its cost. Letters and digits are kept, lower-cased; other symbols are dropped.
 */
const OPTS = { pattern: 'first', toneType: 'none', type: 'array' } as const;
const single = new Map<string, string>();
const polyphone = new Set<string>();
const windows = new Map<string, string>();

function learn(ch: string): string {
  if (/^[0-9a-z]$/i.test(ch)) {
    single.set(ch, ch.toLowerCase());
    return ch.toLowerCase();
  }
  const first = (pinyin(ch, OPTS)[0] ?? '').toLowerCase();
  const value = /^[a-z]$/.test(first) ? first : '';
  const readings = new Set(pinyin(ch, { ...OPTS, multiple: true }).map((r) => r.toLowerCase()));
  if (readings.size > 1) polyphone.add(ch);
  single.set(ch, value);
  return value;
}

function inContext(chars: string[], i: number): string {
  const from = Math.max(0, i - 1);
  const key = chars.slice(from, i + 2).join('');
  let cached = windows.get(key);
  if (cached === undefined) {
    const read = pinyin(key, OPTS)[i - from] ?? '';
    cached = /^[a-z]$/i.test(read) ? read.toLowerCase() : (single.get(chars[i]) ?? '');
    windows.set(key, cached);
  }
  return cached;
}

export function enterpriseInitials(name: string): string {
  const chars = [...name];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const v = single.get(ch) ?? learn(ch);
    out += polyphone.has(ch) ? inContext(chars, i) : v;
  }
  return out;
}
