import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { MATRIX_GROUPS } from './permission-matrix-groups.js';
import { matrixProbes, useMatrixWorld } from './permission-matrix-suite.js';

/**
 * The permission matrix, party work (the party roster, 组织关系 transfers, 发展党员, 三会一课, 党小组, 标准化建设,
 * 年度报告, 述职评议, training, the reserve pool and support, party dues): every route × every role of its
 * own world, and 401 without a session. Whether every registered route has rows is checked in
 * permission-matrix.test.ts.
 */
describe(`permission matrix (party work) on ${testEngine()}`, () => {
  // A group's rows are requested in exactly one file (their fixtures are kept for one world).
  it('its routes are probed by no other group', () => {
    const mine = new Set(MATRIX_GROUPS.party.map((p) => p.route));
    const elsewhere = Object.entries(MATRIX_GROUPS).filter(([g]) => g !== 'party').flatMap(([, rows]) => rows.map((p) => p.route));
    expect(mine.size).toBeGreaterThan(0);
    expect(elsewhere.filter((r) => mine.has(r))).toEqual([]);
  });
  matrixProbes(useMatrixWorld(), () => MATRIX_GROUPS.party);
});
