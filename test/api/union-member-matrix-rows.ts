import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 会员实名制 (docs/unions.md, "会员实名制"), spread into MATRIX in
 * permission-matrix.test.ts. A union registered in COMMUNITIES[0] covering e0: its members are read
 * where the union is seen (union.read), changed by union.manage over it by its own place; the
 * 劳务派遣 setting is read by union readers and changed only jurisdiction-wide. Change probes get a
 * fresh member at version 1 (a fresh ID number for an add), so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi', 'union'] };
const PERSON_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'multi'] };

let made = 0;
const fixtures: { union?: string } = {};
// A distinct valid ID number per probe (birth dates walk through 1980).
const idNumber = () => {
  const n = ++made;
  const body = `440305${1980 + Math.floor(n / 300)}${String(1 + Math.floor((n % 300) / 28)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(700 + (n % 200)).padStart(3, '0')}`;
  return body + idCheckChar(body);
};

async function union(c: Ctx): Promise<string> {
  if (fixtures.union) return fixtures.union;
  const db = c.database.db;
  const { id } = await db.insertInto('union_org').values({ name: `会员矩阵工会${++made}`, kind: 'standalone', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: c.world.enterprises[0].id, since: '2024-01-01' }).execute();
  return (fixtures.union = id);
}

async function member(c: Ctx): Promise<{ id: string; personId: string }> {
  const db = c.database.db;
  const p = await db.insertInto('person').values({ name: `矩阵会员${++made}`, region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('union_member').values({ person_id: p.id, union_id: await union(c), joined_on: '2020-01-01', status_since: '2020-01-01' })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_member_event').values({ member_id: m.id, kind: 'joined', at: '2020-01-01', data: '{}' }).execute();
  return { id: m.id, personId: p.id };
}

const ALL = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
let batchId = '';
/** A rejected roster import started by sys: its error report is sys's (and an all-regions manager's) alone. */
async function sysImport(c: Ctx): Promise<string> {
  if (batchId) return batchId;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-um-matrix-')), 'roster.csv');
  fs.writeFileSync(file, '姓名,公民身份号码,会员证号\r\n张三,11010519491231002X,\r\n');
  const row = await c.database.db.insertInto('import_batch').values({
    kind: 'union_members', file_name: 'roster.csv', file_sha256: '', actor_id: c.world.users.sys.id, dry_run: false, stored_path: file, status: 'failed',
  }).returning('id').executeTakeFirstOrThrow();
  return (batchId = row.id);
}

const settingVersion = async (c: Ctx) =>
  ((await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'union_member.settings').executeTakeFirst())?.value as { version?: number } | undefined)?.version ?? 0;

export const UNION_MEMBER_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/union-members/settings', request: () => ({ url: '/api/union-members/settings' }), expect: { ok: READERS } },
  { route: 'PUT /api/union-members/settings', request: async (c) => ({ url: '/api/union-members/settings', payload: { version: await settingVersion(c), dispatchedJoinAt: 'placing' } }), expect: { ok: ['sys'] } },
  { route: 'GET /api/unions/:id/members', request: async (c) => ({ url: `/api/unions/${await union(c)}/members` }), expect: SEEN },
  { route: 'GET /api/unions/:id/members/export.xlsx', request: async (c) => ({ url: `/api/unions/${await union(c)}/members/export.xlsx` }), expect: SEEN },
  { route: 'POST /api/unions/:id/members', request: async (c) => ({ url: `/api/unions/${await union(c)}/members`, payload: { name: `新会员${made}`, idNumber: idNumber() } }), expect: MANAGED },
  {
    route: 'PUT /api/unions/:id/roster-since',
    request: async (c) => {
      const id = await union(c);
      const { version } = await c.database.db.selectFrom('union_org').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      return { url: `/api/unions/${id}/roster-since`, payload: { version, rosterSince: '2025-01-01' } };
    },
    expect: MANAGED,
  },
  { route: 'PATCH /api/union-members/:id', request: async (c) => ({ url: `/api/union-members/${(await member(c)).id}`, payload: { version: 1, changes: { cardNumber: `K${made}` } } }), expect: MANAGED },
  { route: 'POST /api/union-members/:id/status', request: async (c) => ({ url: `/api/union-members/${(await member(c)).id}/status`, payload: { version: 1, kind: 'retain', on: '2025-01-01', reason: '矩阵' } }), expect: MANAGED },
  { route: 'GET /api/union-members/:id/history', request: async (c) => ({ url: `/api/union-members/${(await member(c)).id}/history` }), expect: SEEN },
  { route: 'GET /api/imports/union-members/template.xlsx', request: () => ({ url: '/api/imports/union-members/template.xlsx' }), expect: { ok: ALL } },
  // A JSON body is not an upload: holders of union.manage pass the gate and are refused by the use case (406).
  { route: 'POST /api/unions/:id/members/import', request: async (c) => ({ url: `/api/unions/${await union(c)}/members/import`, payload: { file: 'x' } }), expect: { reached: ['sys', 'orgA', 'orgB', 'union', 'multi'] } },
  { route: 'GET /api/imports/union-members/:id/errors.xlsx', request: async (c) => ({ url: `/api/imports/union-members/${await sysImport(c)}/errors.xlsx` }), expect: { ok: ['sys'], hidden: ['orgA', 'orgB', 'union', 'multi'] } },
  { route: 'GET /api/people/:id/union-memberships', request: async (c) => ({ url: `/api/people/${(await member(c)).personId}/union-memberships` }), expect: PERSON_SEEN },
];
