import type { Db } from '../../db/schema.js';
import type { ApplyProposalDto, PlannerResultDto } from '../../contracts/planner.js';
import type { PartyOrg } from '../../contracts/party-org.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import {
  createRuleContext, evaluateEnterprise, planJointBranches, plannerCandidates, plannerOptionsFrom, type EnterpriseRuleFacts,
} from '../../domain/rules/index.js';
import { explainProposal, GROUP_KIND_LABEL } from '../../domain/rules/planner.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { enterpriseFactsByIds, enterpriseFactsFor } from '../coverage-facts/assemble.js';
import { enterprisePage, findVisibleEnterpriseBase, groupNames } from '../coverage-facts/coverage-facts.repository.js';
import { addCoverageIn } from '../party-org/org-links.service.js';
import { createOrgIn } from '../party-org/party-org.service.js';

const MAX_ENTERPRISES = 200_000;

/** Joint-branch proposals (联合党支部) for uncovered enterprises with 1–2 full members under a region. */
export async function proposeJointBranches(db: Db, actor: Actor, regionPrefix: string, date = todayInChina()): Promise<PlannerResultDto> {
  const scope = requireAction(actor, 'coverage.read');
  const ctx = createRuleContext(date);
  const facts: EnterpriseRuleFacts[] = [];
  for (let after: string | undefined; facts.length < MAX_ENTERPRISES;) {
    const rows = await enterprisePage(db, scope, { regionPrefix, afterId: after, limit: 5000 });
    if (!rows.length) break;
    facts.push(...(await enterpriseFactsFor(db, rows, date)));
    after = rows.at(-1)!.id;
  }
  const options = plannerOptionsFrom(ctx.forRegion(regionPrefix));
  const plan = planJointBranches(plannerCandidates(facts, ctx), options);
  const names = new Map(facts.map((f) => [f.id, f.name ?? f.id]));
  const groups = await groupNames(db, plan.proposals.map((p) => ({ kind: p.groupKind, key: p.groupKey })));
  return {
    date, candidates: plan.candidates, covered: plan.covered,
    proposals: plan.proposals.map((p) => {
      // People read the group by its name (a community's, a park's…), never by its code or id.
      const named = groups.get(`${p.groupKind}:${p.groupKey}`);
      const groupName = named ?? GROUP_KIND_LABEL[p.groupKind];
      const first = names.get(p.enterpriseIds[0]!) ?? '';
      return {
        ...p, groupName, enterpriseNames: p.enterpriseIds.map((id) => names.get(id) ?? id),
        explanation: explainProposal(p.groupKind, named ?? null, p.enterpriseIds.length, p.fullMembers, options),
        suggestedName: `${named ?? ''}联合党支部（${first.slice(0, 8)}等${p.enterpriseIds.length}家）`,
      };
    }),
  };
}

/**
 * Sets up the proposed joint branch: the enterprises are checked again (still without an
 * organisation, 1–2 full members each, together at least the threshold, at most the unit limit),
 * then the branch and its coverage are created in ONE transaction, audited.
 */
export async function applyJointBranch(db: Db, actor: Actor, input: ApplyProposalDto): Promise<PartyOrg> {
  const scope = requireAction(actor, 'org.manage');
  const since = input.since ?? todayInChina();
  const ctx = createRuleContext(since);
  const ids = [...new Set(input.proposal.enterpriseIds)];
  return db.transaction().execute(async (tx) => {
    for (const id of ids) if (!(await findVisibleEnterpriseBase(tx, scope, id))) throw notFound('企业');
    const facts = await enterpriseFactsByIds(tx, ids, since);
    const rules = ctx.forRegion(facts[0]!.regionCode);
    for (const f of facts) {
      const status = evaluateEnterprise(f, ctx).status;
      if (status !== 'gap' && status !== 'workOnly') throw new AppError('CONFLICT', `“${f.name}”已有党组织覆盖或不在营，请刷新方案`);
    }
    const members = facts.reduce((n, f) => n + f.fullMembers, 0);
    if (members < rules.standaloneMin || ids.length > rules.jointMaxUnits) {
      throw new AppError('VALIDATION_FAILED', `联合党支部须有正式党员≥${rules.standaloneMin}名、覆盖单位不超过${rules.jointMaxUnits}个`);
    }
    const regionCode = commonRegion(facts.map((f) => f.regionCode));
    const org = await createOrgIn(tx, actor, {
      name: input.name, orgType: 'branch', setupMode: 'joint', regionCode, foundedOn: since, fullMembers: members,
      parkId: input.proposal.groupKind === 'park' ? input.proposal.groupKey : null,
      associationId: input.proposal.groupKind === 'association' ? input.proposal.groupKey : null,
    });
    for (const f of facts) await addCoverageIn(tx, actor, org.id, { enterpriseId: f.id, mode: 'joint', since });
    return org;
  });
}

/** The deepest region all enterprises share, padded to 12 digits (a community, else a township…). */
function commonRegion(codes: string[]): string | null {
  if (!codes.length || codes.some((c) => !/^\d{12}$/.test(c))) return null;
  for (const len of [12, 9, 6, 4, 2]) {
    const p = codes[0]!.slice(0, len);
    if (codes.every((c) => c.startsWith(p))) return p.padEnd(12, '0');
  }
  return null;
}
