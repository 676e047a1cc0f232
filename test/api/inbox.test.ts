import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxCounts, InboxPage, InboxTask, OverdueByRegion } from '../../src/contracts/task.js';
import { TOWNSHIPS } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * The work inbox over HTTP on the two-street world (docs/inbox.md). 跨街联合党支部 is registered in
 * street T1 (multi's) and covers an enterprise of street T0 (townA's); its secretary has left, so the
 * refresh opens 配齐党组织书记 on it: townA sees that task (through the link) but cannot act on it,
 * multi can. Gaps are enterprise tasks: each street sees only its own.
 */
describe(`inbox API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'orgA', 'multi', 'member']);
  const list = async (who: string, query = '') => {
    const res = await t.send('GET', `/api/inbox${query}`, undefined, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as InboxPage;
  };
  const all = async (who: string, query = '?view=role') => {
    const out: InboxTask[] = [];
    for (let cursor = ''; ;) {
      const p = await list(who, `${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...p.items);
      if (!p.nextCursor) return out;
      cursor = encodeURIComponent(p.nextCursor);
    }
  };
  let crossOrg = '';

  beforeAll(async () => {
    const db = t.database.db;
    crossOrg = t.cs.orgs['跨街联合党支部']!;
    await db.updateTable('org_position').set({ until: '2025-01-01' }).where('org_id', '=', crossOrg).where('position', '=', 'secretary').execute();
    const res = await t.send('POST', '/api/tasks/refresh', {}, 'sys');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0].opened).toBeGreaterThan(0);
  });

  it('a linked record of another street is seen but not actionable; its own street may act', async () => {
    const a = (await all('townA')).find((x) => x.link.id === crossOrg && x.kind === 'org.secretaryVacant');
    expect(a).toMatchObject({ link: { entity: 'party_org', id: crossOrg }, subjectName: '跨街联合党支部', kindLabel: '配齐党组织书记', actionable: false, stateLabel: '待办' });
    expect(a!.source).toMatch(/《.+》/);
    expect(a!.reason).toBe('书记空缺');
    const m = (await all('multi')).find((x) => x.link.id === crossOrg && x.kind === 'org.secretaryVacant');
    expect(m).toMatchObject({ actionable: true });
  });

  it("another street's tasks are not seen; every list has its total and pages by keyset", async () => {
    const a = await all('townA');
    const p = await list('townA', '?view=role&limit=3');
    expect(p.total).toBe(a.length);
    expect(new Set(a.map((x) => x.id)).size).toBe(a.length);
    for (const x of a) expect(x.regionCode?.startsWith(TOWNSHIPS[0]!) || x.link.id === crossOrg).toBe(true);
    const sysTasks = await all('sys');
    const elsewhere = sysTasks.filter((x) => !x.regionCode?.startsWith(TOWNSHIPS[0]!) && x.link.id !== crossOrg);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.some((x) => x.kind === 'coverage.gap')).toBe(true);
    const seen = new Set(a.map((x) => x.id));
    for (const x of elsewhere) expect(seen.has(x.id)).toBe(false);
    expect((await list('member')).total).toBe(0);
    expect((await list('townA', '?view=mine')).total).toBe(0);
  });

  it('counts per state and kind, overdue by street × kind drilling to the overdue view', async () => {
    await t.database.db.updateTable('task').set({ due_on: '2025-01-01' }).where('subject_id', '=', crossOrg).where('kind', '=', 'org.secretaryVacant').execute();
    const c = (await t.send('GET', '/api/inbox/counts', undefined, 'townA')).json() as InboxCounts;
    expect(c.views.role).toBe((await list('townA')).total);
    expect(c.views.overdue).toBe(1);
    expect(c.byKind.find((k) => k.kind === 'org.secretaryVacant')).toMatchObject({ label: '配齐党组织书记', overdue: 1 });
    const overdue = await list('townA', '?view=overdue');
    expect(overdue.items.map((x) => x.link.id)).toEqual([crossOrg]);
    expect(overdue.items[0]!.overdue).toBe(true);
    const board = (await t.send('GET', '/api/inbox/overdue-by-region', undefined, 'sys')).json() as OverdueByRegion;
    expect(board.total).toBe(1);
    expect(board.streets).toEqual([expect.objectContaining({ street: TOWNSHIPS[1], total: 1, byKind: { 'org.secretaryVacant': 1 } })]);
    expect(board.streets[0]!.streetName).not.toMatch(/^\d+$/);
    const drill = await list('sys', `?view=overdue&regionPrefix=${TOWNSHIPS[1]}&kind=org.secretaryVacant`);
    expect(drill.total).toBe(1);
  });

  it('exports exactly the rows of the list, audited', async () => {
    const rows = await all('townA');
    const res = await t.send('GET', '/api/inbox.xlsx?view=role', undefined, 'townA');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('依据');
    expect(header.join()).not.toMatch(/[a-z]+\.[a-z]+/i);
    const ids = [];
    for (let i = 2; i <= ws.rowCount; i++) ids.push(String(ws.getRow(i).getCell(3).value));
    expect(ids).toEqual(rows.map((x) => x.link.id));
    // 仅可查看 rows say why, as the list does.
    const why = header.indexOf('仅可查看的原因') + 1;
    expect(why).toBeGreaterThan(0);
    const reasons = [];
    for (let i = 2; i <= ws.rowCount; i++) reasons.push(String(ws.getRow(i).getCell(why).value ?? ''));
    expect(reasons).toEqual(rows.map((x) => x.viewOnlyReason ?? ''));
    const audit = await t.database.db.selectFrom('audit_event').select('after').where('action', '=', 'inbox.export').execute();
    expect(audit).toHaveLength(1);
  });

  it('refresh is the district\'s: a street officer is refused, a region outside the grant is refused, bad input is 400', async () => {
    expect((await t.send('POST', '/api/tasks/refresh', {}, 'townA')).statusCode).toBe(403);
    const out = await t.send('POST', '/api/tasks/refresh', { regionCode: TOWNSHIPS[2] }, 'orgA');
    expect(out.statusCode).toBe(403);
    expect(out.json().message).toMatch(/管辖范围/);
    const own = await t.send('POST', '/api/tasks/refresh', { regionCode: TOWNSHIPS[0] }, 'orgA');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().results[0]).toMatchObject({ opened: 0, closed: 0, reopened: 0 });
    expect((await t.send('GET', '/api/inbox?cursor=xyz', undefined, 'townA')).statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify(['not-a-date', '1'])).toString('base64url');
    expect((await t.send('GET', `/api/inbox?cursor=${forged}`, undefined, 'townA')).statusCode).toBe(400);
    expect((await t.send('GET', '/api/inbox?view=all', undefined, 'townA')).statusCode).toBe(400);
  });
});
