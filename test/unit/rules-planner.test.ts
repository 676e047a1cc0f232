import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRuleContext, planJointBranches, plannerCandidates, plannerOptionsFrom, resolveRules,
  type GroupKind, type PlanResult, type PlannerCandidate,
} from '../../src/domain/rules/index.js';
import { explainProposal } from '../../src/domain/rules/planner.js';
import { enterprise } from './rules-fixtures.js';

// domain-rules §1.1 支部工作条例第二章: <3 full members → 联合党支部, generally ≤5 units.
const OPTIONS = plannerOptionsFrom(resolveRules('2025-06-30'));

function assertValid(plan: PlanResult, input: PlannerCandidate[]): void {
  const byId = new Map(input.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const p of plan.proposals) {
    expect(p.enterpriseIds.length).toBeLessThanOrEqual(OPTIONS.maxUnits);
    const sum = p.enterpriseIds.reduce((t, id) => t + byId.get(id)!.fullMembers, 0);
    expect(sum).toBe(p.fullMembers);
    expect(sum).toBeGreaterThanOrEqual(OPTIONS.minFullMembers);
    for (const id of p.enterpriseIds) {
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      const key = { building: 'buildingId', park: 'parkId', community: 'communityCode', association: 'associationId' } as const;
      expect(byId.get(id)![key[p.groupKind]]).toBe(p.groupKey);
    }
    expect(p.explanation).toContain('依据：《中国共产党支部工作条例（试行）》第二章');
    // People read the group by name (the service adds it); its code or id never shows.
    expect(p.explanation).not.toContain(p.groupKey);
  }
  expect(plan.covered).toBe(seen.size);
  expect(plan.covered + plan.uncovered.length).toBe(plan.candidates);
}

/** Exact optimum inside ONE group by exhaustive bin assignment (no use of the proof). */
function bruteForceOneGroup(weights: number[]): number {
  const n = weights.length;
  let best = 0;
  const bin = new Array<number>(n).fill(-1);
  const visit = (i: number): void => {
    if (i === n) {
      const sums = new Map<number, { w: number; c: number }>();
      bin.forEach((b, j) => { if (b >= 0) { const s = sums.get(b) ?? { w: 0, c: 0 }; s.w += weights[j]; s.c++; sums.set(b, s); } });
      if ([...sums.values()].every((s) => s.w >= 3 && s.c <= 5)) best = Math.max(best, bin.filter((b) => b >= 0).length);
      return;
    }
    for (let b = -1; b <= Math.min(i, 2); b++) { bin[i] = b; visit(i + 1); }
  };
  visit(0);
  return best;
}

/** Exact optimum across kinds: each enterprise goes to one of its groups or none; a group with weight ≥3 covers all it holds (proved in planner.ts and checked by the test above). */
function bruteForceKinds(cs: PlannerCandidate[], kinds: GroupKind[]): number {
  const keyOf = (c: PlannerCandidate, k: GroupKind) => (k === 'community' ? c.communityCode : k === 'park' ? c.parkId : k === 'building' ? c.buildingId : c.associationId);
  let best = 0;
  const choice = new Array<number>(cs.length).fill(-1);
  const visit = (i: number): void => {
    if (i === cs.length) {
      const groups = new Map<string, { w: number; n: number }>();
      choice.forEach((k, j) => { if (k >= 0) { const key = `${kinds[k]}:${keyOf(cs[j], kinds[k])}`; const g = groups.get(key) ?? { w: 0, n: 0 }; g.w += cs[j].fullMembers; g.n++; groups.set(key, g); } });
      best = Math.max(best, [...groups.values()].reduce((t, g) => t + (g.w >= 3 ? g.n : 0), 0));
      return;
    }
    choice[i] = -1; visit(i + 1);
    kinds.forEach((k, ki) => { if (keyOf(cs[i], k)) { choice[i] = ki; visit(i + 1); } });
  };
  visit(0);
  return best;
}

const arbWeights = fc.array(fc.constantFrom(1, 2), { minLength: 0, maxLength: 7 });

