/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). The engine parses each
 * `YYYY-MM-DD` once into an integer so that comparisons in the hot path are integer compares and
 * nothing allocates; `Date` is avoided because it is slower and time-zone sensitive.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * Parses `YYYY-MM-DD` by character codes (the hot path calls this for every interval it reads).
 * The input is trusted: the facts were validated by the zod contract or built by our own code.
 */
export function toDay(date: string): number {
  const y =
    (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return daysFromCivil(y, m, d);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function fromDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** True for a real calendar date in `YYYY-MM-DD` form (used by the contract, not the hot path). */
export function isIsoDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const c = civilFromDays(daysFromCivil(y, mo, d));
  return c.y === y && c.m === mo && c.d === d;
}

const daysInMonth = (y: number, m: number) => daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);

/** Adds calendar months; the day of month is clamped (01-31 + 1 month = 02-28/29). */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = civilFromDays(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export const addYears = (day: number, years: number): number => addMonths(day, years * 12);
