import { createRuleContext, evaluateEnterprise, evaluateOrg, explainOrg, type EnterpriseRuleFacts, type OrgRuleFacts } from '../../domain/rules/index.js';
import { kindForFinding, RULE_KINDS } from '../../domain/task-kinds.js';
import { enterpriseFactsByIds, enterpriseFactsFor, orgFactsByIds } from '../coverage-facts/assemble.js';
import { enterprisePage, orgIdPage } from '../coverage-facts/coverage-facts.repository.js';
import { ALL, BATCH, finding, inPages, type TaskFinder } from './task-finder-base.js';
import { DUES_FINDER } from './task-finder-dues.js';
import { LIFE_FINDER } from './task-finder-life.js';
import { PLACEMENT_FINDER } from './task-finder-placement.js';
import { UNION_FINDER } from './task-finder-union.js';
import type { TaskFinding } from './task-findings.js';

export type { SubjectIds, TaskFinder } from './task-finder-base.js';

/** The registry of finders (task-finder-base.ts says what a finder is). */
type Rules = ReturnType<typeof createRuleContext>;

function enterpriseTaskFindings(facts: EnterpriseRuleFacts[], rules: Rules): TaskFinding[] {
  const out: TaskFinding[] = [];
  for (const f of facts) {
    const kind = kindForFinding('enterprise', 'enterprise.status', evaluateEnterprise(f, rules).status);
    if (kind) out.push(finding(kind, 'enterprise', f.id, f.regionCode || null, { enterpriseId: f.id }));
  }
  return out;
}

function orgTaskFindings(facts: OrgRuleFacts[], rules: Rules): TaskFinding[] {
  const out: TaskFinding[] = [];
  for (const f of facts) {
    if (evaluateOrg(f, rules).alerts === 0) continue;
    for (const x of explainOrg(f, rules).alerts) {
      const kind = kindForFinding('party_org', x.ruleId);
      if (kind) out.push(finding(kind, 'party_org', f.id, f.regionCode ?? null, { partyOrgId: f.id }));
    }
  }
  return out;
}

const ENTERPRISE_FINDER: TaskFinder = {
  subjectTable: 'enterprise', anchor: 'enterprise', idsKey: 'enterpriseIds', feeds: (k) => k.subject === 'enterprise',
  async full(db, regionPrefix, date) {
    const rules = createRuleContext(date);
    const out: TaskFinding[] = [];
    for (let after: string | undefined; ;) {
      const rows = await enterprisePage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
      if (!rows.length) return out;
      out.push(...enterpriseTaskFindings(await enterpriseFactsFor(db, rows, date), rules));
      after = rows.at(-1)!.id;
    }
  },
  byIds: (db, ids, date) => {
    const rules = createRuleContext(date);
    return inPages(ids, async (part) => enterpriseTaskFindings(await enterpriseFactsByIds(db, part, date), rules));
  },
};

const ORG_FINDER: TaskFinder = {
  subjectTable: 'party_org', anchor: 'party_org', idsKey: 'partyOrgIds', feeds: (k) => k.subject === 'party_org' && k.finding.ruleId.startsWith('org.'),
  async full(db, regionPrefix, date) {
    const rules = createRuleContext(date);
    const out: TaskFinding[] = [];
    for (let after: string | undefined; ;) {
      const rows = await orgIdPage(db, ALL, { regionPrefix, afterId: after, limit: BATCH });
      if (!rows.length) return out;
      out.push(...orgTaskFindings(await orgFactsByIds(db, rows.map((r) => r.id), date), rules));
      after = rows.at(-1)!.id;
    }
  },
  byIds: (db, ids, date) => {
    const rules = createRuleContext(date);
    return inPages(ids, async (part) => orgTaskFindings(await orgFactsByIds(db, part, date), rules));
  },
};

/** Every finder; one with no declared kind is skipped (nothing to open, nothing to read). */
export const TASK_FINDERS: readonly TaskFinder[] = [ENTERPRISE_FINDER, ORG_FINDER, UNION_FINDER, LIFE_FINDER, DUES_FINDER, PLACEMENT_FINDER];

export const activeFinders = (): TaskFinder[] => TASK_FINDERS.filter((f) => RULE_KINDS.some(f.feeds));
export const finderKinds = (f: TaskFinder): string[] => RULE_KINDS.filter(f.feeds).map((k) => k.id);
