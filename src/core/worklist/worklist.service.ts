import type { Db } from '../../db/schema.js';
import type { WorklistEntity, WorklistItem, WorklistPage, WorklistQuery } from '../../contracts/coverage.js';
import {
  createRuleContext, evaluateEnterprise, evaluateOrg, evaluateUnion, explainEnterprise, explainOrg, explainUnion, type Finding, type RuleContext,
} from '../../domain/rules/index.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { requireAction } from '../access/require.js';
import { enterpriseFactsFor, orgFactsByIds, unionFactsByIds } from '../coverage-facts/assemble.js';
import { enterpriseIdsInScope, enterprisePage, orgIdPage, unionIdPage } from '../coverage-facts/coverage-facts.repository.js';
import { findingShown } from '../coverage-facts/coverage.service.js';
import { lifeBatches } from './life-batches.js';
import { recruitmentBatches } from './recruitment-batches.js';
import { trainingBatches } from './training-batches.js';

/**
 * Work lists (工作清单): gaps (空白点), alerts and recommendations, computed by the rule engine over
 * the records the actor sees, in id order per entity (enterprises, then organisations, then
 * unions; the alerts then list the findings of open 发展党员 cases, recruitment-batches.ts). The
 * cursor `entity:id` resumes after that record. Each item links to the record to fix.
 */
export type WorklistKind = 'gaps' | 'alerts' | 'recommendations';

const BATCH = 2000;
const ENTITIES: Record<WorklistKind, WorklistEntity[]> = {
  gaps: ['enterprise'],
  alerts: ['enterprise', 'party_org', 'union', 'recruitment_case', 'party_org_life', 'party_org_training'],
  recommendations: ['enterprise', 'party_org', 'union'],
};

type Batch = { entity: WorklistEntity; lastId: string; items: WorklistItem[] };
type Ctx = { db: Db; scope: Scope; orgScope: Scope; unionScope: Scope; list: WorklistKind; q: WorklistQuery; rules: RuleContext; date: string };

const item = (entity: WorklistEntity, id: string, name: string, regionCode: string | null, f: Finding): WorklistItem => ({
  link: { entity, id }, name, regionCode, ruleId: f.ruleId, severity: f.severity, title: f.title, summary: f.summary, message: f.message, source: f.source,
});

