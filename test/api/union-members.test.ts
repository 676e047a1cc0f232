import ExcelJS from 'exceljs';
import { multipart } from '../helpers/multipart.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 会员实名制 over HTTP (docs/unions.md, "会员实名制"). Two streets: T1's 跨街联合工会 covers an enterprise
 * of street T0 (e1) and one of its own (e3). orgA (county 1) manages it and A街工会; townA (street T0)
 * sees it only through e1 — its members employed at e1, the rest counted — and changes nothing; orgB
 * (county 2) manages B区工会 and does not see 跨街联合工会 at all.
 */
const id = (body17: string) => body17 + idCheckChar(body17);
const ZHANG = id('44030519880214101');
const LI = id('44030519900521202');
const ZHAO = id('44030519850809303');
const WU = id('44030519920101404');

describe(`union members API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'orgB']);
  const { send } = t;
  let cross = '';
  let aUnion = '';
  let bUnion = '';
  let e1 = '';
  let e3 = '';
  const m: Record<string, { id: string; version: number; personId: string }> = {};

  beforeAll(async () => {
    cross = t.cs.unions['跨街联合工会'];
    aUnion = t.cs.unions['A街工会'];
    bUnion = t.cs.unions['B区工会'];
    const cov = await t.database.db.selectFrom('union_coverage').select('enterprise_id').where('union_id', '=', cross).where('until', 'is', null).orderBy('enterprise_id').execute();
    [e1, e3] = cov.map((c) => c.enterprise_id);
    await t.database.db.updateTable('enterprise').set({ employee_count: 20 }).where('id', 'in', [e1, e3]).execute();
  });

  it('adds members by ID number: Chinese errors with the field, one live membership, the party member is the same person', async () => {
    const add = (body: Record<string, unknown>, union = cross, who = 'orgA') => send('POST', `/api/unions/${union}/members`, body, who);
    const zhang = await add({ name: '张建国', idNumber: ZHANG, phone: '13800138000', joinedOn: '2020-05-01', cardNumber: 'GH-001', enterpriseId: e1 });
    expect(zhang.statusCode, zhang.body).toBe(201);
    expect(zhang.json().member).toMatchObject({ name: '张建国', gender: 'male', status: 'active', employerName: expect.any(String), cardNumber: 'GH-001' });
    expect(zhang.json().member.idNumber).not.toContain('0214'); // masked
    expect(zhang.json().member.phone).toMatch(/\*{4}/);
    m.zhang = { id: zhang.json().member.id, version: zhang.json().member.version, personId: zhang.json().member.personId };

    const li = await add({ name: '李秀兰', idNumber: LI, joinedOn: '2021-03-08', enterpriseId: e3 });
    expect(li.statusCode, li.body).toBe(201);
    m.li = { id: li.json().member.id, version: 1, personId: li.json().member.personId };
    // A dispatched worker whose 工作单位 is written (not a covered enterprise): a warning under 'placing', not a refusal.
    const zhao = await add({ name: '赵明', idNumber: ZHAO, employerName: '外包服务点', dispatched: true, dispatchEmployerName: '深圳人力派遣有限公司' });
    expect(zhao.statusCode, zhao.body).toBe(201);
    expect(zhao.json().warnings.join()).toContain('用工单位');
    m.zhao = { id: zhao.json().member.id, version: 1, personId: zhao.json().member.personId };

    const badId = await add({ name: '错号', idNumber: '440305198802141011' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ code: 'INVALID_ID_NUMBER', details: [{ field: 'idNumber' }] });
    const e0 = (await t.database.db.selectFrom('union_coverage').select('enterprise_id').where('union_id', '=', aUnion).executeTakeFirstOrThrow()).enterprise_id;
    const notCovered = await add({ name: '吴芳', idNumber: WU, enterpriseId: e0 }); // A街工会's enterprise, not this union's
    expect(notCovered.statusCode).toBe(400);
    expect(notCovered.json().details[0]).toMatchObject({ field: 'enterpriseId', code: 'NOT_COVERED' });
    const card = await add({ name: '吴芳', idNumber: WU, cardNumber: 'GH-001' });
    expect(card.statusCode).toBe(409);
    expect(card.json().details[0]).toMatchObject({ field: 'cardNumber' });
    const mismatch = await add({ name: '张国', idNumber: ZHANG }, aUnion);
    expect(mismatch.json().details[0]).toMatchObject({ field: 'name', code: 'NAME_MISMATCH' });

    // One live membership: the other union is named to a reader who sees it, not to one who does not.
    const twice = await add({ name: '张建国', idNumber: ZHANG }, aUnion);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('跨街联合工会');
    const unseen = await add({ name: '张建国', idNumber: ZHANG }, bUnion, 'orgB');
    expect(unseen.statusCode).toBe(409);
    expect(unseen.json().message).not.toContain('跨街联合工会');
    expect(unseen.json().details[0]).toMatchObject({ field: 'idNumber', code: 'ALREADY_MEMBER' });

    // A party member who joins the union is the same person.
    const wuBody = '44030519920101404';
    const pm = await send('POST', '/api/members', { name: '吴芳', idNumber: id(wuBody), orgId: t.cs.orgs['A街支部'], category: 'full', joinedOn: '2015-07-01' }, 'orgA');
    expect(pm.statusCode, pm.body).toBe(201);
    const wu = await add({ name: '吴芳', idNumber: WU, enterpriseId: e3 });
    expect(wu.statusCode, wu.body).toBe(201);
    expect(wu.json().member.personId).toBe(pm.json().personId);
    m.wu = { id: wu.json().member.id, version: 1, personId: wu.json().member.personId };

    // townA reads unions but manages none.
    expect((await add({ name: '王五', idNumber: id('44030519700101505') }, cross, 'townA')).statusCode).toBe(403);
  });

  it('lists with total and filters; a reader through a link sees the members employed in their scope; export = list rows, audited', async () => {
    const full = (await send('GET', `/api/unions/${cross}/members`, undefined, 'orgA')).json();
    expect(full).toMatchObject({ total: 4, hiddenCount: 0, manageable: true, rosterSince: null });
    expect(full.counts).toMatchObject({ source: 'typed', members: 50, employees: 40, dispatched: 1 });
    const partial = (await send('GET', `/api/unions/${cross}/members`, undefined, 'townA')).json();
    expect(partial.items.map((x: { name: string }) => x.name)).toEqual(['张建国']);
    expect(partial).toMatchObject({ total: 1, hiddenCount: 3, manageable: false });
    expect((await send('GET', `/api/unions/${cross}/members`, undefined, 'orgB')).statusCode).toBe(404);
    const dispatched = (await send('GET', `/api/unions/${cross}/members?dispatched=true`, undefined, 'orgA')).json();
    expect(dispatched.items.map((x: { name: string }) => x.name)).toEqual(['赵明']);
    expect((await send('GET', `/api/unions/${cross}/members?q=GH-001`, undefined, 'orgA')).json().total).toBe(1);

    const x = await send('GET', `/api/unions/${cross}/members/export.xlsx`, undefined, 'townA');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount - 1).toBe(1);
    expect(String(sheet.getRow(2).getCell(1).value)).toBe('张建国');
    expect(String(sheet.getRow(2).getCell(3).value)).toContain('*');
    const audit = await t.database.db.selectFrom('audit_event').select(['after']).where('action', '=', 'union_member.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: 1 });
    const hist = await send('GET', `/api/union-members/${m.li.id}/history`, undefined, 'townA');
    expect(hist.statusCode).toBe(404); // employed outside townA's scope
  });

  it('edits at the version (409 with current), status changes with date and reason, roster counts from names', async () => {
    const edit = await send('PATCH', `/api/union-members/${m.li.id}`, { version: 1, changes: { cardNumber: 'GH-002' } }, 'orgA');
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().member).toMatchObject({ cardNumber: 'GH-002', version: 2 });
    const stale = await send('PATCH', `/api/union-members/${m.li.id}`, { version: 1, changes: { cardNumber: 'GH-003' } }, 'orgA');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: m.li.id, version: 2 } });
    expect((await send('PATCH', `/api/union-members/${m.li.id}`, { version: 2, changes: { cardNumber: 'GH-009' } }, 'townA')).statusCode).toBe(403);

    const retain = await send('POST', `/api/union-members/${m.li.id}/status`, { version: 2, kind: 'retain', on: '2026-06-01', reason: '退休' }, 'orgA');
    expect(retain.statusCode, retain.body).toBe(200);
    expect(retain.json().member).toMatchObject({ status: 'retained', statusSince: '2026-06-01' });
    const future = await send('POST', `/api/union-members/${m.zhang.id}/status`, { version: 1, kind: 'leave', on: '2099-01-01', reason: '调离' }, 'orgA');
    expect(future.json().details[0]).toMatchObject({ field: 'on' });

    const u = (await send('GET', `/api/unions/${cross}`, undefined, 'orgA')).json();
    const since = await send('PUT', `/api/unions/${cross}/roster-since`, { version: u.version, rosterSince: '2026-01-01' }, 'orgA');
    expect(since.statusCode, since.body).toBe(200);
    expect(since.json()).toMatchObject({ countSource: 'roster', rosterSince: '2026-01-01', members: 3, femaleMembers: 1 });
    expect((await send('PUT', `/api/unions/${cross}/roster-since`, { version: u.version, rosterSince: '2026-01-01' }, 'orgA')).statusCode).toBe(409);
    expect((await send('PUT', `/api/unions/${cross}/roster-since`, { version: u.version + 1, rosterSince: '2026-01-01' }, 'townA')).statusCode).toBe(403);
    const page = (await send('GET', `/api/unions/${cross}/members`, undefined, 'orgA')).json();
    expect(page.counts).toMatchObject({ source: 'roster', members: 3, female: 1, retained: 1, employees: 40, rate: 7.5 });
    const listed = (await send('GET', `/api/unions?q=跨街联合工会`, undefined, 'townA')).json().items[0];
    expect(listed).toMatchObject({ countSource: 'roster', members: 3 });
  });

  it('转出 ends the membership and opens one in a union the caller manages; another street\'s union is refused, nothing changed', async () => {
    const refused = await send('POST', `/api/union-members/${m.zhang.id}/status`, { version: 1, kind: 'transfer', on: '2026-07-01', reason: '调动', targetUnionId: bUnion }, 'orgA');
    expect(refused.statusCode).toBe(403); // B区工会 is seen through its link to e2 only
    expect(refused.json().details[0]).toMatchObject({ field: 'targetUnionId', code: 'NOT_MANAGED' });
    const still = (await send('GET', `/api/unions/${cross}/members?q=张建国`, undefined, 'orgA')).json();
    expect(still.items[0]).toMatchObject({ status: 'active', version: 1 });

    const moved = await send('POST', `/api/union-members/${m.zhang.id}/status`, { version: 1, kind: 'transfer', on: '2026-07-01', reason: '调动', targetUnionId: aUnion }, 'orgA');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().member).toMatchObject({ status: 'transferred', statusSince: '2026-07-01' });
    const inA = (await send('GET', `/api/unions/${aUnion}/members`, undefined, 'orgA')).json();
    expect(inA.items.map((x: { personId: string }) => x.personId)).toContain(m.zhang.personId);
    const history = (await send('GET', `/api/union-members/${m.zhang.id}/history`, undefined, 'orgA')).json();
    expect(history.items.map((e: { kind: string }) => e.kind)).toEqual(['transferred_out', 'joined']);

    const mine = (await send('GET', `/api/people/${m.zhang.personId}/union-memberships`, undefined, 'orgA')).json();
    expect(mine.items.map((x: { status: string; unionName: string }) => `${x.unionName}:${x.status}`)).toEqual(['A街工会:active', '跨街联合工会:transferred']);
    const left = (await send('GET', `/api/unions/${cross}/members?status=transferred`, undefined, 'orgA')).json();
    expect(left.total).toBe(1);
  });

  it('the 劳务派遣 setting: read by union readers, changed only jurisdiction-wide at its version', async () => {
    const s = (await send('GET', '/api/union-members/settings', undefined, 'orgA')).json();
    expect(s).toMatchObject({ dispatchedJoinAt: 'placing', canChange: false, version: 0 });
    expect((await send('PUT', '/api/union-members/settings', { version: 0, dispatchedJoinAt: 'employing' }, 'orgA')).statusCode).toBe(403);
    const saved = await send('PUT', '/api/union-members/settings', { version: 0, dispatchedJoinAt: 'employing' }, 'sys');
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await send('PUT', '/api/union-members/settings', { version: 0, dispatchedJoinAt: 'placing' }, 'sys')).statusCode).toBe(409);
    const edit = await send('PATCH', `/api/union-members/${m.zhao.id}`, { version: 1, changes: { joinedOn: '2022-01-01' } }, 'orgA');
    expect(edit.json().warnings.join()).toContain('派遣单位');
  });
  it('imports a roster XLSX: any bad row and nothing is applied (errors with row and column, an error report), then the good file, then again unchanged', async () => {
    const header = ['姓名', '性别', '公民身份号码', '手机号', '入会日期', '会员证号', '工作单位', '是否劳务派遣', '派遣单位', '会籍状态'];
    const xlsx = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('会员名册');
      ws.addRow(['A街工会会员名册（2026年）']);
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (content: Buffer, fields: Record<string, string> = {}, who = 'orgA') => {
      const mp = multipart(fields, { name: '名册.xlsx', content });
      return t.app.inject({ method: 'POST', url: `/api/unions/${aUnion}/members/import`, payload: mp.payload, headers: { ...mp.headers, cookie: t.s[who].cookie, 'x-csrf-token': t.s[who].csrf } });
    };
    const good = [
      ['孙丽娟', '女', id('44030519870312206'), '13912340001', '2019-04-01', 'A-101', '社区企业1', '否', '', '在会'],
      ['周强', '', id('44030519830722117'), '', '2018年6月1日', 'A-102', '某物流公司', '是', '华南劳务派遣有限公司', '保留会籍'],
    ];
    const bad = [
      ['钱伟', '女', id('44030519790101111'), '', '2030-01-01', 'A-101', '', '也许', '', '退会'],
      ['', '', '44030519790101112X', '', '', '', '', '', '', ''],
    ];
    const refused = await upload(await xlsx([...good, ...bad]));
    expect(refused.statusCode, refused.body).toBe(200);
    const r = refused.json();
    expect(r).toMatchObject({ applied: false, rows: 4, rejected: 2, created: 0 });
    const at = (row: number, column: string) => r.errors.find((e: { row: number; column: string }) => e.row === row && e.column === column);
    expect(at(5, '性别')?.code).toBe('GENDER_MISMATCH');
    expect(at(5, '入会日期')?.code).toBe('DATE_IN_FUTURE');
    expect(at(5, '是否劳务派遣')?.code).toBe('YES_NO_INVALID');
    expect(at(5, '会籍状态')?.code).toBe('STATUS_INVALID');
    expect(at(6, '姓名')?.code).toBe('REQUIRED');
    expect(at(6, '公民身份号码')).toBeTruthy();
    expect(r.errors.every((e: { message: string }) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
    expect((await send('GET', `/api/unions/${aUnion}/members?q=孙丽娟`, undefined, 'orgA')).json().total).toBe(0);
    const report = await send('GET', `/api/imports/union-members/${r.importId}/errors.xlsx`, undefined, 'orgA');
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0].rowCount).toBe(3);
    expect((await send('GET', `/api/imports/union-members/${r.importId}/errors.xlsx`, undefined, 'orgB')).statusCode).toBe(404);

    const dry = (await upload(await xlsx(good), { dryRun: 'true' })).json();
    expect(dry).toMatchObject({ applied: false, dryRun: true, rejected: 0, created: 2 });
    const ok = (await upload(await xlsx(good))).json();
    expect(ok).toMatchObject({ applied: true, rejected: 0, created: 2, rosterStarted: true });
    expect(ok.warnings.map((w: { row: number }) => w.row)).toEqual([4]); // the dispatched worker's 工作单位 is not covered
    const list = (await send('GET', `/api/unions/${aUnion}/members?q=周强`, undefined, 'orgA')).json();
    expect(list.items[0]).toMatchObject({ status: 'retained', dispatched: true, dispatchEmployerName: '华南劳务派遣有限公司', employerName: '某物流公司' });
    const again = (await upload(await xlsx(good))).json();
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2 });
    // Someone in another union is refused by row, the union named to an importer who sees it.
    const other = (await upload(await xlsx([['李秀兰', '女', LI, '', '', '', '', '', '', '']]))).json();
    expect(other.errors[0]).toMatchObject({ row: 3, column: '公民身份号码', code: 'ALREADY_MEMBER' });
    expect(other.errors[0].message).toContain('跨街联合工会');
    expect((await upload(await xlsx(good), {}, 'townA')).statusCode).toBe(403);
    const tpl = await send('GET', '/api/imports/union-members/template.xlsx', undefined, 'orgA');
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(tpl.rawPayload as unknown as ExcelJS.Buffer);
    expect((twb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(header);
  });
});
