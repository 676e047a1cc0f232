/**
 * Names for generated organisations, as a district's own would read: from the region dictionary
 * (粤海街道, 科技园社区), from the enterprise's own name (its short name, never cut mid-word) or from
 * a park. Never a code: a name whose region is unknown drops that part instead.
 */
export type RegionName = { code: string; level: number; name: string };

/** Legal forms at the end of an enterprise name, longest first (企业（有限合伙） before （有限合伙）). */
const LEGAL_FORMS = ['企业（有限合伙）', '企业（普通合伙）', '（有限合伙）', '（普通合伙）', '股份有限公司', '有限责任公司', '有限公司', '集团'];
/** The spoken form of a community: 科技园社区居委会 → 科技园社区, 白石洲村委会 → 白石洲村. */
const COMMUNITY_SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/社区居民委员会$/, '社区'], [/社区居委会$/, '社区'], [/居民委员会$/, '社区'], [/居委会$/, '社区'], [/村民委员会$/, '村'], [/村委会$/, '村'],
];
const DIGITS = '零一二三四五六七八九';
/** 2 → 第二, 11 → 第十一, 23 → 第二十三 (names carry no Arabic digits). */
export const ordinal = (n: number): string => {
  // From 1000 on (第一千零二, 第一万二千): the hundreds-only form gave 第undefined百 to 1000 and 1100 alike,
  // so a stem used more than a thousand times (a province's 非公企业联合党支部) never found a free name.
  if (n >= 1000) return `第${numeral(n)}`;
  const tens = Math.floor(n / 10) % 10;
  const ones = n % 10;
  const t = tens === 0 ? '' : `${tens === 1 ? '' : DIGITS[tens]}十`;
  return `第${n >= 100 ? DIGITS[Math.floor(n / 100)] + '百' : ''}${t}${ones ? DIGITS[ones] : ''}`;
};

/** 1000 → 一千, 1002 → 一千零二, 10500 → 一万零五百, 120000 → 十二万: positions with 零 for a gap. */
function numeral(n: number): string {
  if (n >= 10_000) {
    const high = Math.floor(n / 10_000);
    const rest = n % 10_000;
    return `${numeral(high)}万${rest === 0 ? '' : rest < 1000 ? `零${numeral(rest)}` : numeral(rest)}`;
  }
  const units: Array<[number, string]> = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let gap = false;
  for (const [size, unit] of units) {
    const d = Math.floor(n / size) % 10;
    if (d === 0) { gap = out !== ''; continue; }
    out += `${gap ? '零' : ''}${d === 1 && unit === '十' && out === '' ? '' : DIGITS[d]}${unit}`;
    gap = false;
  }
  return out;
}

export const communitySpoken = (name: string): string => {
  for (const [re, to] of COMMUNITY_SUFFIXES) if (re.test(name)) return name.replace(re, to);
  return name;
};

/** 科技园社区居委会 → 科技园 (the bare name used in 科技园联合党支部); a one-character remainder keeps 社区. */
export const communityBare = (name: string): string => {
  const spoken = communitySpoken(name);
  const bare = spoken.replace(/社区$/, '');
  return bare.length >= 2 ? bare : spoken;
};

/** Place words an enterprise name may start with: 广东省, 广东, 深圳市, 深圳, 南山区, 南山. */
function placeWords(regions: readonly RegionName[]): string[] {
  const out = new Set<string>();
  for (const r of regions) {
    if (r.level > 3) continue;
    out.add(r.name);
    const short = r.name.replace(/(省|市|区|县|自治区|自治州)$/, '');
    if (short.length >= 2) out.add(short);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

const withoutForm = (name: string): string => {
  const form = LEGAL_FORMS.find((f) => name.endsWith(f) && name.length > f.length);
  return form ? name.slice(0, -form.length) : name;
};

export type NameBook = {
  /** 深圳市达光供应链有限公司 → 达光供应链; the whole name when stripping leaves under two characters. */
  shortName(enterpriseName: string): string;
  /** 深圳市达光供应链企业（有限合伙） → 深圳市达光供应链: the name without its legal form (a fallback when short names collide). */
  plainName(enterpriseName: string): string;
  /** The region's own name (粤海街道), or '' when the dictionary does not know the code. */
  region(code: string): string;
  /** A name not given before in this book: 科技园联合党支部, then 科技园第二联合党支部 … */
  unique(stem: string, suffix: string, fallbacks?: readonly string[]): string;
};

export function createNameBook(regions: readonly RegionName[]): NameBook {
  const byCode = new Map(regions.map((r) => [r.code, r.name]));
  const places = placeWords(regions);
  const taken = new Set<string>();
  const next = new Map<string, number>();
  const take = (name: string) => {
    taken.add(name);
    return name;
  };
  return {
    plainName: (full) => withoutForm(full.trim()),
    shortName(full) {
      let name = withoutForm(full.trim());
      const place = places.find((p) => name.startsWith(p) && name.length - p.length >= 2);
      if (place) name = name.slice(place.length);
      return name.length >= 2 ? name : full;
    },
    region: (code) => byCode.get(code) ?? '',
    unique(stem, suffix, fallbacks = []) {
      for (const s of [stem, ...fallbacks]) if (!taken.has(s + suffix)) return take(s + suffix);
      // Counting on from the last ordinal given to this stem keeps a large plan linear.
      for (let i = (next.get(stem + suffix) ?? 1) + 1; ; i++) {
        const name = `${stem}${ordinal(i)}${suffix}`;
        if (taken.has(name)) continue;
        next.set(stem + suffix, i);
        return take(name);
      }
    },
  };
}

/** 12-digit codes of a code's township, county and city (a county-less city has no county row). */
export const townshipOf = (code: string): string => code.slice(0, 9).padEnd(12, '0');
export const countyOf = (code: string): string => code.slice(0, 6).padEnd(12, '0');
export const cityOf = (code: string): string => code.slice(0, 4).padEnd(12, '0');
