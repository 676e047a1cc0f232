import { evaluateEnterprise } from './evaluate-enterprise.js';
import type { EnterpriseRuleFacts } from './facts.js';
import type { PlannerCandidate } from './planner.js';
import type { RuleContext } from './resolve.js';

/**
 * The planner's population: active enterprises with no organisational coverage at the date (gap or
 * work coverage only) and 1 to (threshold − 1) full members. The community is the 12-digit region
 * code; shorter codes (not yet placed to a community) give no community group.
 */
export function plannerCandidates(facts: Iterable<EnterpriseRuleFacts>, ctx: RuleContext): PlannerCandidate[] {
  const out: PlannerCandidate[] = [];
  for (const f of facts) {
    if (f.fullMembers < 1 || f.fullMembers >= ctx.forRegion(f.regionCode).standaloneMin) continue;
    const { status } = evaluateEnterprise(f, ctx);
    if (status !== 'gap' && status !== 'workOnly') continue;
    out.push({
      id: f.id,
      name: f.name,
      fullMembers: f.fullMembers,
      communityCode: f.regionCode.length === 12 ? f.regionCode : null,
      parkId: f.parkId ?? null,
      associationId: f.associationId ?? null,
      buildingId: f.buildingId ?? null,
    });
  }
  return out;
}
