import type { Executor } from '../../db/schema.js';
import { createRuleContext, explainUnion, evaluateUnion, type UnionRuleFacts } from '../../domain/rules/index.js';
import { kindForFinding } from '../../domain/task-kinds.js';
import { unionFactsByIds } from '../coverage-facts/assemble.js';
import { unionIdPage } from '../coverage-facts/coverage-facts.repository.js';
import { ALL, BATCH, finding, inPages, type TaskFinder } from './task-finder-base.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The unions' finder: the same facts and evaluator as the union work list and alerts
 * (src/core/worklist, unionBatches), one keyset page of unions at a time. The task is anchored on
 * the union itself, so the union's own scope decides who sees it and who may act.
 */
type Rules = ReturnType<typeof createRuleContext>;

function unionTaskFindings(facts: UnionRuleFacts[], region: Map<string, string | null>, rules: Rules): TaskFinding[] {
  const out: TaskFinding[] = [];
  for (const f of facts) {
    if (evaluateUnion(f, rules).alerts === 0) continue;
    for (const x of explainUnion(f, rules).alerts) {
      const kind = kindForFinding('union_org', x.ruleId);
      if (kind) out.push(finding(kind, 'union_org', f.id, region.get(f.id) ?? null, { unionOrgId: f.id }));
    }
  }
  return out;
}

async function regionsOf(db: Executor, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('union_org').select(['id', 'region_code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.region_code]));
}

export const UNION_FINDER: TaskFinder = {
  subjectTable: 'union_org', anchor: 'union_org', idsKey: 'unionOrgIds', feeds: (k) => k.subject === 'union_org',
  async full(db, regionPrefix, date) {
    const rules = createRuleContext(date);
    const out: TaskFinding[] = [];
    for (let after: string | undefined; ;) {
      const rows = await unionIdPage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
      if (!rows.length) return out;
      const region = new Map(rows.map((r) => [r.id, r.region_code]));
      out.push(...unionTaskFindings(await unionFactsByIds(db, rows.map((r) => r.id), date), region, rules));
      after = rows.at(-1)!.id;
    }
  },
  byIds: (db, ids, date) => {
    const rules = createRuleContext(date);
    return inPages(ids, async (part) => unionTaskFindings(await unionFactsByIds(db, part, date), await regionsOf(db, part), rules));
  },
};
