import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Scope } from './scope.js';

/**
 * Scope filters for organisations (docs/organisations.md, "Who sees an organisation"):
 *
 * A party organisation is visible when
 *   1. its region lies under one of the scope's region prefixes, or
 *   2. its park or association is in the scope, or
 *   3. it lies in the subtree of one of `scope.partyOrgIds` (those ids are subtree roots), or
 *   4. it currently covers (coverage without `until`) an enterprise the same scope sees.
 * A union is visible by 1, 2 and 4 (its own coverage); an instructor by 1 and by a current
 * assignment to a visible enterprise. Rule 4 is what lets a park officer see the joint branch
 * registered in the township that covers the park's enterprises.
 *
 * The enterprise part repeats the region/park/association/enterprise-id test of
 * `enterpriseInScope` rather than calling it, so that an enterprise filter that later includes
 * "covered by an organisation in scope" can use `partyOrgSubtree` without the two recursing.
 */
type OrgEb = ExpressionBuilder<DB & { o: DB['party_org'] }, 'o'>;
type UnionEb = ExpressionBuilder<DB & { u: DB['union_org'] }, 'u'>;
type InstructorEb = ExpressionBuilder<DB & { i: DB['instructor'] }, 'i'>;

const TRUE = sql<SqlBool>`TRUE`;
const FALSE = sql<SqlBool>`FALSE`;

/** SQL text of "enterprise alias `ce` is in scope", for the EXISTS sub-queries below. */
function coveredEnterpriseSql(scope: Scope) {
  const parts = [
    ...scope.regionPrefixes.map((p) => sql`ce.region_code LIKE ${p + '%'}`),
    ...(scope.parkIds.length ? [sql`ce.park_id = ANY(${scope.parkIds}::bigint[])`] : []),
    ...(scope.associationIds.length ? [sql`ce.association_id = ANY(${scope.associationIds}::bigint[])`] : []),
    ...(scope.enterpriseIds.length ? [sql`ce.id = ANY(${scope.enterpriseIds}::bigint[])`] : []),
  ];
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : null;
}

/** Orgs (alias `o`) inside the subtrees rooted at `rootIds`. */
export function partyOrgSubtree(rootIds: string[]) {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM party_org r WHERE r.id = ANY(${rootIds}::bigint[])
    AND (o.path = r.path OR o.path LIKE r.path || '.%'))`;
}

export function partyOrgInScope(scope: Scope) {
  return (eb: OrgEb): Expression<SqlBool> => {
    if (scope.all) return TRUE;
    const parts: Expression<SqlBool>[] = scope.regionPrefixes.map((p) => eb('o.region_code', 'like', `${p}%`));
    if (scope.parkIds.length) parts.push(eb('o.park_id', 'in', scope.parkIds));
    if (scope.associationIds.length) parts.push(eb('o.association_id', 'in', scope.associationIds));
    if (scope.partyOrgIds.length) parts.push(partyOrgSubtree(scope.partyOrgIds));
    const ent = coveredEnterpriseSql(scope);
    if (ent) {
      parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM party_org_coverage pc JOIN enterprise ce ON ce.id = pc.enterprise_id
        WHERE pc.org_id = o.id AND pc.until IS NULL AND ${ent})`);
    }
    return parts.length ? eb.or(parts) : FALSE;
  };
}

export function unionInScope(scope: Scope) {
  return (eb: UnionEb): Expression<SqlBool> => {
    if (scope.all) return TRUE;
    const parts: Expression<SqlBool>[] = scope.regionPrefixes.map((p) => eb('u.region_code', 'like', `${p}%`));
    if (scope.parkIds.length) parts.push(eb('u.park_id', 'in', scope.parkIds));
    if (scope.associationIds.length) parts.push(eb('u.association_id', 'in', scope.associationIds));
    const ent = coveredEnterpriseSql(scope);
    if (ent) {
      parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM union_coverage uc JOIN enterprise ce ON ce.id = uc.enterprise_id
        WHERE uc.union_id = u.id AND uc.until IS NULL AND ${ent})`);
    }
    return parts.length ? eb.or(parts) : FALSE;
  };
}

export function instructorInScope(scope: Scope) {
  return (eb: InstructorEb): Expression<SqlBool> => {
    if (scope.all) return TRUE;
    const parts: Expression<SqlBool>[] = scope.regionPrefixes.map((p) => eb('i.region_code', 'like', `${p}%`));
    const ent = coveredEnterpriseSql(scope);
    if (ent) {
      parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM instructor_assignment ia JOIN enterprise ce ON ce.id = ia.enterprise_id
        WHERE ia.instructor_id = i.id AND ia.until IS NULL AND ${ent})`);
    }
    return parts.length ? eb.or(parts) : FALSE;
  };
}
