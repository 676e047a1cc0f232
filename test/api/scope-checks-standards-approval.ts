import { call } from '../factories/world.js';
import { checklistVersionAt } from '../../src/domain/standards/standards-catalogue.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { byArea } from './scope-checks-standards.js';
import { Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * 规范化建设复核 through the approval engine in the scope property test, against docs/standards.md
 * ("Review through the approval engine"): a checklist under a `standards.review` request is reviewed
 * on its page only past both gates — the module's (at a 街道 level: the manage action over the place by
 * area, else 403 NOT_REVIEWER; a 社区 level has none) and the engine's (the level's role over the
 * organisation by its own place: NOT_YOUR_LEVEL, NOT_MANAGED through a link; never one's own request);
 * `reviewable` says the same. Each check reviews a fresh request (sys the requester) at the 社区 or 街道
 * level of a three-level flow, so no check applies a result; nothing is written on a refusal.
 */
const LEVELS = ['community_officer', 'township_officer', 'org_admin'] as const;
const STAGES = ['community', 'street'] as const;
const checklistOf = new Map<string, string>();
const MARKS = Object.fromEntries(checklistVersionAt('partySevenHave', '2019-01-01')!.items.map((i) => [i.key, i.weight - 1]));

async function ensure(c: Ctx): Promise<void> {
  if (checklistOf.size) return;
  for (const orgId of c.model.orgs.keys()) {
    const r = await c.database.db.insertInto('checklist_assessment').values({ template_id: 'partySevenHave', template_version: '2019-01-01', party_org_id: orgId, year: 2024, status: 'submitted', stage: 'street' })
      .returning('id').executeTakeFirstOrThrow();
    checklistOf.set(orgId, r.id);
  }
  await c.reload();
}

/** The checklist waiting at `level` under a fresh request (an earlier one set aside first). */
async function fresh(c: Ctx, org: string, level: number) {
  const db = c.database.db;
  const id = checklistOf.get(org)!;
  await db.updateTable('approval_request').set({ state: 'withdrawn' }).where('subject_table', '=', 'checklist_assessment').where('subject_id', '=', id).where('state', 'in', ['pending', 'returned']).execute();
  const a = await db.updateTable('checklist_assessment').set({ status: 'submitted', stage: STAGES[level], total: null, stars: null }).where('id', '=', id).returning(['id', 'version']).executeTakeFirstOrThrow();
  const r = await db.insertInto('approval_request').values({
    kind: 'standards.review', subject_table: 'checklist_assessment', subject_id: id, party_org_id: org, subject_label: '复核检查对象', payload: '{}',
    levels: JSON.stringify(LEVELS), current_level: level, state: 'pending', requester_user_id: c.world.users.sys.id,
  }).returning(['id', 'version']).executeTakeFirstOrThrow();
  return { a, r };
}

export const checklistEngineReview: Op = async (c, user, x, y) => {
  await ensure(c);
  const orgs = [...checklistOf.keys()];
  const org = orgs[x % orgs.length]!;
  const level = y % 2;
  const { a, r } = await fresh(c, org, level);
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const read = scopeOf(g, 'org.read');
  const manage = scopeOf(g, 'org.manage');
  const ownsAs = (role: string) => o.own(scopeOf(g.filter((z) => z.role === role), 'approval.decide'), 'org', org);
  const seen = read.held && o.visible(read, 'org', org);
  const want: [number, string | null] = !read.held ? [403, null] : !seen ? [404, null]
    : level === 1 && !byArea(manage, c.model.orgs.get(org)!) ? [403, manage.held ? 'NOT_REVIEWER' : null]
      : user === 'sys' ? [403, 'OWN_REQUEST']
        : ownsAs(LEVELS[level]) ? [200, null]
          : LEVELS.some(ownsAs) ? [403, 'NOT_YOUR_LEVEL'] : [403, 'NOT_MANAGED'];
  const problems: string[] = [];
  const view = await call(c.app, c.sessions[user], 'GET', `/api/standards/assessments/${a.id}`);
  if (view.statusCode === 200) same(problems, 'reviewable', want[0] === 200 ? STAGES[level] : null, (view.json() as { reviewable: string | null }).reviewable);
  const written = async () => {
    const db = c.database.db;
    const req = await db.selectFrom('approval_request').select(['version']).where('id', '=', r.id).executeTakeFirstOrThrow();
    const n = await db.selectFrom('checklist_review').select((eb) => eb.fn.countAll<string>().as('n')).where('assessment_id', '=', a.id).executeTakeFirstOrThrow();
    return [req.version, Number(n.n)];
  };
  const before = await written();
  const res = await call(c.app, c.sessions[user], 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks: MARKS });
  if (res.statusCode >= 500) throw new Error(`review as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  same(problems, 'status', want[0], res.statusCode);
  if (want[1]) same(problems, 'code', want[1], (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code);
  if (want[0] !== 200) same(problems, 'nothing written', before, await written());
  // A level decided writes a line on the organisation's history, which other ops' fingerprint of the world reads.
  if (res.statusCode === 200) await c.reload();
  return { op: 'checklistEngineReview', user, target: `${org}@${STAGES[level]}`, problems };
};
