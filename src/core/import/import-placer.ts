import type { Executor } from '../../db/schema.js';

/**
 * The placer an import uses. Interface of src/core/region/placement.ts (helper C); until that lands
 * this stand-in places only rows that name an existing region code, and otherwise records the
 * county from the credit code (when it exists) as a pending placement — never a guess.
 */
export type PlaceInput = { address: string | null; creditCode: string; regionCode?: string | null };
export type PlaceResult = { regionCode: string | null; level: number; placed: boolean; reason: string };
export type Placer = { place(input: PlaceInput): PlaceResult };

export async function createImportPlacer(db: Executor): Promise<Placer> {
  const rows = await db.selectFrom('region').select(['code', 'level']).execute();
  const levels = new Map(rows.map((r) => [r.code, r.level]));
  return {
    place({ creditCode, regionCode }) {
      if (regionCode && levels.has(regionCode)) {
        return { regionCode, level: levels.get(regionCode) ?? 0, placed: true, reason: '文件指定属地区划代码' };
      }
      const county = `${creditCode.slice(2, 8)}000000`;
      if (levels.get(county) === 3) return { regionCode: county, level: 3, placed: false, reason: '仅能确定区县' };
      return { regionCode: null, level: 0, placed: false, reason: '无法认定属地' };
    },
  };
}
