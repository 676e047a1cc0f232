import type { LevelRole, ResolvedFlow } from '../approval.js';
import type { ReviewLevel } from './standards-types.js';

/**
 * The checklist's review levels as the approval engine's levels (docs/standards.md, "Review through
 * the approval engine"). With no flow configured for its area a checklist keeps the levels its
 * template names (六有: 街道; 七个有, 双强六好: 街道 then 区), so nothing changes for a district that
 * configures nothing. A district's flow for 规范化建设达标复核 decides the levels on the way (a 社区
 * pre-review in front, say), but never goes above the template's own last level: a checklist the
 * template has the street decide is not sent to the district because the flow of another one is.
 */
export const ROLE_OF_LEVEL: Record<ReviewLevel, LevelRole> = { community: 'community_officer', street: 'township_officer', district: 'org_admin' };
export const LEVEL_OF_ROLE: Record<LevelRole, ReviewLevel> = { community_officer: 'community', township_officer: 'street', org_admin: 'district' };

const RANK: Record<LevelRole, number> = { community_officer: 0, township_officer: 1, org_admin: 2 };

export function checklistLevels(templateLevels: readonly ReviewLevel[], flow: ResolvedFlow): LevelRole[] {
  const own = templateLevels.map((l) => ROLE_OF_LEVEL[l]);
  if (flow.fromPrefix === null) return own;
  const top = Math.max(...own.map((r) => RANK[r]));
  const capped = flow.levels.filter((r) => RANK[r] <= top);
  // A flow whose every level lies above the template's (区 only, for a street's 六有): the template's own.
  return capped.length ? capped : own;
}
