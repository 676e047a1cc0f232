import ExcelJS from 'exceljs';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * The district view of organisational life in the scope property test (docs/life.md, "District
 * view"): the roll-up's total, the drill-down read in pages of 2 and its XLSX hold exactly the
 * active 党支部 the reader sees (own place or a current link), under org.read.
 */
type Json = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();

function wanted(c: Ctx, user: string, branches: Array<{ id: string; name: string; region_code: string | null }>) {
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const o = new Oracle(c.model);
  return { held: read.held, rows: branches.filter((b) => read.held && c.model.orgs.has(b.id) && o.visible(read, 'org', b.id)) };
}

export const lifeDistrict = (form: 'json' | 'xlsx'): Op => async (c, user) => {
  const branches = await c.database.db.selectFrom('party_org').select(['id', 'name', 'region_code']).where('status', '=', 'active').where('org_type', '=', 'branch').execute();
  const want = wanted(c, user, branches);
  const problems: string[] = [];
  const s = c.sessions[user];
  if (form === 'json') {
    const got: string[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const res = await call(c.app, s, 'GET', `/api/life/compliance/orgs?year=2024&limit=2&offset=${offset}`);
      same(problems, 'status', want.held ? 200 : 403, res.statusCode);
      if (res.statusCode !== 200) break;
      const body = res.json() as { items: Json[]; nextOffset: number | null; total: number };
      got.push(...body.items.map((i) => String(i.orgId)));
      if (offset === 0) same(problems, 'total', want.rows.length, body.total);
      offset = body.nextOffset;
    }
    if (want.held) same(problems, 'rows', sorted(want.rows.map((b) => b.id)), sorted(got.filter((id) => c.model.orgs.has(id))));
    const roll = await call(c.app, s, 'GET', '/api/life/compliance?year=2024&level=district');
    if (roll.statusCode === 200) same(problems, 'sum', want.rows.filter((b) => b.region_code).length, (roll.json() as { sum: { total: number } }).sum.total);
  } else {
    const res = await call(c.app, s, 'GET', '/api/life/compliance/orgs/export.xlsx?year=2024');
    same(problems, 'status', want.held ? 200 : 403, res.statusCode);
    if (res.statusCode === 200) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const got: string[] = [];
      wb.worksheets[0]!.eachRow((r, n) => { if (n > 1) got.push(String(r.getCell(1).value ?? '')); });
      const names = new Set(branches.filter((b) => c.model.orgs.has(b.id)).map((b) => b.name));
      same(problems, 'rows', sorted(want.rows.map((b) => b.name)), sorted(got.filter((n) => names.has(n))));
    }
  }
  return { op: form === 'json' ? 'lifeDistrict' : 'lifeDistrictExport', user, target: '-', problems };
};