async function* enterpriseBatches(c: Ctx, afterId: string | undefined): AsyncGenerator<Batch> {
  for (let after = afterId; ;) {
    const rows = await enterprisePage(c.db, c.scope, { regionPrefix: c.q.regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    const facts = await enterpriseFactsFor(c.db, rows, c.date);
    const items: WorklistItem[] = [];
    for (const f of facts) {
      const v = evaluateEnterprise(f, c.rules);
      const wanted = c.list === 'gaps' ? v.status === 'gap' : c.list === 'alerts' ? v.alerts !== 0 : v.steps !== 0;
      if (!wanted) continue;
      const why = explainEnterprise(f, c.rules);
      const found = c.list === 'gaps' ? [why.statusFinding] : c.list === 'alerts' ? why.alerts : why.nextSteps;
      for (const x of found) items.push(item('enterprise', f.id, f.name ?? f.id, f.regionCode || null, x));
    }
    after = rows.at(-1)!.id;
    yield { entity: 'enterprise', lastId: after, items };
  }
}

async function* orgBatches(c: Ctx, afterId: string | undefined): AsyncGenerator<Batch> {
  for (let after = afterId; ;) {
    const rows = await orgIdPage(c.db, c.orgScope, { regionPrefix: c.q.regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    const items: WorklistItem[] = [];
    const shows = await partialFilter(c, c.orgScope, rows, 'org');
    for (const f of await orgFactsByIds(c.db, rows.map((r) => r.id), c.date)) {
      const v = evaluateOrg(f, c.rules);
      if (c.list === 'alerts' ? v.alerts === 0 : v.steps === 0) continue;
      const why = explainOrg(f, c.rules);
      for (const x of c.list === 'alerts' ? why.alerts : why.nextSteps) {
        if (findingShown(x, shows.get(f.id))) items.push(item('party_org', f.id, f.name ?? f.id, f.regionCode ?? null, x));
      }
    }
    after = rows.at(-1)!.id;
    yield { entity: 'party_org', lastId: after, items };
  }
}

async function* unionBatches(c: Ctx, afterId: string | undefined): AsyncGenerator<Batch> {
  for (let after = afterId; ;) {
    const rows = await unionIdPage(c.db, c.unionScope, { regionPrefix: c.q.regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    const region = new Map(rows.map((r) => [r.id, r.region_code]));
    const items: WorklistItem[] = [];
    const shows = await partialFilter(c, c.unionScope, rows, 'union');
    for (const f of await unionFactsByIds(c.db, rows.map((r) => r.id), c.date)) {
      if (c.list === 'alerts' && evaluateUnion(f, c.rules).alerts === 0) continue;
      const why = explainUnion(f, c.rules);
      for (const x of c.list === 'alerts' ? why.alerts : why.nextSteps) {
        if (findingShown(x, shows.get(f.id))) items.push(item('union', f.id, f.name ?? f.id, region.get(f.id) ?? null, x));
      }
    }
    after = rows.at(-1)!.id;
    yield { entity: 'union', lastId: after, items };
  }
}

/**
 * For records seen only through a link, the findings naming an enterprise are kept only when that
 * enterprise is in the reader's scope (docs/organisations.md, "Seeing partly"). Ids of the batch's
 * covered enterprises are looked up once per batch.
 */
async function partialFilter(c: Ctx, scope: Scope, rows: Array<{ id: string; owned: boolean }>, kind: 'org' | 'union'): Promise<Map<string, (e: string) => boolean>> {
  const partial = rows.filter((r) => !r.owned).map((r) => r.id);
  if (!partial.length) return new Map();
  const ids = kind === 'org'
    ? await c.db.selectFrom('party_org_coverage').select('enterprise_id as id').where('org_id', 'in', partial).where('until', 'is', null).execute()
    : await c.db.selectFrom('union_coverage').select('enterprise_id as id').where('union_id', 'in', partial).where('until', 'is', null).execute();
  const inScope = await enterpriseIdsInScope(c.db, scope, ids.map((r) => r.id));
  return new Map(partial.map((id) => [id, (e: string) => inScope.has(e)]));
}

const caseBatches = (c: Ctx, afterId: string | undefined) => recruitmentBatches(c.db, c.orgScope, c.q, c.date, afterId, BATCH);
const lifeOrgBatches = (c: Ctx, afterId: string | undefined) => lifeBatches(c.db, c.orgScope, c.q, c.date, afterId, BATCH);
const trainingOrgBatches = (c: Ctx, afterId: string | undefined) => trainingBatches(c.db, c.orgScope, c.q, c.date, afterId, BATCH);
const SOURCES = { enterprise: enterpriseBatches, party_org: orgBatches, union: unionBatches, recruitment_case: caseBatches, party_org_life: lifeOrgBatches, party_org_training: trainingOrgBatches } as const;

/** Every item of a work list from the cursor on, batch by batch (the export reads it all). */
export async function* worklistBatches(db: Db, actor: Actor, list: WorklistKind, q: WorklistQuery): AsyncGenerator<Batch> {
  const date = q.date ?? todayInChina();
  const c: Ctx = {
    db, list, q, date, rules: createRuleContext(date),
    scope: requireAction(actor, 'coverage.read'), orgScope: scopeFor(actor, 'org.read'), unionScope: scopeFor(actor, 'union.read'),
  };
  const [cursorEntity, cursorId] = q.cursor ? (q.cursor.split(':') as [WorklistEntity, string]) : [undefined, undefined];
  const entities = ENTITIES[list].filter((e) => !q.kind || e === q.kind);
  const start = cursorEntity ? Math.max(0, entities.indexOf(cursorEntity)) : 0;
  for (let i = start; i < entities.length; i++) {
    const entity = entities[i]!;
    for await (const b of SOURCES[entity](c, entity === cursorEntity ? cursorId : undefined)) {
      yield { ...b, items: q.ruleId ? b.items.filter((x) => x.ruleId === q.ruleId) : b.items };
    }
  }
}

/**
 * One page of at least `limit` items (a record's items are never split across pages: the page ends
 * with the last item of a record, and the cursor resumes after that record).
 */
export async function worklistPage(db: Db, actor: Actor, list: WorklistKind, q: WorklistQuery): Promise<WorklistPage> {
  const items: WorklistItem[] = [];
  let cursor: string | null = null;
  for await (const b of worklistBatches(db, actor, list, q)) {
    for (let i = 0; i < b.items.length && !cursor; i++) {
      const x = b.items[i]!;
      items.push(x);
      const next = b.items[i + 1];
      const sameRecord = next && next.link.entity === x.link.entity && next.link.id === x.link.id;
      if (items.length >= q.limit && !sameRecord) cursor = `${x.link.entity}:${x.link.id}`;
    }
    if (cursor) break;
  }
  return { date: q.date ?? todayInChina(), items, nextCursor: cursor };
}
