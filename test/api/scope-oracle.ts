import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
// The role → action table is the permission model's definition (docs/security.md, "访问控制": roles
// grant named actions); the oracle uses it as given. Everything about *scope* below is restated from
// docs/organisations.md ("Who sees and who manages", "People") and shares no code with src/core/access.
import { roleAllows, type Action } from '../../src/domain/permissions.js';
import type { Grant } from '../factories/world.js';

/** The plain rows the oracle decides from, read straight from the tables (no service, no scope SQL). */
export type Ent = { id: string; region: string | null; park: string | null; assoc: string | null; creditCode: string };
export type Placed = { id: string; region: string | null; park: string | null; assoc: string | null; parent: string | null; version: number; events: number };
export type Link = { id: string; owner: string; enterprise: string; until: string | null };
export type Person = { id: string; name: string; region: string | null; version: number; birthDate: string | null; idIndex: string | null; phoneIndex: string | null };
export type Model = {
  ents: Map<string, Ent>;
  orgs: Map<string, Placed>;
  unions: Map<string, Placed & { organiser: string | null }>;
  instructors: Map<string, Placed & { person: string }>;
  orgLinks: Link[];
  unionLinks: Link[];
  assignments: Link[];
  visits: Link[];
  positions: Array<Link & { person: string }>;
  people: Map<string, Person>;
  members: Map<string, Member>;
  /** 发展党员 cases: whose application, held by which organisation. */
  cases: Array<{ person: string; org: string }>;
};
export type Member = { id: string; person: string; org: string; enterprise: string | null; status: string; events: number };

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * One query over everything a write may touch (places, versions, links and their ends, positions,
 * visits, people): a refused request must leave it unchanged.
 */
export async function fingerprint(database: Database): Promise<string> {
  const agg = (table: string, cols: string) => `(SELECT coalesce(string_agg(concat_ws(',', ${cols}), ';' ORDER BY id), '') FROM ${table})`;
  const parts = [
    agg('party_org', 'id, version, region_code, park_id, association_id, parent_id'), agg('party_org_coverage', 'id, until'),
    agg('org_position', 'id, until'), agg('party_org_event', 'id'), agg('union_org', 'id, version, region_code, park_id, association_id, parent_id'),
    agg('union_coverage', 'id, until'), agg('union_event', 'id'), agg('instructor', 'id, version, region_code'),
    agg('instructor_assignment', 'id, until'), agg('visit_log', 'id'), agg('person', 'id, version, region_code'),
  ];
  const { rows } = await sql.raw<{ f: string }>(`SELECT ${parts.join(" || '|' || ")} AS f`).execute(database.db);
  return rows[0].f;
}

