import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { Actor } from './actor.js';
import { loadPlaceFacts } from './grant-places.repository.js';
import { ownedInScope, visibleInScope } from './party-org-scope.js';
import { holdsAction } from './require.js';
import { scopeFor, type Scope } from './scope.js';
import { organisedOwnedSql } from './training-scope.js';

/**
 * Who reads and who changes a study material (docs/study.md, "Who reads what"). A material is
 * published by a region (a district or street office) or by a party organisation for its members.
 *
 * *Read* — needs no action: any signed-in person reads, whatever their roles, what lies in their scope:
 *   1. a region's material when the region is at or above one of the reader's places (a member of a
 *      community reads their district's and street's; a secretary or union officer those of the
 *      enterprise their grant names), or lies under a region the reader's grants hold (a district
 *      office reads its streets');
 *   2. an organisation's material when the organisation is the reader's own (their membership's
 *      organisation or a grant's) or one above it (a 基层党委 publishes for its branches' members), or
 *      when the reader oversees it (org.read, a current link included: seeing, never changing).
 * *Change* — study.publish over the publisher's own place: the region under the grant's prefixes, or
 *   the organisation owned by its own place (party-org-scope.ts), never through a link.
 */
export type StudyReader = {
  all: boolean;
  under: string[];
  above: string[];
  orgPaths: string[];
  orgRead: Scope | null;
  publish: Scope | null;
};

const FALSE = sql<SqlBool>`FALSE`;
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** The district and street (12 digits) at or above a region code or prefix. */
export const regionsAbove = (code: string): string[] =>
  [6, 9].filter((k) => code.length >= k).map((k) => code.slice(0, k).padEnd(12, '0'));

/** A materialised path and the paths of its ancestors ('1.5.9' → '1', '1.5', '1.5.9'). */
const pathAndAbove = (path: string): string[] => (path ? path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')) : []);

/** The reader's places, read once per request: the places their grants name and their own membership. */
export async function loadStudyReader(db: Executor, actor: Actor): Promise<StudyReader> {
  const publish = holdsAction(actor, 'study.publish') ? scopeFor(actor, 'study.publish') : null;
  const orgRead = holdsAction(actor, 'org.read') ? scopeFor(actor, 'org.read') : null;
  const all = actor.grants.some((g) => g.allRegions);
  const under = [...new Set(actor.grants.flatMap((g) => g.regionPrefixes).filter((p) => /^\d{2,12}$/.test(p)))];
  const facts = await loadPlaceFacts(db, actor.grants);
  const codes: string[] = [...under];
  const paths: string[] = [];
  for (const o of facts.orgs.values()) { if (o.regionCode) codes.push(o.regionCode); paths.push(o.path); }
  for (const m of [...facts.parks.values(), ...facts.associations.values(), ...facts.enterprises.values()]) if (m.regionCode) codes.push(m.regionCode);
  if (actor.kind === 'user' && actor.userId) {
    // The reader's own membership: a 党员 reads what their organisation (and those above it) publish.
    const own = await db.selectFrom('app_user as u').innerJoin('party_member as pm', 'pm.person_id', 'u.person_id').innerJoin('party_org as o', 'o.id', 'pm.org_id')
      .select(['o.path', 'o.region_code']).where('u.id', '=', actor.userId).where('pm.status', '!=', 'left').execute();
    for (const o of own) { paths.push(o.path); if (o.region_code) codes.push(o.region_code); }
  }
  return {
    all, under, publish, orgRead,
    above: [...new Set(codes.flatMap(regionsAbove))],
    orgPaths: [...new Set(paths.flatMap(pathAndAbove))],
  };
}

/** The material (alias) may be read. */
export function studyVisibleSql(r: StudyReader, alias = 'sm'): RawBuilder<SqlBool> {
  if (r.all) return sql<SqlBool>`TRUE`;
  const region = [
    ...r.under.map((p) => sql<SqlBool>`${ref(alias, 'region_code')} LIKE ${p + '%'}`),
    ...(r.above.length ? [sql<SqlBool>`${ref(alias, 'region_code')} = ANY(${r.above}::text[])`] : []),
  ];
  const org = [
    ...(r.orgPaths.length ? [sql<SqlBool>`so.path = ANY(${r.orgPaths}::text[])`] : []),
    ...(r.orgRead ? [visibleInScope(r.orgRead, 'org', 'so')] : []),
    ...(r.publish ? [ownedInScope(r.publish, 'org', 'so')] : []),
  ];
  const parts = [...region];
  if (org.length) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM party_org so WHERE so.id = ${ref(alias, 'org_id')} AND (${sql.join(org, sql` OR `)}))`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : FALSE;
}

/** The material (alias) may be changed by the reader: study.publish over its publisher's own place. */
export const studyOwnedSql = (r: StudyReader, alias = 'sm'): RawBuilder<SqlBool> => (r.publish ? organisedOwnedSql(r.publish, alias) : FALSE);
