import { z } from 'zod';
import { normaliseRegionPrefix, REGION_PREFIX_MESSAGE } from '../domain/region-code.js';

export const RegionCode = z.string().regex(/^\d{12}$/, '区划代码应为12位数字');

/**
 * A region given as a filter or a grant: 2, 4, 6, 9 or 12 digits, normalised to the region it names
 * (440305003000 → 440305003; src/domain/region-code.ts). Whether it exists is checked where it is used.
 */
export const RegionPrefix = z.string().trim().regex(/^\d{2,12}$/, REGION_PREFIX_MESSAGE)
  .refine((v) => normaliseRegionPrefix(v).ok, REGION_PREFIX_MESSAGE)
  .overwrite((v) => {
    const r = normaliseRegionPrefix(v);
    return r.ok ? r.prefix : v;
  });

export const RegionOut = z.object({
  code: z.string(),
  level: z.number().int(),
  name: z.string(),
  parentCode: z.string().nullable(),
  initials: z.string(),
  /** Search results only: the full path, "广东省 › 深圳市 › 南山区". */
  pathName: z.string().optional(),
});
export type RegionOut = z.infer<typeof RegionOut>;

export const RegionChildrenQuery = z.object({ parent: RegionCode.optional() }).strict();
export const RegionListOut = z.object({ items: z.array(RegionOut) });

export const RegionDetailOut = RegionOut.extend({
  /** From the province down to the region itself. */
  path: z.array(RegionOut),
  childCount: z.number().int(),
});
export type RegionDetailOut = z.infer<typeof RegionDetailOut>;

export const RegionSearchQuery = z.object({
  q: z.string().trim().min(1, '请输入名称或拼音首字母').max(40),
  within: z.string().regex(/^\d{2,12}$/).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).strict();
