import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the bulletin's issue settings (文号代字, 发文机关; docs/bulletin.md),
 * spread into MATRIX in permission-matrix.test.ts. County A = 440305: read by whoever generates its
 * bulletin (report.generate over it), set only by its department (report.configure over it). A
 * street officer generates the street's bulletin but sets nothing: 403 for the missing capability.
 */
const KEY = 'bulletin.issuer.440305000000';
async function version(c: Ctx): Promise<number> {
  const row = await c.database.db.selectFrom('app_setting').select('value').where('key', '=', KEY).executeTakeFirst();
  return (row?.value as { version?: number } | undefined)?.version ?? 0;
}

export const BULLETIN_ISSUER_MATRIX_ROWS: Row[] = [
  {
    route: 'GET /api/reports/bulletin-issuer', request: () => ({ url: '/api/reports/bulletin-issuer?region=440305' }),
    expect: { ok: ['sys', 'orgA'], hidden: ['orgB', 'townA', 'multi'] },
  },
  {
    route: 'PUT /api/reports/bulletin-issuer',
    request: async (c) => ({
      url: '/api/reports/bulletin-issuer',
      payload: { region: '440305', version: await version(c), docPrefix: '南组通', office: '中共深圳市南山区委组织部', copyTo: '深圳市委组织部', printedBy: '中共深圳市南山区委组织部' },
    }),
    expect: { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi'] },
  },
];
