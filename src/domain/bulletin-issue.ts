/**
 * How a bulletin is issued as an official document (党政机关公文格式 GB/T 9704 as the model): the
 * document number (发文字号), the issuing office's name (发文机关标志), the addressees (主送机关)
 * from the region's children, and the defaults an office starts from before its administrator sets
 * its own (docs/bulletin.md). Pure: no I/O.
 */

/** Region levels by significant prefix length (2 province, 4 city, 6 county, 9 township, 12 community). */
export type RegionLevelLength = 2 | 4 | 6 | 9 | 12;

/** "南组通〔2026〕3号": the year in 六角括号 and the number without leading zeros or 第. */
export const formatDocNumber = (prefix: string, year: number, seq: number): string => `${prefix}〔${year}〕${seq}号`;

/** 2026-03-05 → 2026年3月5日 (印发日期 and 成文日期 in Arabic numerals, no leading zeros). */
export const chineseDate = (iso: string): string => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

// Grouping rows of the statistics dictionary that never name a real place (docs/regions.md).
const GROUPING = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
export const isGroupingRegion = (name: string): boolean => GROUPING.has(name);

const SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '街道办事处', '街道', '省', '市', '区', '县', '镇', '乡', '地区', '盟', '旗'];
/** The name without its level word: 南山区 → 南山, 北山街道 → 北山, 广东省 → 广东. */
export function shortName(name: string): string {
  for (const s of SUFFIXES) if (name.length > s.length + 1 && name.endsWith(s)) return name.slice(0, -s.length);
  return name;
}

/**
 * The prefix an office numbers with until its administrator sets its own: the first character of
 * the short name and 组通 for an organisation department (南山区 → 南组通), the short name and 工通
 * for a street's working committee (北山街道 → 北山工通), 党通 below that.
 */
export function defaultDocPrefix(name: string, len: RegionLevelLength): string {
  const short = shortName(name);
  if (len <= 6) return `${short.slice(0, 1)}组通`;
  if (len === 9) return `${short.slice(0, 2)}工通`;
  return `${short.slice(0, 2)}党通`;
}

/**
 * The issuing office's full name from the region's chain of names, province first (grouping rows
 * already left out): a county's department carries its city (中共深圳市南山区委组织部), a street's
 * working committee its city and county (中共深圳市南山区粤海街道工作委员会).
 */
export function defaultOffice(chain: string[], len: RegionLevelLength): string {
  const own = chain[chain.length - 1] ?? '';
  const above = (n: number) => chain.slice(Math.max(0, chain.length - 1 - n), -1).filter((x) => !/省$|自治区$/.test(x)).join('');
  if (len === 2 || len === 4) return `中共${own}委组织部`;
  if (len === 6) return `中共${above(1)}${own}委组织部`;
  if (len === 9) return `中共${above(2)}${own}工作委员会`;
  return `中共${own}委员会`;
}

/** 抄送: the department above (市委组织部 for a county), in the short form GB/T 9704 allows. */
export function defaultCopyTo(parentName: string | null, parentLen: RegionLevelLength | null): string {
  if (!parentName || !parentLen) return '';
  if (parentLen <= 6) return `${parentName}委组织部`;
  if (parentLen === 9) return `${parentName}党工委`;
  return '';
}

type Kind = { word: string; org: string };
const kindOf = (name: string, childLen: RegionLevelLength): Kind | null => {
  if (childLen === 9) {
    if (/街道(办事处)?$/.test(name)) return { word: '街道', org: '党工委' };
    if (/镇$/.test(name)) return { word: '镇', org: '党委' };
    if (/乡$|苏木$/.test(name)) return { word: '乡', org: '党委' };
    return null;
  }
  if (childLen === 12) {
    if (/社区|居委会|居民委员会/.test(name)) return { word: '社区', org: '党组织' };
    if (/村/.test(name)) return { word: '村', org: '党组织' };
    return null;
  }
  if (/盟$|地区$/.test(name)) return { word: '地区', org: '委组织部' };
  if (/区$/.test(name)) return { word: '区', org: '委组织部' };
  if (/县$|旗$/.test(name)) return { word: '县', org: '委组织部' };
  if (/市$/.test(name)) return { word: '市', org: '委组织部' };
  if (/州$/.test(name)) return { word: '州', org: '委组织部' };
  return null;
};

// The customary order inside 各X（Y、Z）: towns before streets, districts before counties and cities.
const ORDER = ['乡', '镇', '街道', '区', '县', '市', '州', '地区', '村', '社区'];

/**
 * 主送: every kind of child once, the first in front and the others in brackets, as offices write
 * it — 各街道党工委; 各镇党委; 各镇（街道）党（工）委; 各区委组织部; 各区（县）委组织部;
 * 各村（社区）党组织. 乡 and 镇 together read 乡镇. Children of no known kind add 各有关单位; no
 * children at all (a community, or a dictionary not loaded that deep) is just 各有关单位.
 */
export function mainToFor(childNames: string[], childLen: RegionLevelLength | null): string {
  if (!childLen || !childNames.length) return '各有关单位';
  const kinds = new Map<string, Kind>();
  let other = false;
  for (const n of childNames) {
    const k = kindOf(n, childLen);
    if (k) kinds.set(k.word, k);
    else other = true;
  }
  const list = ORDER.filter((w) => kinds.has(w));
  if (list.includes('乡') && list.includes('镇')) list.splice(list.indexOf('乡'), 2, '乡镇');
  const orgs = [...new Set(list.map((w) => (w === '乡镇' ? '党委' : kinds.get(w)!.org)))];
  let out = '';
  if (list.length) {
    const words = list.length === 1 ? list[0] : `${list[0]}（${list.slice(1).join('、')}）`;
    // 党委 and 党工委 together: 党（工）委.
    const org = orgs.length === 1 ? orgs[0] : orgs.every((o) => o === '党委' || o === '党工委') ? '党（工）委' : orgs[0];
    out = `各${words}${org}`;
  }
  if (other) out = out ? `${out}，各有关单位` : '各有关单位';
  return out;
}
