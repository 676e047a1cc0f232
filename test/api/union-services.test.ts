import { describe, expect, it } from 'vitest';
import { useTwoStreets } from '../helpers/two-streets.js';
import { testEngine } from '../helpers/db.js';

/**
 * Union services (docs/unions.md "工会服务") on the two-street world: 跨街联合工会 is registered in
 * street T1 and covers an enterprise of street T0 — townA (T0) reads its 帮扶 files and 经费 months
 * through the link and may change none (403; multi, who manages unions elsewhere and sees it by T1, gets
 * 403 NOT_MANAGED); orgA manages it by its own place; orgB
 * (the other county) does not see it (404).
 */
const t = useTwoStreets(['sys', 'orgA', 'orgB', 'townA', 'multi']);
const U1 = () => t.cs.unions['跨街联合工会'];
const detailOf = (r: { json(): unknown }) => r.json() as { details?: Array<{ field?: string; code?: string }>; version: number; id: string };

describe(`union services on ${testEngine()}`, () => {
  it('工会经费: generate is idempotent, 2% of the payroll in fen due on the 15th, payment at its version, roll-up drills to the lines', async () => {
    const db = t.database.db;
    await db.updateTable('union_org').set({ monthly_payroll: '123456.78' }).where('id', '=', U1()).execute();
    const first = await t.send('POST', '/api/union-funds/generate', { month: '2026-10' }, 'orgA');
    expect(first.statusCode).toBe(200);
    expect((first.json() as { created: number }).created).toBeGreaterThan(0);
    const again = await t.send('POST', '/api/union-funds/generate', { month: '2026-10' }, 'orgA');
    expect(again.json()).toMatchObject({ created: 0, existing: (first.json() as { created: number }).created });
    expect((await t.send('POST', '/api/union-funds/generate', { month: '2099-01' }, 'orgA')).statusCode).toBe(400);

    const year = await t.send('GET', `/api/unions/${U1()}/funds?year=2026`, undefined, 'townA');
    expect(year.statusCode).toBe(200);
    const body = year.json() as { items: Array<{ id: string; dueFen: number; dueOn: string; payrollFen: number; status: string; version: number }>; manageable: boolean };
    expect(body.manageable).toBe(false);
    const line = body.items.find((l) => l.dueOn === '2026-10-15')!;
    // 12,345,678 fen × 2% = 246,913.56 → 246,914 fen (half up).
    expect(line).toMatchObject({ payrollFen: 12345678, dueFen: 246914, status: 'arrears' });

    expect((await t.send('POST', `/api/union-funds/${line.id}/payment`, { version: line.version, paidFen: 1000, paidOn: '2026-10-10' }, 'townA')).statusCode).toBe(403);
    // multi manages unions in the other county and sees U1 by street T1: seen, not managed.
    const refused = await t.send('POST', `/api/union-funds/${line.id}/payment`, { version: line.version, paidFen: 1000, paidOn: '2026-10-10' }, 'multi');
    expect(refused.statusCode).toBe(403);
    expect(detailOf(refused).details?.[0]?.code).toBe('NOT_MANAGED');
    expect((await t.send('GET', `/api/unions/${U1()}/funds`, undefined, 'orgB')).statusCode).toBe(404);

    const over = await t.send('POST', `/api/union-funds/${line.id}/payment`, { version: line.version, paidFen: 246915, paidOn: '2026-10-10' }, 'orgA');
    expect(over.statusCode).toBe(400);
    expect(detailOf(over).details?.[0]).toMatchObject({ field: 'paidFen', code: 'OVER_DUE' });
    const noDate = await t.send('POST', `/api/union-funds/${line.id}/payment`, { version: line.version, paidFen: 100 }, 'orgA');
    expect(noDate.statusCode).toBe(400);

    const paid = await t.send('POST', `/api/union-funds/${line.id}/payment`, { version: line.version, paidFen: 246914, paidOn: '2026-10-20' }, 'orgA');
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paidLate', arrearsFen: 0, version: line.version + 1 });
    const stale = await t.send('POST', `/api/union-funds/${line.id}/payment`, { version: line.version, paidFen: 0 }, 'orgA');
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { current?: { paidFen: number } }).current?.paidFen).toBe(246914);

    const rollup = await t.send('GET', '/api/union-funds/rollup?year=2026&month=10', undefined, 'orgA');
    expect(rollup.statusCode).toBe(200);
    const r = rollup.json() as { rows: Array<{ region: string; dueFen: number; paidFen: number; arrearsFen: number; lines: number }>; sum: { dueFen: number; lines: number } };
    expect(r.rows.reduce((s, x) => s + x.dueFen, 0)).toBe(r.sum.dueFen);
    for (const row of r.rows.filter((x) => x.region)) {
      const lines = await t.send('GET', `/api/union-funds/lines?year=2026&month=10&region=${row.region}&limit=200`, undefined, 'orgA');
      const page = lines.json() as { items: Array<{ dueFen: number; paidFen: number; arrearsFen: number }>; total: number };
      expect(page.total).toBe(row.lines);
      expect(page.items.reduce((s, x) => s + x.dueFen, 0)).toBe(row.dueFen);
      expect(page.items.reduce((s, x) => s + x.arrearsFen, 0)).toBe(row.arrearsFen);
    }
    const exp = await t.send('GET', '/api/union-funds/lines/export.xlsx?year=2026&month=10', undefined, 'orgA');
    expect(exp.statusCode).toBe(200);
    const audit = await db.selectFrom('audit_event').select('action').where('action', '=', 'union.funds.export').execute();
    expect(audit.length).toBe(1);
  });

  it('困难职工帮扶: a member’s file, approval, payment and yearly review; the other street reads without household facts and cannot manage', async () => {
    const db = t.database.db;
    const person = t.cs.people.pPII;
    const outsider = t.cs.people.pR0;
    await db.insertInto('union_member').values({ person_id: person, union_id: U1(), joined_on: '2024-02-01', status: 'active' }).execute();
    const apply = { personId: person, level: 'relative', reasons: ['illness', 'lowIncome'], householdSize: 3, incomePerHeadFen: 150000, appliedOn: '2025-03-01' };
    expect((await t.send('POST', `/api/unions/${U1()}/hardship`, apply, 'townA')).statusCode).toBe(403);
    const notMember = await t.send('POST', `/api/unions/${U1()}/hardship`, { ...apply, personId: outsider }, 'orgA');
    expect(notMember.statusCode).toBe(400);
    expect(detailOf(notMember).details?.[0]).toMatchObject({ field: 'personId', code: 'NOT_A_MEMBER' });
    const created = await t.send('POST', `/api/unions/${U1()}/hardship`, apply, 'orgA');
    expect(created.statusCode).toBe(201);
    const file = detailOf(created);
    expect((await t.send('POST', `/api/unions/${U1()}/hardship`, apply, 'orgA')).statusCode).toBe(409);

    const approved = await t.send('POST', `/api/hardship/${file.id}/decision`, { version: file.version, decision: 'approve', on: '2025-03-10' }, 'orgA');
    expect(approved.json()).toMatchObject({ status: 'approved', reviewDueOn: '2026-03-10', reviewOverdue: true });
    const v2 = detailOf(approved).version;
    const paid = await t.send('POST', `/api/hardship/${file.id}/payments`, { version: v2, paidOn: '2025-04-01', kind: 'medical', amountFen: 200000 }, 'orgA');
    expect(paid.json()).toMatchObject({ paidFen: 200000 });
    expect((await t.send('POST', `/api/hardship/${file.id}/payments`, { version: v2, paidOn: '2025-04-01', kind: 'living', amountFen: 100 }, 'orgA')).statusCode).toBe(409);
    const v3 = detailOf(paid).version;
    expect((await t.send('POST', `/api/hardship/${file.id}/reviews`, { version: v3, reviewedOn: '2026-03-01', outcome: 'continue', level: 'relative' }, 'townA')).statusCode).toBe(403);

    const asTown = await t.send('GET', `/api/hardship/${file.id}`, undefined, 'townA');
    expect(asTown.statusCode).toBe(200);
    expect(asTown.json()).toMatchObject({ householdSize: null, incomePerHeadFen: null, manageable: false });
    expect((await t.send('GET', `/api/hardship/${file.id}`, undefined, 'orgA')).json()).toMatchObject({ householdSize: 3, manageable: true });
    expect((await t.send('GET', `/api/hardship/${file.id}`, undefined, 'orgB')).statusCode).toBe(404);

    const list = await t.send('GET', `/api/hardship?unionId=${U1()}`, undefined, 'townA');
    const page = list.json() as { items: Array<Record<string, unknown>>; total: number; sums: { overdue: number } };
    expect(page.total).toBe(1);
    expect(page.sums.overdue).toBe(1);
    expect(page.items[0]!.idNumber).toMatch(/\*/);
    expect(Object.keys(page.items[0]!)).not.toContain('householdSize');

    const reviewed = await t.send('POST', `/api/hardship/${file.id}/reviews`, { version: v3, reviewedOn: '2026-03-01', outcome: 'continue', level: 'relative' }, 'orgA');
    expect(reviewed.json()).toMatchObject({ reviewDueOn: '2027-03-01', reviewOverdue: false });
    const exp = await t.send('GET', '/api/hardship/export.xlsx', undefined, 'orgA');
    expect(exp.statusCode).toBe(200);
    expect(await db.selectFrom('audit_event').select('action').where('action', '=', 'union.hardship.export').execute()).toHaveLength(1);
  });

  it('劳动竞赛 and honours: recorded by the managing union, on the person\'s union-membership history, readable through the link', async () => {
    const person = t.cs.people.pPII;
    const comp = await t.send('POST', `/api/unions/${U1()}/competitions`, { name: '2025年度技能比武', startsOn: '2025-05-01', endsOn: '2025-06-30', participants: 120 }, 'orgA');
    expect(comp.statusCode).toBe(201);
    const compId = (comp.json() as { competitions: Array<{ id: string }> }).competitions[0]!.id;
    const honour = { personId: person, kind: 'craftsman', level: 'district', year: 2025, awardedBy: '区总工会', competitionId: compId };
    expect((await t.send('POST', `/api/unions/${U1()}/honours`, honour, 'townA')).statusCode).toBe(403);
    expect((await t.send('POST', `/api/unions/${U1()}/honours`, honour, 'orgA')).statusCode).toBe(201);
    expect((await t.send('POST', `/api/unions/${U1()}/honours`, honour, 'orgA')).statusCode).toBe(409);
    const seen = await t.send('GET', `/api/unions/${U1()}/competitions`, undefined, 'townA');
    expect(seen.json()).toMatchObject({ manageable: false, competitions: [{ honours: 1 }] });
    const mine = await t.send('GET', `/api/people/${person}/honours`, undefined, 'orgA');
    expect(mine.json()).toMatchObject({ total: 1, items: [{ kind: 'craftsman', competitionName: '2025年度技能比武' }] });
    const events = await t.database.db.selectFrom('union_member_event as e').innerJoin('union_member as m', 'm.id', 'e.member_id')
      .select('e.kind').where('m.person_id', '=', person).where('e.kind', '=', 'award').execute();
    expect(events).toHaveLength(1);
    const card = await t.send('GET', `/api/unions/${U1()}/services`, undefined, 'townA');
    expect(card.json()).toMatchObject({ manageable: false, competitions: 1, honours: 1, hardship: { approved: 1 } });
  });
});
