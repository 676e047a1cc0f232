import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EnterpriseCoverageTable } from '../../db/tables/coverage.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';

/**
 * A coverage row carries the enterprise's own placement columns under the same names (id,
 * region_code, park_id, association_id), so the access layer's one enterprise filter applies to
 * it unchanged — no second copy of the scope rules. The cast only renames the table type; a test
 * (coverage-aggregate.test.ts, scope cases) checks the rows seen equal the ledger's.
 */
export type CoverageEb = ExpressionBuilder<DB & { e: EnterpriseCoverageTable }, 'e'>;

export const coverageInScope = (scope: Scope): ((eb: CoverageEb) => Expression<SqlBool>) =>
  enterpriseInScope(scope) as unknown as (eb: CoverageEb) => Expression<SqlBool>;
