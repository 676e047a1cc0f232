import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { MATRIX_GROUPS } from './permission-matrix-groups.js';
import { matrixProbes, useMatrixWorld } from './permission-matrix-suite.js';

/**
 * The permission matrix, daily work (the work inbox, approvals, 通知公告 and 每日摘要, 实地走访, 学习, 排查摸底):
 * every route × every role of its own world, and 401 without a session. Whether every registered
 * route has rows is checked in permission-matrix.test.ts.
 */
describe(`permission matrix (daily work) on ${testEngine()}`, () => {
  // A group's rows are requested in exactly one file (their fixtures are kept for one world).
  it('its routes are probed by no other group', () => {
    const mine = new Set(MATRIX_GROUPS.work.map((p) => p.route));
    const elsewhere = Object.entries(MATRIX_GROUPS).filter(([g]) => g !== 'work').flatMap(([, rows]) => rows.map((p) => p.route));
    expect(mine.size).toBeGreaterThan(0);
    expect(elsewhere.filter((r) => mine.has(r))).toEqual([]);
  });
  matrixProbes(useMatrixWorld(), () => MATRIX_GROUPS.work);
});
