import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import { mediationInTime } from '../../src/core/mediation/mediation.query.js';
import { scopeFor } from '../../src/core/access/scope.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { PASSWORD, TOWNSHIPS, signInAs } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * Labour dispute mediation over HTTP (docs/unions.md, "劳动争议调解"). Two streets: street T1's body
 * takes a case whose employer is an enterprise of street T0 — T0 reads it through the employer and
 * manages nothing; T1 manages it. unionA / unionB are union officers of T0 / T1 (union.manage there).
 */
const id18 = (body: string) => body + idCheckChar(body);
const pad12 = (p: string) => p.padEnd(12, '0');

describe(`mediation API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'orgA', 'multi']);
  // Contract faults name `body.field`; service faults name `field`: compare the field alone.
  const send = async (...args: Parameters<typeof t.send>) => {
    const res = await t.send(...args);
    const json = res.json.bind(res);
    res.json = () => {
      const v = json();
      if (v && Array.isArray(v.details)) v.details = v.details.map((d: { field?: string }) => ({ ...d, field: d.field?.replace(/^(body|query|params)\./, '') }));
      return v;
    };
    return res;
  };
  const e: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = t.database.db;
    const hash = await hashPassword(PASSWORD);
    for (const [username, prefix] of [['unionA', TOWNSHIPS[0]], ['unionB', TOWNSHIPS[1]]] as const) {
      const u = await db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('user_role').values({ user_id: u.id, role: 'union_officer', region_prefixes: [prefix] }).execute();
      t.s[username] = await signInAs(t.app, username);
    }
    for (const [key, name] of [['a', '社区企业1'], ['b', '社区企业3']]) {
      e[key] = (await db.selectFrom('enterprise').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    }
    await db.updateTable('enterprise').set({ size_class: 'large', employee_count: 1200 }).where('id', '=', e.a).execute();
    await db.updateTable('enterprise').set({ size_class: 'medium', employee_count: 350 }).where('id', '=', e.b).execute();
  });

  it('bodies: an enterprise committee (one per enterprise), a street body in the caller\'s street; the 大中型企业 gap list', async () => {
    const gapsBefore = (await send('GET', '/api/mediation/committee-gaps', undefined, 'sys')).json();
    expect(gapsBefore.items.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining([e.a, e.b]));
    expect(gapsBefore.source).toContain('企业劳动争议协商调解规定');
    const c = await send('POST', '/api/mediation/bodies', { kind: 'enterprise', name: '社区企业1劳动争议调解委员会', enterpriseId: e.a, foundedOn: '2020-03-01' }, 'unionA');
    expect(c.statusCode, c.body).toBe(201);
    ids.committee = c.json().id;
    expect(c.json()).toMatchObject({ kind: 'enterprise', enterpriseName: '社区企业1', streetName: '测试街道1', openCases: 0 });
    const dup = await send('POST', '/api/mediation/bodies', { kind: 'enterprise', name: '重复调解委员会', enterpriseId: e.a }, 'sys');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0]).toMatchObject({ field: 'enterpriseId', code: 'DUPLICATE' });
    const gapsAfter = (await send('GET', '/api/mediation/committee-gaps', undefined, 'sys')).json();
    expect(gapsAfter.items.map((g: { id: string }) => g.id)).not.toContain(e.a);
    expect(gapsAfter.total).toBe(gapsBefore.total - 1);

    const street = await send('POST', '/api/mediation/bodies', { kind: 'street', name: '测试街道2劳动争议调解中心', regionCode: pad12(TOWNSHIPS[1]) }, 'unionB');
    expect(street.statusCode, street.body).toBe(201);
    ids.street = street.json().id;
    const other = await send('POST', '/api/mediation/bodies', { kind: 'street', name: '越界调解中心', regionCode: pad12(TOWNSHIPS[0]) }, 'unionB');
    expect(other.statusCode).toBe(403);
    expect(other.json().details[0]).toMatchObject({ field: 'regionCode', code: 'OUT_OF_SCOPE' });
    const notStreet = await send('POST', '/api/mediation/bodies', { kind: 'street', name: '社区调解', regionCode: '440305002001' }, 'unionB');
    expect(notStreet.statusCode).toBe(400);
    expect(notStreet.json().details[0]).toMatchObject({ field: 'regionCode', code: 'NOT_A_STREET' });
    // T0 does not see T1's street body at all; T1 sees and manages it.
    expect((await send('GET', `/api/mediation/bodies/${ids.street}`, undefined, 'unionA')).statusCode).toBe(404);
    expect((await send('PATCH', `/api/mediation/bodies/${ids.street}`, { version: 1, name: 'x街道调解' }, 'unionA')).statusCode).toBe(404);
    const renamed = await send('PATCH', `/api/mediation/bodies/${ids.street}`, { version: 1, name: '测试街道2劳动人事争议调解中心' }, 'unionB');
    expect(renamed.statusCode, renamed.body).toBe(200);
    const stale = await send('PATCH', `/api/mediation/bodies/${ids.street}`, { version: 1, name: '旧名' }, 'unionB');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2 } });
  });

  it('members: employee and employer sides, one chair (a union member or agreed by both, 第十条)', async () => {
    const chair = await send('POST', `/api/mediation/bodies/${ids.committee}/members`, { person: { name: '李建国', phone: '13800001111' }, side: 'employee', basis: 'unionMember', chair: true, chairBasis: 'unionMember', since: '2020-03-01' }, 'unionA');
    expect(chair.statusCode, chair.body).toBe(201);
    const second = await send('POST', `/api/mediation/bodies/${ids.committee}/members`, { person: { name: '王芳' }, side: 'employer', basis: 'appointed', chair: true, chairBasis: 'agreed', since: '2020-03-01' }, 'unionA');
    expect(second.statusCode).toBe(409);
    expect(second.json().details[0]).toMatchObject({ field: 'chair', code: 'CHAIR_EXISTS' });
    const wrongSide = await send('POST', `/api/mediation/bodies/${ids.committee}/members`, { person: { name: '王芳' }, side: 'employee', basis: 'appointed', since: '2020-03-01' }, 'unionA');
    expect(wrongSide.statusCode).toBe(400);
    expect(wrongSide.json().details[0].field).toBe('basis');
    expect((await send('POST', `/api/mediation/bodies/${ids.committee}/members`, { person: { name: '王芳' }, side: 'employer', basis: 'appointed', since: '2020-03-01' }, 'unionA')).statusCode).toBe(201);
    const detail = (await send('GET', `/api/mediation/bodies/${ids.committee}`, undefined, 'townA')).json();
    expect(detail).toMatchObject({ manageable: false, chairMissing: false });
    expect(detail.members).toHaveLength(2);
    expect(detail.members[0].phone).not.toContain('00001111'.slice(0, 4) + '1111'); // masked
    expect(JSON.stringify(detail)).not.toContain('13800001111');
  });

  it('the cross-street case: T1\'s body, T0\'s employer — T0 reads it, cannot manage it; T1 manages it', async () => {
    const wang = id18('44030519850312201');
    const create = await send('POST', '/api/mediation/cases', {
      bodyId: ids.street, receivedOn: '2026-11-20', employerEnterpriseId: e.a, category: 'pay', claim: '支付拖欠的2026年9月、10月工资',
      claimedFen: 1234500, knownOn: '2026-11-05', applicants: [{ name: '王小明', idNumber: wang, phone: '13912340000' }],
    }, 'orgA');
    expect(create.statusCode, create.body).toBe(201);
    ids.cross = create.json().id;
    expect(create.json()).toMatchObject({ dueOn: '2026-12-05', mediationDays: 15, employerName: '社区企业1', streetName: '测试街道2', status: 'accepted' });
    // unionB cannot see T0's enterprise: 404 on the field.
    const unseen = await send('POST', '/api/mediation/cases', { bodyId: ids.street, receivedOn: '2026-11-20', employerEnterpriseId: e.a, category: 'pay', claim: '工资', applicants: [{ name: '赵六' }] }, 'unionB');
    expect(unseen.statusCode).toBe(404);
    expect(unseen.json().details[0].field).toBe('employerEnterpriseId');

    const seen = await send('GET', `/api/mediation/cases/${ids.cross}`, undefined, 'townA');
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ access: 'partial', manageable: false });
    expect(seen.body).not.toContain(wang);
    expect(seen.body).not.toContain('13912340000');
    const linkStart = await send('POST', `/api/mediation/cases/${ids.cross}/start`, { version: 1, on: '2026-11-21' }, 'unionA');
    expect(linkStart.statusCode).toBe(403);
    expect(linkStart.json().details[0].code).toBe('NOT_MANAGED');
    expect((await send('POST', `/api/mediation/cases/${ids.cross}/start`, { version: 1, on: '2026-11-21' }, 'townA')).statusCode).toBe(403);
    expect((await send('GET', `/api/mediation/cases/${ids.cross}`, undefined, 'multi')).json()).toMatchObject({ access: 'full', manageable: false });
    const own = await send('GET', `/api/mediation/cases/${ids.cross}`, undefined, 'unionB');
    expect(own.json()).toMatchObject({ access: 'full', manageable: true });
    const started = await send('POST', `/api/mediation/cases/${ids.cross}/start`, { version: 1, on: '2026-11-21' }, 'unionB');
    expect(started.statusCode, started.body).toBe(200);
    // T0's list shows it (through the employer) but not under T0's own place; T1's under its place.
    const listA = (await send('GET', '/api/mediation/cases', undefined, 'unionA')).json();
    expect(listA.items.map((c: { id: string }) => c.id)).toContain(ids.cross);
    expect((await send('GET', `/api/mediation/cases?regionPrefix=${TOWNSHIPS[0]}`, undefined, 'unionA')).json().items.map((c: { id: string }) => c.id)).not.toContain(ids.cross);
    expect((await send('GET', `/api/mediation/cases?regionPrefix=${TOWNSHIPS[1]}`, undefined, 'unionB')).json().items.map((c: { id: string }) => c.id)).toContain(ids.cross);

    const noAmount = await send('POST', `/api/mediation/cases/${ids.cross}/close`, { version: 2, outcome: 'agreed', on: '2026-11-28', agreementText: '分两期支付' }, 'unionB');
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().details[0].field).toBe('agreedFen');
    const failed = await send('POST', `/api/mediation/cases/${ids.cross}/close`, { version: 2, outcome: 'failed', on: '2026-11-28', note: '双方对金额分歧较大' }, 'unionB');
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'failed', closedInTime: true, arbitrationLimitOn: '2027-11-05' });
    const again = await send('POST', `/api/mediation/cases/${ids.cross}/close`, { version: 3, outcome: 'withdrawn', on: '2026-11-29' }, 'unionB');
    expect(again.statusCode).toBe(409);
  });

  it('a collective case (≥10 workers, 第七条) names representatives; masked people; agreed with the review window; stale version 409', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `工人${'甲乙丙丁戊己庚辛壬癸'[i]}` }));
    const base = { bodyId: ids.committee, receivedOn: '2026-11-10', category: 'pay', claim: '支付2026年10月加班费', claimedFen: 8800000, knownOn: '2026-11-01' };
    const noReps = await send('POST', '/api/mediation/cases', { ...base, collective: true, applicants: ten }, 'unionA');
    expect(noReps.statusCode).toBe(400);
    expect(noReps.json().details[0]).toMatchObject({ field: 'representatives', code: 'REPRESENTATIVES_REQUIRED' });
    expect(noReps.json().message).toMatch(/第七条/);
    const few = await send('POST', '/api/mediation/cases', { ...base, collective: true, applicants: ten.slice(0, 3), representatives: [0] }, 'unionA');
    expect(few.json().details[0]).toMatchObject({ field: 'collective', code: 'COLLECTIVE_MIN_WORKERS' });
    const ok = await send('POST', '/api/mediation/cases', { ...base, collective: true, applicants: ten, representatives: [0, 1] }, 'unionA');
    expect(ok.statusCode, ok.body).toBe(201);
    ids.collective = ok.json().id;
    expect(ok.json()).toMatchObject({ applicantCount: 10, collective: true, employerName: '社区企业1' });
    const detail = (await send('GET', `/api/mediation/cases/${ids.collective}`, undefined, 'unionA')).json();
    expect(detail.parties.filter((p: { role: string }) => p.role === 'representative')).toHaveLength(2);
    const stale = await send('POST', `/api/mediation/cases/${ids.collective}/close`, { version: 9, outcome: 'agreed', on: '2026-11-20', agreedFen: 8000000, agreementText: '被申请人于2026年12月10日前一次性支付' }, 'unionA');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: ids.collective, version: 1 } });
    const agreed = await send('POST', `/api/mediation/cases/${ids.collective}/close`, { version: 1, outcome: 'agreed', on: '2026-11-20', agreedFen: 8000000, agreementText: '被申请人于2026年12月10日前一次性支付' }, 'unionA');
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedFen: 8000000, reviewUntil: '2026-12-05', closedInTime: true });
    const events = (await send('GET', `/api/mediation/cases/${ids.collective}`, undefined, 'unionA')).json().events.map((x: { kind: string }) => x.kind);
    expect(events).toEqual(['received', 'agreed']);
  });

  it('documents open as Word files with the case\'s facts, 大写, masked numbers; downloads audited', async () => {
    const text = async (id: string, kind: string, who = 'unionA') => {
      const res = await send('GET', `/api/mediation/cases/${id}/documents/${kind}`, undefined, who);
      expect(res.statusCode, res.body).toBe(200);
      const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
      return xml.replace(/<[^>]+>/g, '');
    };
    const acceptance = await text(ids.collective, 'acceptance');
    expect(acceptance).toContain('劳动争议调解受理通知书');
    expect(acceptance).toContain('工人甲、工人乙、工人丙等10人');
    expect(acceptance).toContain('第十四条');
    expect(acceptance).toContain('捌万捌仟元整');
    const agreement = await text(ids.collective, 'agreement');
    expect(agreement).toContain('劳动争议调解协议书');
    expect(agreement).toContain('人民币80,000.00元（大写：捌万元整）');
    expect(agreement).toContain('2026年12月5日');
    expect(agreement).toContain('支付令');
    const termination = await text(ids.cross, 'termination', 'townA');
    expect(termination).toContain('终止调解通知书');
    expect(termination).toContain('2027年11月5日');
    const withId = await text(ids.cross, 'acceptance', 'unionB');
    expect(withId).toMatch(/身份证号码：440305\*{8}\d{3}[\dX]/);
    expect(withId).not.toContain(id18('44030519850312201'));
    expect((await send('GET', `/api/mediation/cases/${ids.cross}/documents/agreement`, undefined, 'unionB')).statusCode).toBe(409);
    const audits = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'mediation.case.document').execute();
    expect(audits.length).toBe(4); // one per document served; the refused one is not
  });

  it('the 30 → 15 day change by receipt date; bad input refused in Chinese with the field', async () => {
    const old = await send('POST', '/api/mediation/cases', { bodyId: ids.committee, receivedOn: '2008-04-30', category: 'contract', claim: '解除劳动合同经济补偿', applicants: [{ name: '陈旧' }] }, 'unionA');
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json()).toMatchObject({ mediationDays: 30, dueOn: '2008-05-30', overdue: true });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ receivedOn: '2999-01-01' }, 400, 'receivedOn'],
      [{ claimedFen: 12.5 }, 400, 'claimedFen'],
      [{ category: 'wages' }, 400, 'category'],
      [{ knownOn: '2026-12-01', receivedOn: '2026-11-01' }, 400, 'knownOn'],
      [{ applicants: [] }, 400, 'applicants'],
      [{ applicants: [{ name: '错号', idNumber: '440305198503122019' }] }, 400, 'applicants.0.idNumber'],
      [{ bodyId: '999999' }, 404, 'bodyId'],
    ];
    for (const [patch, status, field] of cases) {
      const res = await send('POST', '/api/mediation/cases', { bodyId: ids.committee, receivedOn: '2026-11-01', category: 'pay', claim: '工资', applicants: [{ name: '甲' }], ...patch }, 'unionA');
      expect(res.statusCode, `${JSON.stringify(patch)} ${res.body}`).toBe(status);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().details?.[0]?.field, JSON.stringify(patch)).toBe(field);
    }
    const count = await t.database.db.selectFrom('mediation_case').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3); // nothing half-applied
  });

  it('statistics equal their drill-down rows; the XLSX has exactly those rows; the in-time pair as the coordinator reads it', async () => {
    for (const [i, day] of ['2026-10-01', '2026-10-02', '2026-10-03'].entries()) {
      const c = await send('POST', '/api/mediation/cases', { bodyId: ids.street, receivedOn: day, category: i ? 'dismissal' : 'pay', claim: '经济补偿', employerName: '深圳市南山区某餐饮店', applicants: [{ name: `申请${i}` }] }, 'unionB');
      expect(c.statusCode, c.body).toBe(201);
      if (i < 2) expect((await send('POST', `/api/mediation/cases/${c.json().id}/close`, { version: 1, outcome: i ? 'failed' : 'agreed', on: i ? '2026-10-30' : '2026-10-10', agreedFen: i ? undefined : 100000, agreementText: i ? undefined : '一次性支付' }, 'unionB')).statusCode).toBe(200);
    }
    for (const who of ['sys', 'unionA', 'townA']) {
      const stats = (await send('GET', '/api/mediation/stats?from=2026-01-01&to=2026-12-04', undefined, who)).json();
      const cells = [stats.totals.received, stats.inTime.closedInTime, stats.inTime.closed, stats.openTotal, stats.overdue,
        ...stats.streets.flatMap((s: { total: unknown; byCategory: Record<string, unknown>; byStatus: Record<string, unknown> }) => [s.total, ...Object.values(s.byCategory), ...Object.values(s.byStatus)])] as Array<{ n: number; filter: Record<string, string> }>;
      for (const c of cells) {
        const drill = (await send('GET', `/api/mediation/cases?${new URLSearchParams({ ...c.filter, limit: '200' })}`, undefined, who)).json();
        expect(drill.total, `${who} ${JSON.stringify(c.filter)}`).toBe(c.n);
        expect(drill.items).toHaveLength(c.n);
      }
      if (who === 'sys') {
        expect(stats.inTime).toMatchObject({ closedInTime: { n: 3 }, closed: { n: 4 } });
        expect(stats.totals.received.n).toBe(5);
        const actor = { kind: 'user', userId: t.s.sys.username, grants: [{ role: 'system_admin', allRegions: true, regionPrefixes: [], parkIds: [], associationIds: [], enterpriseIds: [], partyOrgIds: [] }] };
        expect(await mediationInTime(t.database.db, scopeFor(actor as never, 'union.read'), undefined, '2026-01-01', '2026-12-04')).toEqual({ closedInTime: 3, closed: 4 });
        expect(await mediationInTime(t.database.db, scopeFor(actor as never, 'union.read'), TOWNSHIPS[1], '2026-01-01', '2026-12-04')).toEqual({ closedInTime: 2, closed: 3 });
      }
      const q = new URLSearchParams(stats.totals.received.filter).toString();
      const xlsx = await send('GET', `/api/mediation/cases/export.xlsx?${q}`, undefined, who);
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0].rowCount - 1).toBe(stats.totals.received.n);
    }
    const board = (await send('GET', '/api/mediation/stats', undefined, 'unionB')).json();
    expect(board.open.every((c: { daysLeft: number; dueOn: string }) => typeof c.daysLeft === 'number')).toBe(true);
    expect(board.open.map((c: { dueOn: string }) => c.dueOn)).toEqual([...board.open.map((c: { dueOn: string }) => c.dueOn)].sort());
    expect(todayInChina()).toMatch(/^\d{4}-/);
  });
});
