import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult, type Scope } from './scope-oracle.js';

/**
 * 标准化建设 checks of the scope property test, against docs/standards.md: an organisation's
 * assessment and its standards page are seen exactly where the organisation is seen (own place or a
 * current link), `manageable` only by its own place under org.manage; opening one needs org.manage
 * by own place (seen otherwise: 403 NOT_MANAGED; unseen: 404); a review needs org.manage over the
 * organisation's place by area (a street or wider region, its park or association — never a subtree
 * grant, never a link); the review list and its XLSX hold exactly the assessments of the
 * organisations the reader holds by own place. One submitted assessment per organisation is made on
 * first use; writes are refused by a stale version or removed again, so every draw meets the same world.
 */
type Json = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();
const assessmentOf = new Map<string, string>();
const orgIds = (c: Ctx) => [...c.model.orgs.keys()];

async function ensure(c: Ctx): Promise<void> {
  if (assessmentOf.size) return;
  for (const orgId of orgIds(c)) {
    const r = await c.database.db.insertInto('checklist_assessment').values({ template_id: 'partySixHave', template_version: '2019-01-01', party_org_id: orgId, year: 2025, status: 'submitted', stage: 'street' })
      .returning('id').executeTakeFirstOrThrow();
    assessmentOf.set(orgId, r.id);
  }
  // 结对共建: each organisation with the next one, so partners lie in the other street as often as not.
  const ids = orgIds(c);
  for (const [i, id] of ids.entries()) {
    await c.database.db.insertInto('org_pairing').values({ party_org_id: id, partner_org_id: ids[(i + 1) % ids.length]!, since: '2025-03-01' }).onConflict((oc) => oc.doNothing()).execute();
  }
  await c.reload();
}

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Json) : {} };
}

const readStatus = (c: Ctx, user: string, org: string) => {
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  return !read.held ? 403 : new Oracle(c.model).visible(read, 'org', org) ? 200 : 404;
};

/** A street review: the manage scope covers the place by a region of a street or wider, a park or an association. */
export function byArea(s: Scope, p: { region: string | null; park: string | null; assoc: string | null }): boolean {
  if (!s.held) return false;
  if (s.all) return true;
  return (!!p.region && s.prefixes.some((x) => x.length <= 9 && p.region!.startsWith(x))) || (!!p.park && s.parks.includes(p.park)) || (!!p.assoc && s.assocs.includes(p.assoc));
}

export const assessmentDetail: Op = async (c, user, a) => {
  await ensure(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const res = await get(c, user, `/api/standards/assessments/${assessmentOf.get(org)}`);
  const page = await get(c, user, `/api/party-orgs/${org}/standards?year=2025`);
  const problems: string[] = [];
  const status = readStatus(c, user, org);
  same(problems, 'status', status, res.status);
  same(problems, 'page', status, page.status);
  const g = c.world.users[user].grants;
  const manage = holds(g, 'org.manage') && new Oracle(c.model).own(scopeOf(g, 'org.manage'), 'org', org);
  if (page.status === 200) same(problems, 'manageable', manage, page.body.manageable);
  if (res.status === 200) {
    same(problems, 'access', new Oracle(c.model).own(scopeOf(g, 'org.read'), 'org', org) ? 'full' : 'partial', res.body.access);
    same(problems, 'reviewable', byArea(scopeOf(g, 'org.manage'), c.model.orgs.get(org)!) ? 'street' : null, res.body.reviewable);
  }
  return { op: 'assessmentDetail', user, target: org, problems };
};

/** Opening an assessment (then removing it) and reviewing with a stale version: the manage and review gates. */
export const assessmentWrite: Op = async (c, user, a) => {
  await ensure(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'org.manage');
  const seen = o.visible(scopeOf(g, 'org.read'), 'org', org) || (manage.held && o.visible(manage, 'org', org));
  const problems: string[] = [];
  const active = (await c.database.db.selectFrom('party_org').select('status').where('id', '=', org).executeTakeFirstOrThrow()).status === 'active';
  const res = await call(c.app, c.sessions[user], 'POST', '/api/standards/assessments', { templateId: 'partySevenHave', orgKind: 'partyOrg', orgId: org, year: 2025 });
  const want = !manage.held ? 403 : o.own(manage, 'org', org) ? (active ? 201 : 409) : seen ? 403 : 404;
  same(problems, 'create', want, res.statusCode);
  if (res.statusCode === 403 && want === 403 && manage.held) same(problems, 'detail', 'NOT_MANAGED', (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code);
  if (res.statusCode === 201) {
    const id = (res.json() as { id: string }).id;
    await c.database.db.deleteFrom('checklist_assessment').where('id', '=', id).execute();
  }
  const rev = await call(c.app, c.sessions[user], 'POST', `/api/standards/assessments/${assessmentOf.get(org)}/reviews`, { version: 999, decision: 'pass', marks: {} });
  const read = readStatus(c, user, org);
  same(problems, 'review', read !== 200 ? read : byArea(manage, c.model.orgs.get(org)!) ? 409 : 403, rev.statusCode);
  return { op: 'assessmentWrite', user, target: org, problems } satisfies CheckResult;
};

/** The review list and its XLSX: exactly the assessments of the organisations held by own place. */
export const reviewList = (form: 'json' | 'xlsx'): Op => async (c, user) => {
  await ensure(c);
  const g = c.world.users[user].grants;
  const read = scopeOf(g, 'org.read');
  const o = new Oracle(c.model);
  const res = await get(c, user, `/api/standards/reviews${form === 'xlsx' ? '/export.xlsx' : ''}?year=2025&templateId=partySixHave`);
  const problems: string[] = [];
  const held = read.held || holds(g, 'union.read');
  same(problems, 'status', held ? 200 : 403, res.status);
  if (form === 'json' && res.status === 200) {
    const want = orgIds(c).filter((id) => read.held && o.own(read, 'org', id)).map((id) => assessmentOf.get(id)!);
    const got = (res.body.items as Json[]).map((i) => String(i.id)).filter((id) => [...assessmentOf.values()].includes(id));
    same(problems, 'rows', sorted(want), sorted(got));
    same(problems, 'total', (res.body.items as Json[]).length, res.body.total);
  }
  return { op: `reviewList:${form}`, user, target: '-', problems };
};

/** An organisation's recognitions: read where it is read; a pairing's partner named only where the reader sees the partner. */
export const recognitionList: Op = async (c, user, a) => {
  await ensure(c);
  const ids = orgIds(c);
  const org = ids[a % ids.length]!;
  const res = await get(c, user, `/api/party-orgs/${org}/recognitions`);
  const problems: string[] = [];
  const status = readStatus(c, user, org);
  same(problems, 'status', status, res.status);
  if (res.status === 200) {
    const read = scopeOf(c.world.users[user].grants, 'org.read');
    const o = new Oracle(c.model);
    const rows = await c.database.db.selectFrom('org_pairing').select(['id', 'party_org_id', 'partner_org_id']).where((eb) => eb.or([eb('party_org_id', '=', org), eb('partner_org_id', '=', org)])).execute();
    const want = rows.map((r) => { const other = r.party_org_id === org ? r.partner_org_id : r.party_org_id; return `${r.id}:${o.visible(read, 'org', other) ? other : '-'}`; });
    const got = (res.body.pairings as Json[]).map((p) => `${String(p.id)}:${p.partnerOrgId === null ? '-' : String(p.partnerOrgId)}`);
    same(problems, 'pairings', sorted(want), sorted(got));
  }
  return { op: 'recognitionList', user, target: org, problems };
};
