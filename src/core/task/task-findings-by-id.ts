import type { Executor } from '../../db/schema.js';
import { createRuleContext, evaluateEnterprise, evaluateOrg, explainOrg, type EnterpriseRuleFacts, type OrgRuleFacts } from '../../domain/rules/index.js';
import { kindForFinding, RULE_KINDS } from '../../domain/task-kinds.js';
import { enterpriseFactsByIds, orgFactsByIds } from '../coverage-facts/assemble.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The findings of named records (the incremental refresh: the ids a change touched), by the same
 * facts and evaluators as the regional refresh, in pages of 2,000 ids.
 */
export type SubjectIds = { enterpriseIds?: readonly string[]; partyOrgIds?: readonly string[] };

const BATCH = 2000;
type Rules = ReturnType<typeof createRuleContext>;
export const wantsSubject = (subject: string) => RULE_KINDS.some((k) => k.subject === subject);

export function enterpriseTaskFindings(facts: EnterpriseRuleFacts[], rules: Rules, out: TaskFinding[]): void {
  for (const f of facts) {
    const kind = kindForFinding('enterprise', 'enterprise.status', evaluateEnterprise(f, rules).status);
    if (kind) out.push({ kind, subjectTable: 'enterprise', subjectId: f.id, regionCode: f.regionCode || null, enterpriseId: f.id, partyOrgId: null, ruleId: kind.finding.ruleId });
  }
}

export function orgTaskFindings(facts: OrgRuleFacts[], rules: Rules, out: TaskFinding[]): void {
  for (const f of facts) {
    if (evaluateOrg(f, rules).alerts === 0) continue;
    for (const x of explainOrg(f, rules).alerts) {
      const kind = kindForFinding('party_org', x.ruleId);
      if (kind) out.push({ kind, subjectTable: 'party_org', subjectId: f.id, regionCode: f.regionCode ?? null, enterpriseId: null, partyOrgId: f.id, ruleId: x.ruleId });
    }
  }
}

export async function taskFindingsByIds(db: Executor, ids: SubjectIds, date: string): Promise<TaskFinding[]> {
  const rules = createRuleContext(date);
  const out: TaskFinding[] = [];
  const ents = wantsSubject('enterprise') ? [...new Set(ids.enterpriseIds ?? [])] : [];
  const orgs = wantsSubject('party_org') ? [...new Set(ids.partyOrgIds ?? [])] : [];
  for (let i = 0; i < ents.length; i += BATCH) enterpriseTaskFindings(await enterpriseFactsByIds(db, ents.slice(i, i + BATCH), date), rules, out);
  for (let i = 0; i < orgs.length; i += BATCH) orgTaskFindings(await orgFactsByIds(db, orgs.slice(i, i + BATCH), date), rules, out);
  return out;
}