export async function loadModel(database: Database): Promise<Model> {
  const db = database.db;
  const count = async (table: 'party_org_event' | 'union_event', col: 'org_id' | 'union_id') => {
    const rows = await db.selectFrom(table).select([col, db.fn.countAll<number>().as('n')]).groupBy(col).execute();
    return new Map(rows.map((r) => [String((r as Record<string, unknown>)[col]), Number(r.n)]));
  };
  const [orgEvents, unionEvents] = await Promise.all([count('party_org_event', 'org_id'), count('union_event', 'union_id')]);
  const memberEvents = new Map((await db.selectFrom('party_member_event').select(['member_id', db.fn.countAll<number>().as('n')]).groupBy('member_id').execute())
    .map((r) => [String(r.member_id), Number(r.n)]));
  const members = await db.selectFrom('party_member').select(['id', 'person_id', 'org_id', 'enterprise_id', 'status']).execute();
  const cases = await db.selectFrom('recruitment_case').select(['person_id', 'org_id']).execute();
  const [ents, orgs, unions, instructors, orgLinks, unionLinks, assignments, visits, positions, people] = await Promise.all([
    db.selectFrom('enterprise').select(['id', 'region_code', 'park_id', 'association_id', 'credit_code']).execute(),
    db.selectFrom('party_org').select(['id', 'region_code', 'park_id', 'association_id', 'parent_id', 'version']).execute(),
    db.selectFrom('union_org').select(['id', 'region_code', 'park_id', 'association_id', 'parent_id', 'version', 'organiser_person_id']).execute(),
    db.selectFrom('instructor').select(['id', 'region_code', 'person_id', 'version']).execute(),
    db.selectFrom('party_org_coverage').select(['id', 'org_id as owner', 'enterprise_id', 'until']).execute(),
    db.selectFrom('union_coverage').select(['id', 'union_id as owner', 'enterprise_id', 'until']).execute(),
    db.selectFrom('instructor_assignment').select(['id', 'instructor_id as owner', 'enterprise_id', 'until']).execute(),
    db.selectFrom('visit_log').select(['id', 'instructor_id as owner', 'enterprise_id']).execute(),
    db.selectFrom('org_position').select(['id', 'org_id as owner', 'person_id', 'until']).execute(),
    db.selectFrom('person').select(['id', 'name', 'region_code', 'version', 'birth_date', 'id_number_index', 'phone_index']).execute(),
  ]);
  const link = (r: { id: string; owner: string; enterprise_id: string; until?: unknown }): Link =>
    ({ id: String(r.id), owner: String(r.owner), enterprise: String(r.enterprise_id), until: day(r.until) });
  const placed = (r: { id: string; region_code: string | null; park_id?: string | null; association_id?: string | null; parent_id?: string | null; version: number }, events: number): Placed => ({
    id: String(r.id), region: r.region_code, park: str(r.park_id), assoc: str(r.association_id), parent: str(r.parent_id), version: r.version, events,
  });
  return {
    ents: new Map(ents.map((r) => [String(r.id), { id: String(r.id), region: r.region_code, park: str(r.park_id), assoc: str(r.association_id), creditCode: r.credit_code }])),
    orgs: new Map(orgs.map((r) => [String(r.id), placed(r, orgEvents.get(String(r.id)) ?? 0)])),
    unions: new Map(unions.map((r) => [String(r.id), { ...placed(r, unionEvents.get(String(r.id)) ?? 0), organiser: str(r.organiser_person_id) }])),
    instructors: new Map(instructors.map((r) => [String(r.id), { ...placed(r, 0), person: String(r.person_id) }])),
    orgLinks: orgLinks.map(link),
    unionLinks: unionLinks.map(link),
    assignments: assignments.map(link),
    visits: visits.map(link),
    positions: positions.map((r) => ({ ...link({ ...r, enterprise_id: '' }), person: String(r.person_id) })),
    members: new Map(members.map((r) => [String(r.id), {
      id: String(r.id), person: String(r.person_id), org: String(r.org_id), enterprise: str(r.enterprise_id), status: r.status, events: memberEvents.get(String(r.id)) ?? 0,
    }])),
    cases: cases.map((r) => ({ person: String(r.person_id), org: String(r.org_id) })),
    people: new Map(people.map((r) => [String(r.id), {
      id: String(r.id), name: r.name, region: r.region_code, version: r.version, birthDate: day(r.birth_date), idIndex: r.id_number_index, phoneIndex: r.phone_index,
    }])),
  };
}

/** What one action's grants reach: "a union of region-code prefixes, parks, associations, party-organisation subtrees and enterprises". */
export type Scope = { held: boolean; all: boolean; prefixes: string[]; parks: string[]; assocs: string[]; roots: string[]; ents: string[] };

export function scopeOf(grants: Grant[], action: Action): Scope {
  const s: Scope = { held: false, all: false, prefixes: [], parks: [], assocs: [], roots: [], ents: [] };
  for (const g of grants.filter((x) => roleAllows(x.role, action))) {
    s.held = true;
    s.all ||= g.allRegions ?? false;
    s.prefixes.push(...(g.regionPrefixes ?? []));
    s.parks.push(...(g.parkIds ?? []));
    s.assocs.push(...(g.associationIds ?? []));
    s.roots.push(...(g.partyOrgIds ?? []));
    s.ents.push(...(g.enterpriseIds ?? []));
  }
  return s;
}

const under = (s: Scope, region: string | null) => region !== null && s.prefixes.some((p) => region.startsWith(p));

/** "An enterprise is in scope when its region lies under a prefix, or its park, association or id is listed." */
export const entIn = (s: Scope, e: Ent | undefined): boolean =>
  !!e && (s.all || under(s, e.region) || (e.park !== null && s.parks.includes(e.park)) || (e.assoc !== null && s.assocs.includes(e.assoc)) || s.ents.includes(e.id));

export type Kind = 'org' | 'union' | 'instructor';

export class Oracle {
  constructor(readonly m: Model) {}

  private ancestors(id: string): string[] {
    const out: string[] = [];
    for (let cur: string | null = id; cur !== null && !out.includes(cur); cur = this.m.orgs.get(cur)?.parent ?? null) out.push(cur);
    return out;
  }

