import { scopePropertySuite } from './scope-property.suite.js';

// Every user × every record of each op, once (test/api/scope-property.suite.ts).
scopePropertySuite('sweep');
