import type { Executor } from '../../db/schema.js';
import type { RoleGrant } from './actor.js';

/**
 * The stored facts about every place a set of grants names, so the containment check in grant.ts
 * can stay pure and synchronous. A missing key means the record does not exist.
 */
export type OrgFacts = { path: string; regionCode: string | null; parkId: string | null; associationId: string | null };
export type PlaceFacts = {
  orgs: Map<string, OrgFacts>;
  parks: Map<string, { regionCode: string | null }>;
  associations: Map<string, { regionCode: string | null }>;
  enterprises: Map<string, { regionCode: string | null; parkId: string | null; associationId: string | null }>;
};

export const noPlaceFacts = (): PlaceFacts => ({ orgs: new Map(), parks: new Map(), associations: new Map(), enterprises: new Map() });

/** Ids are keyed as text whatever the driver returns for bigint (PGlite and node-postgres differ). */
const key = (v: string | number | bigint) => String(v);
const opt = (v: string | number | bigint | null) => (v === null ? null : String(v));
const idsOf = (grants: RoleGrant[], pick: (g: RoleGrant) => string[]) => [...new Set(grants.flatMap(pick))];

/**
 * One batch of at most four queries for all ids named by `grants` — pass the granter's grants too,
 * so its party-organisation roots come with their paths, and a whole page of accounts at once when
 * listing (never a query per account).
 */
export async function loadPlaceFacts(db: Executor, grants: RoleGrant[]): Promise<PlaceFacts> {
  const facts = noPlaceFacts();
  const orgIds = idsOf(grants, (g) => g.partyOrgIds);
  const parkIds = idsOf(grants, (g) => g.parkIds);
  const associationIds = idsOf(grants, (g) => g.associationIds);
  const enterpriseIds = idsOf(grants, (g) => g.enterpriseIds);
  const [orgs, parks, associations, enterprises] = await Promise.all([
    orgIds.length ? db.selectFrom('party_org').select(['id', 'path', 'region_code', 'park_id', 'association_id']).where('id', 'in', orgIds).execute() : [],
    parkIds.length ? db.selectFrom('park').select(['id', 'region_code']).where('id', 'in', parkIds).execute() : [],
    associationIds.length ? db.selectFrom('association').select(['id', 'region_code']).where('id', 'in', associationIds).execute() : [],
    enterpriseIds.length ? db.selectFrom('enterprise').select(['id', 'region_code', 'park_id', 'association_id']).where('id', 'in', enterpriseIds).execute() : [],
  ]);
  for (const o of orgs) {
    facts.orgs.set(key(o.id), { path: o.path, regionCode: o.region_code, parkId: opt(o.park_id), associationId: opt(o.association_id) });
  }
  for (const p of parks) facts.parks.set(key(p.id), { regionCode: p.region_code });
  for (const a of associations) facts.associations.set(key(a.id), { regionCode: a.region_code });
  for (const e of enterprises) {
    facts.enterprises.set(key(e.id), { regionCode: e.region_code, parkId: opt(e.park_id), associationId: opt(e.association_id) });
  }
  return facts;
}
