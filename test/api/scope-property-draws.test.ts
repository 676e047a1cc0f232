import { scopePropertySuite } from './scope-property.suite.js';

// LX_SCOPE_RUNS random draws with the pinned seed (test/api/scope-property.suite.ts).
scopePropertySuite('draws');
