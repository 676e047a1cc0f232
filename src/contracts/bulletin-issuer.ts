import { z } from 'zod';
import { RegionPrefix } from './region.js';

/**
 * How one region's office issues its bulletins (docs/bulletin.md): the document-number prefix
 * (发文字号 代字, e.g. 南组通), the issuing office's name (发文机关标志), 抄送 and the printing office
 * (印发机关). Unset fields fall back to defaults made from the region's names; `defaults` says
 * what they are so the form can show them.
 */
const Text = (label: string, max: number) => z.string().trim().max(max, `${label}不超过 ${max} 个字`);

export const BulletinIssuerQuery = z.object({ region: RegionPrefix });

export const BulletinIssuerFields = z.object({
  docPrefix: Text('发文字号代字', 20).min(1, '请填写发文字号代字')
    .refine((v) => !/[〔〕[\]（）()\d]/.test(v), '代字只写机关代字（如“南组通”），年份和序号由系统编排'),
  office: Text('发文机关名称', 60).min(2, '请填写发文机关名称'),
  copyTo: Text('抄送机关', 200),
  printedBy: Text('印发机关', 60).min(2, '请填写印发机关'),
});
export type BulletinIssuerFields = z.infer<typeof BulletinIssuerFields>;

export const BulletinIssuerSave = BulletinIssuerFields.extend({
  region: RegionPrefix,
  /** 0 when the region has no settings yet; otherwise the version read. */
  version: z.number().int().min(0),
}).strict();
export type BulletinIssuerSave = z.infer<typeof BulletinIssuerSave>;

export const BulletinIssuer = BulletinIssuerFields.extend({
  region: z.string(),
  regionName: z.string(),
  /** 0 = never saved: every field is its default. */
  version: z.number().int(),
  defaults: BulletinIssuerFields,
  /** 主送 as the next bulletin will print it (from the region's children). */
  mainTo: z.string(),
  /** This year's numbers so far and the next one, e.g. 南组通〔2026〕4号. */
  year: z.number().int(),
  issuedThisYear: z.number().int(),
  nextNumber: z.string(),
});
export type BulletinIssuer = z.infer<typeof BulletinIssuer>;
