import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * Reserve pool and support ledger checks of the scope property test (docs/training.md): an entry
 * recommended by an organisation, and the organisation's ledger, are seen exactly where the
 * organisation is seen (own place or a current link) and changed only by its own place (seen
 * otherwise: 403 NOT_MANAGED; unseen: 404). One entry per organisation is made on first use.
 */
const talentOfOrg = new Map<string, string>();
const orgIds = (c: Ctx) => [...c.model.orgs.keys()];

async function ensureTalents(c: Ctx): Promise<void> {
  if (talentOfOrg.size) return;
  const db = c.database.db;
  for (const orgId of orgIds(c)) {
    const p = await db.insertInto('person').values({ name: `范围后备${orgId}` }).returning('id').executeTakeFirstOrThrow();
    const t = await db.insertInto('reserve_talent').values({ person_id: p.id, org_id: orgId, recommender: '范围推荐', recommended_on: '2024-01-05', skills: '党务', availability: 'partTime' }).returning('id').executeTakeFirstOrThrow();
    talentOfOrg.set(orgId, t.id);
  }
  await c.reload();
}

function gates(c: Ctx, user: string, org: string) {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const read = scopeOf(g, 'org.read');
  const manage = scopeOf(g, 'org.manage');
  const readStatus = !read.held ? 403 : o.visible(read, 'org', org) ? 200 : 404;
  const write = !manage.held ? { status: 403 } : o.own(manage, 'org', org) ? { status: 200 }
    : o.visible(read, 'org', org) || o.visible(manage, 'org', org) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
  return { readStatus, write, manageable: holds(g, 'org.manage') && o.own(manage, 'org', org) };
}

const codeOf = (body: string) => ((JSON.parse(body) as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);

export const poolEntry: Op = async (c, user, a) => {
  await ensureTalents(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const id = talentOfOrg.get(org)!;
  const want = gates(c, user, org);
  const problems: string[] = [];
  const res = await call(c.app, c.sessions[user], 'GET', `/api/reserve-pool/${id}`);
  same(problems, 'status', want.readStatus, res.statusCode);
  if (res.statusCode === 200) same(problems, 'manageable', want.manageable, (res.json() as { manageable: boolean }).manageable);
  const { version } = await c.database.db.selectFrom('reserve_talent').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const put = await call(c.app, c.sessions[user], 'PUT', `/api/reserve-pool/${id}`, { recommender: '范围推荐', recommendedOn: '2024-01-05', skills: '党务', availability: 'partTime', version });
  same(problems, 'write', want.write.status, put.statusCode);
  if (put.statusCode === 403) same(problems, 'detail', want.write.code ?? null, codeOf(put.body));
  return { op: 'poolEntry', user, target: org, problems, expected: want.write.code };
};

export const orgSupport: Op = async (c, user, a) => {
  const org = orgIds(c)[a % orgIds(c).length]!;
  const want = gates(c, user, org);
  const problems: string[] = [];
  const res = await call(c.app, c.sessions[user], 'GET', `/api/party-orgs/${org}/support?year=2024`);
  same(problems, 'status', want.readStatus, res.statusCode);
  if (res.statusCode === 200) same(problems, 'manageable', want.manageable, (res.json() as { manageable: boolean }).manageable);
  const post = await call(c.app, c.sessions[user], 'POST', `/api/party-orgs/${org}/support/sites?year=2024`, { address: '范围路1号', areaM2: 30, shared: false });
  same(problems, 'write', want.write.status === 200 ? 201 : want.write.status, post.statusCode);
  if (post.statusCode === 403) same(problems, 'detail', want.write.code ?? null, codeOf(post.body));
  return { op: 'orgSupport', user, target: org, problems, expected: want.write.code };
};
