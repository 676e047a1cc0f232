import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { manageWant, readStatus } from './scope-checks-life.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * 党小组 checks of the scope property test, against docs/life.md ("党小组"): an organisation's groups
 * are read exactly where the organisation is seen (own place or a current link), `manageable` only by
 * its own place; renaming a group needs org.manage by the organisation's own place (seen otherwise:
 * 403 NOT_MANAGED; unseen: 404) and a refusal changes nothing. One group per organisation is made on
 * first use; a rename is put back so every draw meets the same world.
 */
const groupOfOrg = new Map<string, string>();
const orgIds = (c: Ctx) => [...c.model.orgs.keys()];

async function ensureGroups(c: Ctx): Promise<void> {
  if (groupOfOrg.size) return;
  for (const orgId of orgIds(c)) {
    const r = await c.database.db.insertInto('party_group').values({ org_id: orgId, name: `范围党小组${orgId}` }).returning('id').executeTakeFirstOrThrow();
    groupOfOrg.set(orgId, r.id);
  }
  await c.reload();
}

export const groupList: Op = async (c, user, a) => {
  await ensureGroups(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const res = await call(c.app, c.sessions[user], 'GET', `/api/party-orgs/${org}/groups`);
  if (res.statusCode >= 500) throw new Error(`groups of ${org} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const status = readStatus(c, user, org);
  same(problems, 'status', status, res.statusCode);
  if (status === 200 && res.statusCode === 200) {
    const body = res.json() as { items: Array<{ id: string }>; manageable: boolean };
    same(problems, 'rows', [groupOfOrg.get(org)], body.items.map((g) => g.id).filter((id) => id === groupOfOrg.get(org)));
    const g = c.world.users[user].grants;
    same(problems, 'manageable', holds(g, 'org.manage') && new Oracle(c.model).own(scopeOf(g, 'org.manage'), 'org', org), body.manageable);
  }
  return { op: 'groupList', user, target: org, problems } satisfies CheckResult;
};

export const groupRename: Op = async (c, user, a) => {
  await ensureGroups(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const id = groupOfOrg.get(org)!;
  const db = c.database.db;
  const before = await db.selectFrom('party_group').select(['name', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const want = manageWant(c, user, org);
  const res = await call(c.app, c.sessions[user], 'PATCH', `/api/party-groups/${id}`, { version: before.version, name: `改名党小组${org}` });
  if (res.statusCode >= 500) throw new Error(`rename group of ${org} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  const after = await db.selectFrom('party_group').select(['name', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  if (res.statusCode === 200) await db.updateTable('party_group').set(before).where('id', '=', id).execute();
  else if (after.name !== before.name || after.version !== before.version) problems.push(`written: refused with ${res.statusCode} but the group changed`);
  return { op: 'groupRename', user, target: org, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};
