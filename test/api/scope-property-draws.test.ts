import { expect } from 'vitest';
import { scopePropertySuite } from './scope-property.suite.js';

// LX_SCOPE_RUNS random draws with the pinned seed (test/api/scope-property.suite.ts): none disagrees
// with the oracle, and every draw ran.
scopePropertySuite('draws', ({ failures, checks, runs }) => {
  expect(failures).toEqual([]);
  expect(checks).toBeGreaterThanOrEqual(runs);
});
