/**
 * Region codes as people type them: the 12-digit statistical code (统计用区划代码, 440305003000), its
 * 9-digit township form, the 6-digit county code (GB/T 2260, 440305), or a province / city prefix
 * (44, 4403). Anywhere a code names an area — grants, filters, imports, the CLI — it means the region
 * it names, so trailing zero levels are stripped: 440305003000 → 440305003, 440300 → 4403. Taken
 * literally, "440305003000" as a prefix would match only the street's own code and none of its
 * communities (docs/regions.md).
 */
const LEVEL_ENDS = [2, 4, 6, 9, 12] as const;

export type RegionPrefixProblem = 'format' | 'length';

/** The significant digits of the region a code names, or why it names none. */
export function normaliseRegionPrefix(input: string): { ok: true; prefix: string } | { ok: false; problem: RegionPrefixProblem } {
  const digits = input.trim();
  if (!/^\d+$/.test(digits)) return { ok: false, problem: 'format' };
  if (!(LEVEL_ENDS as readonly number[]).includes(digits.length)) return { ok: false, problem: 'length' };
  const padded = digits.padEnd(12, '0');
  const end = LEVEL_ENDS.find((l) => /^0*$/.test(padded.slice(l))) ?? 12;
  return padded.slice(0, end) === '00' ? { ok: false, problem: 'format' } : { ok: true, prefix: padded.slice(0, end) };
}

export const REGION_PREFIX_MESSAGE = '区划代码应为2、4、6、9或12位数字（如 44、4403、440305、440305003、440305003000）';

/** The 12-digit code of the region a normalised prefix names (its own row in the dictionary). */
export const regionCodeOfPrefix = (prefix: string): string => prefix.padEnd(12, '0');