describe('joint-branch planner (domain-rules §1.1)', () => {
  it.each<[string, number[], number]>([
    ['one enterprise with 1 member cannot form a branch', [1], 0],
    ['1+1 = 2 < 3', [1, 1], 0],
    ['1+2 = 3 → one branch of 2 units', [1, 2], 2],
    ['1+1+1 = 3', [1, 1, 1], 3],
    ['five units, all covered by one branch', [1, 1, 1, 1, 1], 5],
    ['six units → two branches of three', [1, 1, 1, 1, 1, 1], 6],
    ['eleven twos → three branches', Array<number>(11).fill(2), 11],
  ])('%s', (_name, weights, covered) => {
    const cs = weights.map((w, i) => ({ id: `e${i}`, fullMembers: w, communityCode: 'C1' }));
    const plan = planJointBranches(cs, OPTIONS);
    assertValid(plan, cs);
    expect(plan.covered).toBe(covered);
    expect(plan.proposals.length).toBe(Math.ceil(covered / 5));
  });

  it('ignores enterprises with 0 or ≥3 full members', () => {
    const plan = planJointBranches([{ id: 'a', fullMembers: 0, communityCode: 'C' }, { id: 'b', fullMembers: 3, communityCode: 'C' }, { id: 'c', fullMembers: 2, communityCode: 'C' }], OPTIONS);
    expect(plan.candidates).toBe(1);
  });

  it('property: within one group the planner equals brute force (the all-or-nothing proof)', () => {
    fc.assert(fc.property(arbWeights.filter((w) => w.length <= 6), (weights) => {
      const cs = weights.map((w, i) => ({ id: `e${i}`, fullMembers: w, parkId: 'P' }));
      const plan = planJointBranches(cs, OPTIONS);
      assertValid(plan, cs);
      expect(plan.covered).toBe(bruteForceOneGroup(weights));
    }), { numRuns: 150 });
  });

  const arbCandidates = fc.array(
    fc.record({ w: fc.constantFrom(1, 2), c: fc.constantFrom('C1', 'C2', 'C3'), p: fc.constantFrom(null, 'P1', 'P2'), b: fc.constantFrom(null, null, 'B1') }),
    { maxLength: 8 },
  ).map((rows) => rows.map((r, i): PlannerCandidate => ({ id: `e${i}`, fullMembers: r.w, communityCode: r.c, parkId: r.p, buildingId: r.b })));

  it('property: proposals are always valid (≥3 full members, ≤5 units, each enterprise once, one shared key)', () => {
    fc.assert(fc.property(arbCandidates, (cs) => assertValid(planJointBranches(cs, OPTIONS), cs)), { numRuns: 300 });
  });

  it('property: never worse than the priority pass alone', () => {
    fc.assert(fc.property(arbCandidates, (cs) => {
      expect(planJointBranches(cs, OPTIONS).covered).toBeGreaterThanOrEqual(planJointBranches(cs, { ...OPTIONS, improve: false }).covered);
    }), { numRuns: 300 });
  });

  it('across kinds: matches brute force on ≥ 95% of small inputs and never exceeds it (heuristic, see planner.ts)', () => {
    const samples = fc.sample(arbCandidates, { numRuns: 1000, seed: 20250630 });
    let exact = 0;
    for (const cs of samples) {
      const got = planJointBranches(cs, OPTIONS).covered;
      const best = bruteForceKinds(cs, ['building', 'park', 'community']);
      expect(got).toBeLessThanOrEqual(best);
      if (got === best) exact++;
    }
    expect(exact / samples.length).toBeGreaterThanOrEqual(0.95);
  });

  it('borrowing: a unit moves to rescue a community that would otherwise stay uncovered', () => {
    // Park P holds e0..e2 (weight 5); community C2 has e3 (1) and e4 (1) and also e0 (2).
    const cs: PlannerCandidate[] = [
      { id: 'e0', fullMembers: 2, parkId: 'P', communityCode: 'C2' },
      { id: 'e1', fullMembers: 2, parkId: 'P', communityCode: 'C1' },
      { id: 'e2', fullMembers: 1, parkId: 'P', communityCode: 'C1' },
      { id: 'e3', fullMembers: 1, communityCode: 'C2' },
      { id: 'e4', fullMembers: 1, communityCode: 'C2' },
    ];
    const plan = planJointBranches(cs, OPTIONS);
    assertValid(plan, cs);
    expect(plan.covered).toBe(5);
  });

  it('plannerCandidates takes uncovered active enterprises with 1–2 full members only', () => {
    const ctx = createRuleContext('2025-06-30');
    const cs = plannerCandidates([
      enterprise({ id: 'a', fullMembers: 1 }),
      enterprise({ id: 'b', fullMembers: 2, coverage: { orgs: [], instructors: [{ since: '2024-01-01' }] } }),
      enterprise({ id: 'c', fullMembers: 2, coverage: { orgs: [{ orgId: 'o', setupMode: 'joint', since: '2024-01-01' }], instructors: [] } }),
      enterprise({ id: 'd', fullMembers: 3 }),
      enterprise({ id: 'e', fullMembers: 1, operatingStatus: 'deregistered' }),
      enterprise({ id: 'f', fullMembers: 0 }),
    ], ctx);
    expect(cs.map((c) => c.id)).toEqual(['a', 'b']);
    expect(cs[0].communityCode).toBe('440305001001');
  });
});

describe('explainProposal', () => {
  it('names the group in words, never by its code', () => {
    const text = explainProposal('community', '科技园社区', 3, 4, OPTIONS);
    expect(text).toMatch(/^同一社区（村）“科技园社区”内3家企业正式党员均不足3名，合计正式党员4名/);
    expect(explainProposal('park', null, 2, 3, OPTIONS)).toMatch(/^同一园区内2家企业/);
  });
});
