import { describe, expect, it } from 'vitest';
import { resolveFlow, type AreaFlows, type LevelRole } from '../../src/domain/approval.js';
import { checklistLevels } from '../../src/domain/standards/standards-levels.js';
import type { ReviewLevel } from '../../src/domain/standards/standards-types.js';

/**
 * A checklist's levels through the approval engine (docs/standards.md, "Review through the approval
 * engine"): the template's own with nothing configured; an area's flow decides the levels on the way,
 * never above the template's last level; a flow entirely above it keeps the template's.
 */
const C = 'community_officer', S = 'township_officer', D = 'org_admin';
const area = (levels: LevelRole[]): AreaFlows[] => [{ regionPrefix: '440305', flows: [{ kind: 'standards.review', levels, required: false }] }];
const REGION = '440305001001';

describe('checklistLevels', () => {
  const cases: Array<[string, readonly ReviewLevel[], AreaFlows[], LevelRole[]]> = [
    ['六有, nothing configured: the street', ['street'], [], [S]],
    ['七个有, nothing configured: street then district', ['street', 'district'], [], [S, D]],
    ['七个有 under 社区 → 街道 → 区', ['street', 'district'], area([C, S, D]), [C, S, D]],
    ['六有 under 社区 → 街道 → 区: never above the street', ['street'], area([C, S, D]), [C, S]],
    ['七个有 under 街道 only: the district decided so', ['street', 'district'], area([S]), [S]],
    ['六有 under 区 only: above the template, its own kept', ['street'], area([D]), [S]],
    ['another district configured: the template\'s own', ['street', 'district'], [{ regionPrefix: '440306', flows: [{ kind: 'standards.review', levels: [C, S, D], required: false }] }], [S, D]],
  ];
  it.each(cases)('%s', (_name, template, areas, want) => {
    expect(checklistLevels(template, resolveFlow('standards.review', REGION, areas))).toEqual(want);
  });
});
