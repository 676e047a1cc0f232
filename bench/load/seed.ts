import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { systemActor } from '../../src/core/access/actor.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { parseKeyring } from '../../src/core/crypto/keyring.js';
import { importMembers } from '../../src/core/member-import/member-import.service.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { seedCoverage } from '../coverage-seed.js';

/**
 * A city for the load bench (docs/benchmarks.md, "Load"): the generator's enterprises of one
 * province with their organisations, unions and instructors (bench/coverage-seed.ts, COPY), a party
 * roster imported through the real member import (ID numbers encrypted with the server's keys), and
 * one account per virtual user: street officers (街道工作人员, one street each) and, one in ten,
 * district administrators (组织部管理员 over one 区). Same password for all; the hash is computed once.
 */
export const LOAD_PASSWORD = 'Bench-Load-2026';
const PROVINCE = '44';

export type LoadUser = { username: string; role: 'township_officer' | 'org_admin'; prefix: string };
export type City = { enterprises: number; orgs: number; unions: number; members: number; users: LoadUser[]; townships: number };

/** Townships with the most enterprises first, so the busiest streets have officers. */
function grants(townships: Map<string, number>, users: number): LoadUser[] {
  const streets = [...townships].sort((a, b) => b[1] - a[1]).slice(0, Math.max(1, users)).map(([t]) => t);
  const districts = [...new Set(streets.map((t) => t.slice(0, 6)))];
  return Array.from({ length: users }, (_, i) => i % 10 === 9
    ? { username: `load_qu_${i + 1}`, role: 'org_admin' as const, prefix: districts[i % districts.length]! }
    : { username: `load_jd_${i + 1}`, role: 'township_officer' as const, prefix: streets[i % streets.length]! });
}

export async function createUsers(database: Database, users: LoadUser[]): Promise<void> {
  const hash = await hashPassword(LOAD_PASSWORD);
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    const ids = await database.db.insertInto('app_user')
      .values(chunk.map((u, k) => ({ username: u.username, display_name: `${u.role === 'org_admin' ? '区委组织部' : '街道'}干部${i + k + 1}`, password_hash: hash, must_change_password: false })))
      .returning(['id', 'username']).execute();
    const byName = new Map(ids.map((r) => [r.username, r.id]));
    await database.db.insertInto('user_role')
      .values(chunk.map((u) => ({ user_id: byName.get(u.username)!, role: u.role, region_prefixes: [u.prefix] }))).execute();
  }
}

/** The roster comes from the CLI generator in its own process (as in bench/members.bench.ts), over the seeded organisations. */
async function seedMembers(database: Database, count: number, keys: string, dir: string): Promise<number> {
  if (count === 0) return 0;
  const orgs = await database.db.selectFrom('party_org').select('name').where('org_type', '=', 'branch').orderBy('id').limit(Math.max(1, Math.ceil(count / 15))).execute();
  const orgsFile = path.join(dir, 'orgs.txt');
  fs.writeFileSync(orgsFile, orgs.map((o) => o.name).join('\n') + '\n');
  const file = path.join(dir, 'members.csv');
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'liangxin.js');
  execFileSync(process.execPath, [bin, 'gen', 'members', '--count', String(count), '--seed', '1', '--orgs', orgsFile, '--year', todayInChina().slice(0, 4), '--format', 'csv', '--out', file], { stdio: 'pipe' });
  const keyring = parseKeyring(keys, 'env', null);
  const r = await importMembers({ database, keyring: () => keyring }, systemActor('bench'), file);
  return r.created;
}

export async function seedCity(database: Database, opts: { enterprises: number; members: number; users: number; keys: string; dir: string; log: (m: string) => void }): Promise<City> {
  await migrate(database.db);
  await loadRegions(database, systemActor('bench'), { scope: [PROVINCE] });
  opts.log('  区划已载入（广东省）');
  const seeded = await seedCoverage(database, opts.enterprises, PROVINCE, Number(todayInChina().slice(0, 4)));
  // Rows loaded by COPY carry explicit ids: move the sequences past them, or the first 新建 collides.
  for (const table of ['party_org', 'person', 'instructor', 'union_org']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(database.db);
  }
  await sql`WITH RECURSIVE t AS (SELECT id, id::text AS p FROM party_org WHERE parent_id IS NULL
      UNION ALL SELECT c.id, t.p || '.' || c.id FROM party_org c JOIN t ON c.parent_id = t.id)
    UPDATE party_org o SET path = t.p FROM t WHERE o.id = t.id AND o.path = ''`.execute(database.db);
  opts.log(`  企业 ${seeded.enterprises.toLocaleString()} 家，党组织 ${seeded.orgs.toLocaleString()} 个，工会 ${seeded.unions.toLocaleString()} 个`);
  const members = await seedMembers(database, opts.members, opts.keys, opts.dir);
  opts.log(`  党员 ${members.toLocaleString()} 名（经名册导入，身份证号码加密）`);
  const users = grants(seeded.townships, opts.users);
  await createUsers(database, users);
  await sql`ANALYZE`.execute(database.db);
  return { enterprises: seeded.enterprises, orgs: seeded.orgs, unions: seeded.unions, members, users, townships: new Set(users.map((u) => u.prefix)).size };
}
