import type { Db } from '../../db/schema.js';
import type { EnterpriseCoverage, FindingDto } from '../../contracts/coverage.js';
import { notFound } from '../../domain/errors.js';
import { createRuleContext, explainEnterprise, explainOrg, explainUnion, type Finding } from '../../domain/rules/index.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { enterpriseFactsFor, orgFactsByIds, unionFactsByIds } from './assemble.js';
import { assignmentsOf, findVisibleEnterpriseBase, orgCoverageOf, unionCoverageOf } from './coverage-facts.repository.js';

export const toFindingDto = (f: Finding): FindingDto => ({ ruleId: f.ruleId, severity: f.severity, title: f.title, summary: f.summary, message: f.message, source: f.source });

/** An enterprise's coverage at a date with the rule engine's explanation ("为什么这样显示？"). */
export async function getEnterpriseCoverage(db: Db, actor: Actor, id: string, date: string): Promise<EnterpriseCoverage> {
  const scope = requireAction(actor, 'coverage.read');
  const row = /^\d{1,18}$/.test(id) ? await findVisibleEnterpriseBase(db, scope, id) : undefined;
  if (!row) throw notFound('企业');
  const [facts] = await enterpriseFactsFor(db, [row], date);
  const why = explainEnterprise(facts!, createRuleContext(date));
  const [orgs, assignments, unions] = await Promise.all([orgCoverageOf(db, [id], date), assignmentsOf(db, [id], date), unionCoverageOf(db, [id], date)]);
  return {
    enterpriseId: id,
    name: row.name,
    date,
    status: why.status,
    statusLabel: why.statusLabel,
    coverageClass: why.coverageClass,
    explanation: toFindingDto(why.statusFinding),
    nextSteps: why.nextSteps.map(toFindingDto),
    alerts: why.alerts.map(toFindingDto),
    orgs: orgs.map((o) => ({ orgId: o.org_id, orgName: o.org_name, mode: o.mode, since: o.since, until: o.until })),
    instructors: assignments.map((a) => ({ instructorId: a.instructor_id, kind: a.kind, since: a.since, until: a.until })),
    unions: unions.map((u) => ({ unionId: u.union_id, since: u.since, until: u.until })),
  };
}

/**
 * Whether a finding may be shown to a reader who sees its record partly: one that names an
 * enterprise (a covered enterprise closed, qualified to stand alone…) only when `shows` says that
 * enterprise is in the reader's scope (docs/organisations.md, "Seeing partly").
 */
export const findingShown = (f: Finding, shows?: (enterpriseId: string) => boolean): boolean =>
  !shows || typeof f.params.enterpriseId !== 'string' || shows(f.params.enterpriseId);

/** Next steps and alerts of organisations at a date, keyed by id (used by the org detail page). */
export async function orgFindings(db: Db, orgIds: string[], date: string, shows?: (enterpriseId: string) => boolean): Promise<Map<string, FindingDto[]>> {
  const ctx = createRuleContext(date);
  const out = new Map<string, FindingDto[]>();
  for (const f of await orgFactsByIds(db, orgIds, date)) {
    const why = explainOrg(f, ctx);
    out.set(f.id, [...why.alerts, ...why.nextSteps].filter((x) => findingShown(x, shows)).map(toFindingDto));
  }
  return out;
}

export async function unionFindings(db: Db, unionIds: string[], date: string, shows?: (enterpriseId: string) => boolean): Promise<Map<string, FindingDto[]>> {
  const ctx = createRuleContext(date);
  const out = new Map<string, FindingDto[]>();
  for (const f of await unionFactsByIds(db, unionIds, date)) {
    const why = explainUnion(f, ctx);
    out.set(f.id, [...why.alerts, ...why.nextSteps].filter((x) => findingShown(x, shows)).map(toFindingDto));
  }
  return out;
}
