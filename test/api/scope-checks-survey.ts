import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { entIn, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * 排查摸底 checks of the scope property test (docs/surveys.md): one campaign over the whole city
 * (made by sys on first use). A reader holding 修改企业台账 or 组织排查摸底 sees exactly the targets
 * whose enterprise lies in either scope (by the enterprise's own place), `actionable` exactly under
 * 修改企业台账; with neither action 403; with nothing in it 404. A decision on another street's
 * target is 404 and writes nothing; on one's own it gets past the gate (409 with a stale version).
 */
let campaign: { db: unknown; id: string } | null = null;

async function ensureCampaign(c: Ctx): Promise<string> {
  if (campaign?.db === c.database) return campaign.id;
  const res = await call(c.app, c.sessions.sys, 'POST', '/api/surveys', {
    name: '范围排查摸底', closesOn: '2099-12-31', filter: { regionPrefix: '4403' }, fields: [{ key: 'members', label: '党员人数', type: 'number', fact: 'memberCount' }],
  });
  if (res.statusCode !== 200) throw new Error(`survey fixture: ${res.statusCode} ${res.body}`);
  campaign = { db: c.database, id: (res.json() as { id: string }).id };
  return campaign.id;
}

const targetsOf = (c: Ctx, id: string) =>
  c.database.db.selectFrom('survey_target').select(['id', 'enterprise_id', 'version']).where('campaign_id', '=', id).orderBy('id').execute();

export const surveyTargets: Op = async (c, user) => {
  const id = await ensureCampaign(c);
  const g = c.world.users[user].grants;
  const update = scopeOf(g, 'enterprise.update');
  const manage = scopeOf(g, 'survey.manage');
  const all = await targetsOf(c, id);
  const seen = all.filter((t) => [update, manage].some((s) => s.held && entIn(s, c.model.ents.get(String(t.enterprise_id)))));
  const want = !update.held && !manage.held ? 403 : seen.length || manage.all ? 200 : 404;
  const res = await call(c.app, c.sessions[user], 'GET', `/api/surveys/${id}/targets?limit=200`);
  if (res.statusCode >= 500) throw new Error(`survey targets as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  same(problems, 'status', want, res.statusCode);
  if (res.statusCode === 200) {
    const body = res.json() as { items: Array<{ id: string; actionable: boolean }>; total: number };
    same(problems, 'rows', seen.map((t) => String(t.id)).sort(), body.items.map((x) => x.id).sort());
    same(problems, 'total', seen.length, body.total);
    const act = seen.filter((t) => update.held && entIn(update, c.model.ents.get(String(t.enterprise_id)))).map((t) => String(t.id)).sort();
    same(problems, 'actionable', act, body.items.filter((x) => x.actionable).map((x) => x.id).sort());
  }
  return { op: 'surveyTargets', user, target: id, problems } satisfies CheckResult;
};

export const surveyDecide: Op = async (c, user, a) => {
  const id = await ensureCampaign(c);
  const all = await targetsOf(c, id);
  const t = all[a % all.length]!;
  const update = scopeOf(c.world.users[user].grants, 'enterprise.update');
  const want = !update.held ? 403 : entIn(update, c.model.ents.get(String(t.enterprise_id))) ? 409 : 404;
  const before = await c.database.db.selectFrom('survey_target').select(['version', 'state']).where('id', '=', t.id).executeTakeFirstOrThrow();
  const res = await call(c.app, c.sessions[user], 'POST', `/api/surveys/${id}/targets/${t.id}/decide`, { version: before.version + 100, enterpriseVersion: 1, accept: [], reject: [] });
  const after = await c.database.db.selectFrom('survey_target').select(['version', 'state']).where('id', '=', t.id).executeTakeFirstOrThrow();
  const problems: string[] = [];
  same(problems, 'status', want, res.statusCode);
  same(problems, 'nothing written', before, after);
  return { op: 'surveyDecide', user, target: String(t.id), problems } satisfies CheckResult;
};
