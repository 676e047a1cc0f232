import { idCheckChar } from '../../../src/domain/id-number.js';
import { multipart } from '../../helpers/multipart.js';
import { api, imported, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 会员实名制 (docs/unions.md, "会员实名制"): every constraint of union_member, driven through
 * POST /api/unions/:id/members, PATCH /api/union-members/:id, POST /api/union-members/:id/status and
 * the roster import POST /api/unions/:id/members/import. The fixture registers two members of the
 * fixture union (甲 with card YS-CARD-1, 乙 with card YS-CARD-2); each probe is refused before the
 * database would be, and an add's newly registered person is rolled back with it (nothing written).
 * union_org.roster_since has no constraint (a date the service checks: not after today, not before
 * the founding date).
 */
const id = (body: string) => body + idCheckChar(body);
const A = { name: '约束会员甲', idNumber: id('44030519810211531') };
const B = { name: '约束会员乙', idNumber: id('44030519820312542') };
/** A person no probe leaves registered (each add that names them is refused). */
const C = { name: '约束会员丙', idNumber: id('44030519830413553') };
const CARD_A = 'YS-CARD-1';
const CARD_B = 'YS-CARD-2';

export const UNION_MEMBER_FIXTURE = async (w: Omit<Walk, 'f'>, unionId: string, _enterpriseId: string): Promise<void> => {
  for (const [who, card] of [[A, CARD_A], [B, CARD_B]] as const) {
    const res = await w.api('POST', `/api/unions/${unionId}/members`, { ...who, cardNumber: card, joinedOn: '2020-01-01' });
    if (res.statusCode !== 201) throw new Error(`union member fixture: ${res.statusCode} ${res.body}`);
  }
};

const secondUnion = async (w: Walk) =>
  (await w.database.db.selectFrom('union_org').select('id').where('name', '=', '约束第二工会').executeTakeFirstOrThrow()).id;
const memberOf = (w: Walk, card: string) => w.database.db.selectFrom('union_member').select(['id', 'version']).where('union_id', '=', w.f.unionId)
  .where('card_number', '=', card).where('status', 'in', ['active', 'retained']).executeTakeFirstOrThrow();

const add = (change: Record<string, unknown>) => api((w) => w.api('POST', `/api/unions/${w.f.unionId}/members`,
  Object.fromEntries(Object.entries({ ...C, ...change }).filter(([, v]) => v !== undefined))));
const patchB = (changes: Record<string, unknown>) => api(async (w) => {
  const m = await memberOf(w, CARD_B);
  return w.api('PATCH', `/api/union-members/${m.id}`, { version: m.version, changes });
});
const statusA = (body: Record<string, unknown>) => api(async (w) => {
  const m = await memberOf(w, CARD_A);
  return w.api('POST', `/api/union-members/${m.id}/status`, { version: m.version, on: '2024-06-01', reason: '约束探针', ...body });
});

/** A one-row roster CSV (template headers) into a union, not a dry run: a rejected row writes nothing. */
const csv = (row: Record<string, string>) => {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return Buffer.from(`${Object.keys(row).map(q).join(',')}\n${Object.values(row).map(q).join(',')}\n`);
};
const upload = (w: Walk, unionId: string, row: Record<string, string>) => {
  const m = multipart({}, { name: '名册.csv', content: csv({ 姓名: C.name, 公民身份号码: C.idNumber, 会员证号: '', 是否劳务派遣: '', 派遣单位: '', 会籍状态: '', ...row }) });
  return w.app.inject({ method: 'POST', url: `/api/unions/${unionId}/members/import`, payload: m.payload, headers: { ...m.headers, cookie: w.sys.cookie, 'x-csrf-token': w.sys.csrf } });
};
const importRow = (row: Record<string, string>, column: string) => imported((w) => upload(w, w.f.unionId, row), column);

export const UNION_MEMBER_PROBES: Record<string, Probe | Probe[]> = {
  union_member_union_id_fkey: [
    path((w) => w.api('POST', `/api/unions/${NO_ID}/members`, C)),
    statusA({ kind: 'transfer', targetUnionId: NO_ID }),
    path((w) => upload(w, NO_ID, {})),
  ],
  'union_member.person_id': [add({ idNumber: undefined }), importRow({ 公民身份号码: '' }, '公民身份号码')],
  union_member_enterprise_id_fkey: [add({ enterpriseId: NO_ID }), patchB({ enterpriseId: NO_ID })],
  union_member_card_number_check: [add({ cardNumber: '' }), add({ cardNumber: 'K'.repeat(41) }), patchB({ cardNumber: 'K'.repeat(41) })],
  union_member_status_check: [statusA({ kind: 'expel' }), importRow({ 会籍状态: '已退会' }, '会籍状态')],
  union_member_check: [
    add({ dispatchEmployerName: '约束派遣公司' }),
    add({ dispatched: false, dispatchEmployerName: '约束派遣公司' }),
    patchB({ dispatched: false, dispatchEmployerName: '约束派遣公司' }),
    patchB({ dispatchEmployerName: '约束派遣公司' }),
    importRow({ 是否劳务派遣: '否', 派遣单位: '约束派遣公司' }, '派遣单位'),
  ],
  union_member_person_live_key: [
    add(A),
    api(async (w) => w.api('POST', `/api/unions/${await secondUnion(w)}/members`, A)),
    imported(async (w) => upload(w, await secondUnion(w), { 姓名: A.name, 公民身份号码: A.idNumber }), '公民身份号码'),
  ],
  union_member_card_key: [
    add({ cardNumber: CARD_A }),
    patchB({ cardNumber: CARD_A }),
    importRow({ 会员证号: CARD_A }, '会员证号'),
  ],
};

export const UNION_MEMBER_SKIPPED: Record<string, string> = {
  'union_member.union_id': 'the union is the URL\'s (a missing one is 404: union_member_union_id_fkey), or a transfer\'s target, resolved first',
  union_member_person_id_fkey: 'the person the service has just found or registered by the ID number (findOrRegisterPersonIn) in the same transaction; no request carries a person id',
  union_member_source_check: 'set by the service: manual (add, transfer), import (the roster import) or application (an accepted join application)',
};
