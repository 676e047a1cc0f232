import type { Executor } from '../../db/schema.js';
import { SIZE_CLASS_LABEL } from '../../domain/enterprise-facts.js';
import { REGION_LENGTHS } from '../../domain/metrics.js';
import type { GroupBy } from './coverage.repository.js';
import { placeNames, regionNames } from './snapshot.repository.js';

/** A child key whose own segment is all zeros holds the parent's enterprises placed no deeper. */
function ownLevel(key: string): boolean {
  const parent = [...REGION_LENGTHS].reverse().find((l) => l < key.length) ?? 0;
  return parent > 0 && /^0+$/.test(key.slice(parent));
}

/** Display names for group keys: regions, parks, associations by name; sizes in Chinese. */
export async function groupLabels(db: Executor, by: GroupBy, keys: Array<string | null>): Promise<Map<string | null, string>> {
  const out = new Map<string | null, string>();
  const present = keys.filter((k): k is string => k !== null && k !== '');
  if (by === 'region') {
    const names = await regionNames(db, present.map((k) => k.padEnd(12, '0')));
    for (const k of present) out.set(k, ownLevel(k) ? '本级（未落到下级区划）' : names.get(k.padEnd(12, '0')) ?? k);
    out.set(null, '待认定属地');
  } else if (by === 'park' || by === 'association') {
    const names = await placeNames(db, by, present);
    for (const k of present) out.set(k, names.get(k) ?? k);
    out.set(null, by === 'park' ? '不在园区' : '未加入协会商会');
  } else if (by === 'size') {
    for (const k of present) out.set(k, SIZE_CLASS_LABEL[k as keyof typeof SIZE_CLASS_LABEL] ?? k);
    out.set(null, '规模未知');
  } else {
    for (const k of present) out.set(k, k);
    out.set(null, by === 'industry' ? '行业未知' : '合计');
  }
  out.set('', by === 'none' ? '合计' : out.get(null) ?? '');
  return out;
}
