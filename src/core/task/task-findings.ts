import type { Executor } from '../../db/schema.js';
import { createRuleContext, evaluateEnterprise, evaluateOrg, explainOrg } from '../../domain/rules/index.js';
import { kindForFinding, RULE_KINDS, type RuleTaskKind } from '../../domain/task-kinds.js';
import type { Scope } from '../access/scope.js';
import { enterpriseFactsFor, orgFactsByIds } from '../coverage-facts/assemble.js';
import { enterprisePage, orgIdPage } from '../coverage-facts/coverage-facts.repository.js';

/**
 * The findings that should be open tasks now, computed by the same batched queries and evaluators as
 * the work lists (src/core/worklist): one page of records and their facts per query, the rules in
 * memory. Only the rules a declared kind names are kept.
 */
export type TaskFinding = {
  kind: RuleTaskKind;
  subjectTable: 'enterprise' | 'party_org';
  subjectId: string;
  regionCode: string | null;
  enterpriseId: string | null;
  partyOrgId: string | null;
  ruleId: string;
};

const BATCH = 2000;
// Tasks exist whoever looks: the refresh reads every record under the region (the caller's right to
// refresh that region was checked in task-refresh.service.ts); readers are filtered in the inbox.
const ALL: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };
const wants = (subject: string) => RULE_KINDS.some((k) => k.subject === subject);

async function enterpriseFindings(db: Executor, regionPrefix: string | undefined, date: string, out: TaskFinding[]): Promise<void> {
  if (!wants('enterprise')) return;
  const rules = createRuleContext(date);
  for (let after: string | undefined; ;) {
    const rows = await enterprisePage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    for (const f of await enterpriseFactsFor(db, rows, date)) {
      const kind = kindForFinding('enterprise', 'enterprise.status', evaluateEnterprise(f, rules).status);
      if (kind) out.push({ kind, subjectTable: 'enterprise', subjectId: f.id, regionCode: f.regionCode || null, enterpriseId: f.id, partyOrgId: null, ruleId: kind.finding.ruleId });
    }
    after = rows.at(-1)!.id;
  }
}

async function orgFindings(db: Executor, regionPrefix: string | undefined, date: string, out: TaskFinding[]): Promise<void> {
  if (!wants('party_org')) return;
  const rules = createRuleContext(date);
  for (let after: string | undefined; ;) {
    const rows = await orgIdPage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    for (const f of await orgFactsByIds(db, rows.map((r) => r.id), date)) {
      if (evaluateOrg(f, rules).alerts === 0) continue;
      for (const x of explainOrg(f, rules).alerts) {
        const kind = kindForFinding('party_org', x.ruleId);
        if (kind) out.push({ kind, subjectTable: 'party_org', subjectId: f.id, regionCode: f.regionCode ?? null, enterpriseId: null, partyOrgId: f.id, ruleId: x.ruleId });
      }
    }
    after = rows.at(-1)!.id;
  }
}

/** Every finding a declared kind turns into a task, for the records placed under `regionPrefix` (or all). */
export async function currentTaskFindings(db: Executor, regionPrefix: string | undefined, date: string): Promise<TaskFinding[]> {
  const out: TaskFinding[] = [];
  await enterpriseFindings(db, regionPrefix, date, out);
  await orgFindings(db, regionPrefix, date, out);
  return out;
}
