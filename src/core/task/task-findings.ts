import type { Executor } from '../../db/schema.js';
import { createRuleContext } from '../../domain/rules/index.js';
import type { RuleTaskKind } from '../../domain/task-kinds.js';
import type { Scope } from '../access/scope.js';
import { enterpriseFactsFor, orgFactsByIds } from '../coverage-facts/assemble.js';
import { enterprisePage, orgIdPage } from '../coverage-facts/coverage-facts.repository.js';
import { enterpriseTaskFindings, orgTaskFindings, wantsSubject } from './task-findings-by-id.js';

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

async function enterpriseFindings(db: Executor, regionPrefix: string | undefined, date: string, out: TaskFinding[]): Promise<void> {
  if (!wantsSubject('enterprise')) return;
  const rules = createRuleContext(date);
  for (let after: string | undefined; ;) {
    const rows = await enterprisePage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    enterpriseTaskFindings(await enterpriseFactsFor(db, rows, date), rules, out);
    after = rows.at(-1)!.id;
  }
}

async function orgFindings(db: Executor, regionPrefix: string | undefined, date: string, out: TaskFinding[]): Promise<void> {
  if (!wantsSubject('party_org')) return;
  const rules = createRuleContext(date);
  for (let after: string | undefined; ;) {
    const rows = await orgIdPage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
    if (!rows.length) return;
    orgTaskFindings(await orgFactsByIds(db, rows.map((r) => r.id), date), rules, out);
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
