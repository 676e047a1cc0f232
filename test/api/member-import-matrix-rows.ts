import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the roster import (POST /api/imports/members and its error report),
 * spread into MATRIX in permission-matrix.test.ts. Importing needs org.manage; an import's error
 * report is its starter's (or an all-regions administrator's): here one started by sys.
 */
const ORG_MANAGERS = ['sys', 'orgA', 'orgB', 'townA', 'secretary', 'multi'];
let batchId = '';

async function sysMemberImport(c: Ctx): Promise<string> {
  if (batchId) return batchId;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-member-matrix-'));
  const file = path.join(dir, 'roster.csv');
  fs.writeFileSync(file, '姓名,公民身份号码,人员类别,所在党支部\r\n张三,11010519491231002X,正式党员,不存在的支部\r\n');
  const row = await c.database.db.insertInto('import_batch').values({
    kind: 'members', file_name: 'roster.csv', file_sha256: '', actor_id: c.world.users.sys.id, dry_run: false, stored_path: file, status: 'failed',
  }).returning('id').executeTakeFirstOrThrow();
  batchId = row.id;
  return batchId;
}

export const MEMBER_IMPORT_MATRIX_ROWS: Row[] = [
  // A JSON body is not an upload: holders of org.manage get past the gate and are refused by the use case (406).
  { route: 'POST /api/imports/members', request: () => ({ url: '/api/imports/members', payload: { file: 'x' } }), expect: { reached: ORG_MANAGERS } },
  {
    route: 'GET /api/imports/members/:id/errors.xlsx', request: async (c) => ({ url: `/api/imports/members/${await sysMemberImport(c)}/errors.xlsx` }),
    expect: { ok: ['sys'], hidden: ['orgA', 'orgB', 'townA', 'secretary', 'multi'] },
  },
];
