import { expect } from 'vitest';
import { scopePropertySuite } from './scope-property.suite.js';

// Every user × every record of each op, once (test/api/scope-property.suite.ts): no check disagrees
// with the oracle, and the sweep met every record (well over a thousand checks).
scopePropertySuite('sweep', ({ failures, checks }) => {
  expect(failures).toEqual([]);
  expect(checks).toBeGreaterThanOrEqual(1000);
});
