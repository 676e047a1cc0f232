import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/org-terms.js';
import { COMMUNITIES, TOWNSHIPS } from '../factories/world.js';
import { multipart } from '../helpers/multipart.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { testEngine } from '../helpers/db.js';

/**
 * Issue 16's district views (docs/unions.md "工会服务 — district pages", "在统计和月通报中") and the
 * 职工之家 grade (docs/standards.md) on the two-street world: 跨街联合工会 (U1) lies in street T1 and
 * covers an enterprise of T0, A街工会 lies in T0. townA (T0) sees U1 through the link — counted under
 * U1's own street — orgA holds the county, orgB the other county and sees neither.
 */
const t = useTwoStreets(['sys', 'orgA', 'orgB', 'townA']);
const U1 = () => t.cs.unions['跨街联合工会'];
const UA = () => t.cs.unions['A街工会'];
const [T0, T1] = [TOWNSHIPS[0]!, TOWNSHIPS[1]!];
const YEAR = Number(todayInChina().slice(0, 4));
let made = 0;

async function member(unionId: string, dispatched = false): Promise<string> {
  const db = t.database.db;
  const { id } = await db.insertInto('person').values({ name: `区级页面会员${++made}`, region_code: COMMUNITIES[3] }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_member').values({ person_id: id, union_id: unionId, joined_on: '2024-01-01', status: 'active', dispatched }).execute();
  return id;
}
async function file(unionId: string, level: 'deep' | 'relative' | 'accident', status: 'applied' | 'approved' | 'closed', approvedOn: string | null, paid: Array<[string, number]> = []) {
  const db = t.database.db;
  const f = await db.insertInto('union_hardship_file').values({
    union_id: unionId, person_id: await member(unionId), level, reasons: ['illness'], applied_on: '2024-01-02', status, approved_on: approvedOn,
    closed_on: status === 'closed' ? '2024-06-01' : null, close_reason: status === 'closed' ? '脱困' : null,
  }).returning('id').executeTakeFirstOrThrow();
  for (const [paidOn, amount] of paid) await db.insertInto('union_hardship_payment').values({ file_id: f.id, paid_on: paidOn, kind: 'living', amount_fen: amount }).execute();
  return f.id;
}
type Counts = Record<string, number>;
const rowsOf = (r: { json(): unknown }) => r.json() as { rows: Array<Counts & { region: string }>; sum: Counts; year: number };

describe(`union district pages on ${testEngine()}`, () => {
  it('困难职工帮扶 by street and level: each number equals its drill-down; a union seen through a link counts under its own street', async () => {
    const thisYear = `${YEAR}-01-05`;
    await file(U1(), 'deep', 'approved', `${YEAR}-01-02`, [[thisYear, 30000], [`${YEAR - 1}-12-20`, 5000]]);
    await file(U1(), 'relative', 'approved', `${YEAR - 2}-03-01`); // 复核 overdue
    await file(U1(), 'accident', 'applied', null);
    await file(UA(), 'relative', 'approved', `${YEAR}-01-03`, [[thisYear, 12345]]);
    await file(UA(), 'deep', 'closed', '2023-01-01', [['2023-02-01', 100]]);

    const mine = await t.send('GET', '/api/hardship/rollup', undefined, 'orgA');
    expect(mine.statusCode).toBe(200);
    const r = rowsOf(mine);
    expect(r.year).toBe(YEAR);
    const t1 = r.rows.find((x) => x.region === T1)!;
    const t0 = r.rows.find((x) => x.region === T0)!;
    expect(t1).toMatchObject({ unions: 1, files: 3, applied: 1, approved: 2, deep: 1, relative: 1, accident: 0, overdue: 1, paidFiles: 1, paidFen: 30000 });
    expect(t0).toMatchObject({ files: 2, approved: 1, closed: 1, relative: 1, paidFiles: 1, paidFen: 12345 });
    expect(r.sum).toMatchObject({ files: 5, approved: 3, overdue: 1, paidFen: 42345 });

    // Every number drills to GET /api/hardship with the same filter and gives exactly its rows.
    const drill = async (q: string) => { const res = await t.send('GET', `/api/hardship?limit=200&${q}`, undefined, 'orgA'); expect(res.statusCode, res.body).toBe(200); return res.json() as { total: number; sums: { paidFenInYear?: number | null } }; };
    for (const row of r.rows) {
      expect((await drill(`region=${row.region}`)).total).toBe(row.files);
      expect((await drill(`region=${row.region}&status=approved&level=deep`)).total).toBe(row.deep);
      expect((await drill(`region=${row.region}&overdue=true`)).total).toBe(row.overdue);
      const paid = await drill(`region=${row.region}&paidYear=${YEAR}`);
      expect(paid.total).toBe(row.paidFiles);
      expect(paid.sums.paidFenInYear).toBe(row.paidFen);
    }

    // townA (street T0) sees U1 through the link: its files stay under T1, its own union under T0.
    const town = rowsOf(await t.send('GET', '/api/hardship/rollup', undefined, 'townA'));
    expect(town.rows.map((x) => x.region).sort()).toEqual([T0, T1]);
    expect(town.rows.find((x) => x.region === T1)).toMatchObject({ files: 3, overdue: 1 });
    const other = rowsOf(await t.send('GET', '/api/hardship/rollup', undefined, 'orgB'));
    expect(other.sum.files).toBe(0);
    expect((await t.send('GET', `/api/hardship/rollup?region=${T0}`, undefined, 'orgA')).json()).toMatchObject({ sum: { files: 2 } });
    expect((await t.send('GET', '/api/hardship/rollup?region=abc', undefined, 'orgA')).statusCode).toBe(400);

    const exp = await t.send('GET', '/api/hardship/rollup/export.xlsx', undefined, 'orgA');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'after']).where('action', '=', 'union.hardship.rollup.export').execute();
    expect(audit).toHaveLength(1);
  });

  it('工会经费 by street: months paid by the due date, late, not due and in arrears each equal the lines of that status', async () => {
    const db = t.database.db;
    const line = (unionId: string, month: string, paidFen: number, paidOn: string | null) => db.insertInto('union_funds_month')
      .values({ union_id: unionId, month: `2025-${month}-01`, payroll_fen: 1000000, due_fen: 20000, due_on: `2025-${month}-15`, paid_fen: paidFen, paid_on: paidOn }).execute();
    await line(U1(), '01', 20000, '2025-01-15'); // on the due date: on time
    await line(U1(), '02', 20000, '2025-02-16'); // a day late
    await line(U1(), '03', 5000, '2025-03-10'); // partly paid, now 欠缴
    await line(UA(), '01', 0, null); // unpaid: 欠缴
    const r = (await t.send('GET', '/api/union-funds/rollup?year=2025', undefined, 'orgA')).json() as { rows: Array<Counts & { region: string }>; sum: Counts };
    expect(r.rows.find((x) => x.region === T1)).toMatchObject({ lines: 3, onTimeLines: 1, lateLines: 1, arrearsLines: 1, arrearsFen: 15000, notDueLines: 0 });
    expect(r.sum).toMatchObject({ lines: 4, onTimeLines: 1, lateLines: 1, arrearsLines: 2 });
    const statuses = { onTimeLines: 'paid', lateLines: 'paidLate', arrearsLines: 'arrears', notDueLines: 'notDue', partlyPaidLines: 'partlyPaid' } as const;
    for (const row of r.rows) {
      for (const [key, status] of Object.entries(statuses)) {
        const page = (await t.send('GET', `/api/union-funds/lines?year=2025&region=${row.region}&status=${status}&limit=200`, undefined, 'orgA')).json() as { total: number };
        expect(page.total, `${row.region} ${status}`).toBe(row[key]);
      }
    }
    const town = (await t.send('GET', '/api/union-funds/rollup?year=2025', undefined, 'townA')).json() as { rows: Array<{ region: string }> };
    expect(town.rows.map((x) => x.region).sort()).toEqual([T0, T1]);
  });

  it('劳务派遣工入会占比: per union keeping a roster, the sums are the pair; through a link read, the other county sees none; export audited', async () => {
    const db = t.database.db;
    await db.updateTable('union_org').set({ roster_since: '2024-01-01' }).where('id', 'in', [U1(), UA()]).execute();
    await member(U1(), true);
    await member(UA(), true);
    await member(UA(), true);
    const all = await t.send('GET', '/api/union-members/dispatched', undefined, 'orgA');
    expect(all.statusCode).toBe(200);
    const body = all.json() as { items: Array<{ unionId: string; members: number; dispatched: number }>; total: number; sums: { members: number; dispatched: number } };
    const u1 = body.items.find((i) => i.unionId === U1())!;
    expect(u1.dispatched).toBe(1);
    expect(body.items.find((i) => i.unionId === UA())!.dispatched).toBe(2);
    expect(body.sums.dispatched).toBe(3);
    expect(body.sums.members).toBe(body.items.reduce((s, i) => s + i.members, 0));
    const { n } = await db.selectFrom('union_member').select((e) => e.fn.countAll<string>().as('n')).where('union_id', 'in', [U1(), UA()]).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(body.sums.members).toBe(Number(n));
    // Only the unions with a dispatched member: the numerator's rows.
    expect((await t.send('GET', '/api/union-members/dispatched?onlyDispatched=true', undefined, 'orgA')).json()).toMatchObject({ total: 2, sums: { dispatched: 3 } });
    expect((await t.send('GET', `/api/union-members/dispatched?regionPrefix=${T1}`, undefined, 'townA')).json()).toMatchObject({ total: 1, sums: { dispatched: 1 } });
    expect((await t.send('GET', '/api/union-members/dispatched', undefined, 'orgB')).json()).toMatchObject({ total: 0, sums: { members: 0, dispatched: 0 } });
    const exp = await t.send('GET', '/api/union-members/dispatched/export.xlsx', undefined, 'townA');
    expect(exp.statusCode).toBe(200);
    expect(await db.selectFrom('audit_event').select('action').where('action', '=', 'union_member.dispatched.export').execute()).toHaveLength(1);
  });

  it('职工之家: the district pass grades the total (92 → 模范职工之家), shown in the review, the list, the district view and the union history', async () => {
    const db = t.database.db;
    const created = await t.send('POST', '/api/standards/assessments', { templateId: 'workersHome', orgKind: 'union', orgId: UA(), year: YEAR }, 'sys');
    expect(created.statusCode).toBe(201);
    let a = created.json() as { id: string; version: number; items: Array<{ key: string }>; grades?: { thresholds: Array<{ grade: string; min: number }>; source: string } };
    expect(a.grades?.thresholds.map((g) => g.grade)).toEqual(['模范职工之家', '先进职工之家', '合格职工之家']);
    expect(a.grades?.source).toContain('本平台工作规则');
    for (const key of a.items.map((i) => i.key)) {
      const res = key === 'site'
        ? await (() => {
          const m = multipart({ version: String(a.version) }, { name: 'site.png', content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]) });
          return t.app.inject({ method: 'POST', url: `/api/standards/assessments/${a.id}/items/site/file`, payload: m.payload, headers: { ...m.headers, cookie: t.s.sys.cookie, 'x-csrf-token': t.s.sys.csrf } });
        })()
        : await t.send('PUT', `/api/standards/assessments/${a.id}/items/${key}`, { version: a.version, kind: 'attestation', attestation: `${key}情况说明` }, 'sys');
      expect(res.statusCode, key).toBe(200);
      a = res.json() as typeof a;
    }
    a = (await t.send('POST', `/api/standards/assessments/${a.id}/submit`, { version: a.version }, 'sys')).json() as typeof a;
    const marks = { organisation: 15, democracy: 19, bargaining: 18, women: 10, service: 17, site: 13 }; // 92
    const street = await t.send('POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks }, 'orgA');
    expect(street.statusCode).toBe(200);
    expect((street.json() as { grade: string | null; reviews: Array<{ grade: string | null }> }).reviews[0]!.grade).toBe('模范职工之家');
    const done = await t.send('POST', `/api/standards/assessments/${a.id}/reviews`, { version: (street.json() as { version: number }).version, decision: 'pass', marks: { ...marks, service: 7 } }, 'orgA');
    expect(done.statusCode).toBe(200);
    // 82 at the district: 先进职工之家 (and 4 stars would need 85).
    expect(done.json()).toMatchObject({ status: 'passed', total: 82, grade: '先进职工之家' });

    const list = (await t.send('GET', `/api/standards/reviews?year=${YEAR}&templateId=workersHome`, undefined, 'orgA')).json() as { items: Array<{ id: string; grade: string | null }> };
    expect(list.items.find((i) => i.id === a.id)?.grade).toBe('先进职工之家');
    const graded = (await t.send('GET', `/api/standards/reviews?year=${YEAR}&templateId=workersHome&grade=${encodeURIComponent('先进职工之家')}`, undefined, 'orgA')).json() as { total: number };
    expect(graded.total).toBe(1);
    expect((await t.send('GET', `/api/standards/reviews?year=${YEAR}&grade=${encodeURIComponent('模范职工之家')}`, undefined, 'orgA')).json()).toMatchObject({ total: 0 });
    const rollup = (await t.send('GET', `/api/standards/rollup?year=${YEAR}&templateId=workersHome`, undefined, 'orgA')).json() as { rows: Array<{ region: string; grades?: Counts }>; sum: { grades?: Counts } };
    expect(rollup.rows.find((r) => r.region === T0)?.grades).toEqual({ 先进职工之家: 1 });
    expect(rollup.sum.grades).toEqual({ 先进职工之家: 1 });
    const page = (await t.send('GET', `/api/unions/${UA()}/standards?year=${YEAR}`, undefined, 'orgA')).json() as { items: Array<{ templateId: string; grade?: string | null }> };
    expect(page.items.find((i) => i.templateId === 'workersHome')?.grade).toBe('先进职工之家');
    const event = await db.selectFrom('union_event').select('data').where('union_id', '=', UA()).where('kind', '=', 'checklist_result').executeTakeFirstOrThrow();
    const data = typeof event.data === 'string' ? JSON.parse(event.data) as Record<string, unknown> : event.data as Record<string, unknown>;
    expect(data).toMatchObject({ total: 82, grade: '先进职工之家' });
  });
});