  record(kind: Kind, id: string): Placed | undefined {
    return kind === 'org' ? this.m.orgs.get(id) : kind === 'union' ? this.m.unions.get(id) : this.m.instructors.get(id);
  }

  links(kind: Kind, id: string): Link[] {
    return (kind === 'org' ? this.m.orgLinks : kind === 'union' ? this.m.unionLinks : this.m.assignments).filter((l) => l.owner === id);
  }

  /** Rules 1–3: own place. Unions have rules 1 and 2, instructors rule 1 only. */
  own(s: Scope, kind: Kind, id: string): boolean {
    const r = this.record(kind, id);
    if (!r || !s.held) return false;
    if (s.all || under(s, r.region)) return true;
    if (kind === 'instructor') return false;
    if ((r.park !== null && s.parks.includes(r.park)) || (r.assoc !== null && s.assocs.includes(r.assoc))) return true;
    return kind === 'org' && this.ancestors(id).some((a) => s.roots.includes(a));
  }

  /** Rules 1–4: own place, or a current link to an enterprise in scope. */
  visible(s: Scope, kind: Kind, id: string): boolean {
    return this.own(s, kind, id) || (s.held && this.links(kind, id).some((l) => l.until === null && entIn(s, this.m.ents.get(l.enterprise))));
  }

  /** docs/members.md: a member is seen when their organisation is seen or their employer is in the org.read scope. */
  memberVisible(s: Scope, id: string): boolean {
    const m = this.m.members.get(id);
    return !!m && s.held && (this.visible(s, 'org', m.org) || (m.enterprise !== null && entIn(s, this.m.ents.get(m.enterprise))));
  }

  /** …and managed (and seen whole) only when the organisation lies in the scope by its own place. */
  memberOwn(s: Scope, id: string): boolean {
    const m = this.m.members.get(id);
    return !!m && this.own(s, 'org', m.org);
  }

  /** docs "People": by registration region under a read action's prefixes, or through what they belong to. */
  personVisible(grants: Grant[], personId: string): boolean {
    return this.personReach(grants, personId, { org: 'org.read', union: 'union.read', instructor: 'instructor.read', user: 'user.read' }, false);
  }

  personManageable(grants: Grant[], personId: string): boolean {
    return this.personReach(grants, personId, { org: 'org.manage', union: 'union.manage', instructor: 'instructor.manage' }, true);
  }

  private personReach(grants: Grant[], personId: string, actions: { org: Action; union: Action; instructor: Action; user?: Action }, owned: boolean): boolean {
    const p = this.m.people.get(personId);
    if (!p) return false;
    const scopes = Object.values(actions).map((a) => scopeOf(grants, a));
    if (scopes.some((s) => s.held && s.all)) return true;
    if (scopes.some((s) => s.held && under(s, p.region))) return true;
    const sees = owned ? this.own.bind(this) : this.visible.bind(this);
    const [org, union, instructor] = [scopeOf(grants, actions.org), scopeOf(grants, actions.union), scopeOf(grants, actions.instructor)];
    return this.m.positions.some((x) => x.person === personId && sees(org, 'org', x.owner))
      || [...this.m.instructors.values()].some((i) => i.person === personId && sees(instructor, 'instructor', i.id))
      || [...this.m.unions.values()].some((u) => u.organiser === personId && sees(union, 'union', u.id))
      || [...this.m.members.values()].some((m) => m.person === personId && (owned ? this.memberOwn(org, m.id) : this.memberVisible(org, m.id)))
      // docs/organisations.md "People": the applicant of a 发展党员 case is read where the case is seen; never managed through it.
      || (!owned && this.m.cases.some((c) => c.person === personId && this.visible(org, 'org', c.org)));
  }
}

export const holds = (grants: Grant[], action: Action) => grants.some((g) => roleAllows(g.role, action));

export const READ: Record<Kind, Action> = { org: 'org.read', union: 'union.read', instructor: 'instructor.read' };
export const MANAGE: Record<Kind, Action> = { org: 'org.manage', union: 'union.manage', instructor: 'instructor.manage' };

/**
 * One compared response. `problems` name the aspect that differs (status, access, links, hidden,
 * history, parent, manageable, path, rows, birthDate, written); the test maps them to the hole they reveal.
 */
export type CheckResult = { op: string; user: string; target: string; problems: string[]; expected?: string };

export function same(problems: string[], aspect: string, want: unknown, got: unknown): void {
  const [w, g] = [JSON.stringify(want), JSON.stringify(got)];
  if (w !== g) problems.push(`${aspect}: want ${w} got ${g}`);
}
