import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { COMMUNITIES, PASSWORD, TOWNSHIPS, call, type Session, type World, type WorldUser } from './world.js';

/**
 * Cross-street records on top of the generated world (test/factories/world.ts), for the permission
 * matrix and the scope property test: organisations, unions and instructors registered in one street
 * (TOWNSHIPS[1], where `multi` is township officer) and linked to enterprises of the other
 * (TOWNSHIPS[0], `townA`) and of the other county, plus the people holding posts in them. Every
 * record is made so that one rule of docs/organisations.md ("Who sees and who manages") decides it:
 * own region, park, association, subtree, a current link, an ended link, a parent in another street.
 *
 * Records go straight into the tables (the rows an import or the UI would leave); people go through
 * POST /api/people as sys so ID and phone numbers are sealed and indexed with the app's keyring.
 * Their registration region is set afterwards in the table, so the fixture also builds on code that
 * predates `regionCode` in the API.
 */
const pad12 = (p: string) => p.padEnd(12, '0');
const T1 = TOWNSHIPS[1];
const C = COMMUNITIES;

type Link = { e: number; since: string; until?: string };
type OrgSpec = { key: string; type: 'committee' | 'generalBranch' | 'branch'; mode: 'standalone' | 'joint'; region: string | null; park?: 0; assoc?: 0; parent?: string; cover: Link[] };
type UnionSpec = { key: string; kind: 'standalone' | 'joint' | 'federation'; region: string | null; park?: 0; assoc?: 0; parent?: string; cover: Link[]; organiser?: string };
type InstrSpec = { key: string; person: string; region: string | null; assign: Link[]; visits: number[] };
type PersonSpec = { key: string; region: string | null; idNumber?: string; phone?: string };

// e[i] is the world's enterprise of COMMUNITIES[i] (0–1 street T0, 2–3 street T1, 4–7 county 2);
// e[8] sits in park 0 but is registered in county 2; e[9] is an association member in county 2.
const ORGS: OrgSpec[] = [
  { key: 'T1党委', type: 'committee', mode: 'standalone', region: pad12(T1), cover: [] },
  { key: '跨街联合党支部', type: 'branch', mode: 'joint', region: C[2], parent: 'T1党委', cover: [{ e: 0, since: '2024-01-01' }, { e: 2, since: '2024-01-01' }, { e: 5, since: '2022-01-01', until: '2023-06-01' }] },
  { key: 'A街支部', type: 'branch', mode: 'standalone', region: C[0], cover: [{ e: 1, since: '2024-01-01' }, { e: 3, since: '2024-02-01' }] },
  { key: 'A街子支部', type: 'branch', mode: 'standalone', region: C[3], parent: 'A街支部', cover: [] },
  { key: 'T1支部', type: 'branch', mode: 'standalone', region: C[3], parent: 'T1党委', cover: [{ e: 3, since: '2023-01-01' }] },
  { key: '园区支部', type: 'branch', mode: 'standalone', region: C[4], park: 0, cover: [{ e: 8, since: '2024-01-01' }] },
  { key: '商会支部', type: 'branch', mode: 'joint', region: null, assoc: 0, cover: [{ e: 9, since: '2024-01-01' }] },
  { key: 'B区支部', type: 'branch', mode: 'standalone', region: C[5], parent: '跨街联合党支部', cover: [{ e: 5, since: '2023-06-01' }] },
  { key: '旧覆盖支部', type: 'generalBranch', mode: 'standalone', region: C[6], cover: [{ e: 1, since: '2021-01-01', until: '2022-01-01' }, { e: 6, since: '2022-01-01' }] },
];
const UNIONS: UnionSpec[] = [
  { key: 'T1工会联合会', kind: 'federation', region: pad12(T1), cover: [] },
  { key: '跨街联合工会', kind: 'joint', region: C[3], parent: 'T1工会联合会', organiser: 'pU', cover: [{ e: 1, since: '2024-01-01' }, { e: 3, since: '2024-01-01' }, { e: 6, since: '2021-01-01', until: '2022-01-01' }] },
  { key: 'A街工会', kind: 'standalone', region: C[0], parent: 'T1工会联合会', organiser: 'pUA', cover: [{ e: 0, since: '2024-01-01' }] },
  { key: '园区工会', kind: 'standalone', region: C[4], park: 0, cover: [{ e: 8, since: '2024-01-01' }] },
  { key: 'B区工会', kind: 'standalone', region: C[6], cover: [{ e: 2, since: '2024-01-01' }] },
  { key: '商会工会', kind: 'joint', region: null, assoc: 0, cover: [{ e: 9, since: '2020-01-01', until: '2021-01-01' }, { e: 7, since: '2024-01-01' }] },
];
const INSTRUCTORS: InstrSpec[] = [
  { key: 'T1指导员', person: 'pI1', region: C[2], assign: [{ e: 0, since: '2024-01-01' }, { e: 2, since: '2024-01-01' }, { e: 4, since: '2022-01-01', until: '2023-01-01' }], visits: [0, 2, 4] },
  { key: 'A街指导员', person: 'pIA', region: C[0], assign: [{ e: 3, since: '2024-01-01' }], visits: [3, 1] },
  { key: 'B区指导员', person: 'pIB', region: C[5], assign: [{ e: 8, since: '2024-01-01' }], visits: [8, 5] },
  { key: '旧指导员', person: 'pIE', region: C[4], assign: [{ e: 0, since: '2021-01-01', until: '2022-01-01' }], visits: [0] },
  { key: '无区划指导员', person: 'pIN', region: null, assign: [{ e: 9, since: '2024-01-01' }], visits: [9] },
];
const PHONE = '13912345678';
const PEOPLE: PersonSpec[] = [
  ...['pS', 'pM', 'pA', 'pAc', 'pB', 'pPark', 'pU', 'pUA', 'pI1', 'pIA', 'pIB', 'pIE', 'pIN', 'pNone'].map((key) => ({ key, region: null })),
  { key: 'pR0', region: C[0] }, { key: 'pR1', region: C[2] }, { key: 'pRB', region: C[4] }, { key: 'pRT1', region: pad12(T1) },
  { key: 'pPII', region: C[1], idNumber: idNumber('44030519900307123'), phone: PHONE },
  { key: 'pPII2', region: null, idNumber: idNumber('44030619850615456'), phone: '13700001111' },
  { key: 'pPII3', region: C[5], phone: PHONE },
];
const POSITIONS: Array<{ org: string; person: string; position: 'secretary' | 'committeeMember'; since: string; until?: string }> = [
  { org: '跨街联合党支部', person: 'pS', position: 'secretary', since: '2024-01-01' },
  { org: '跨街联合党支部', person: 'pM', position: 'committeeMember', since: '2022-01-01', until: '2023-01-01' },
  { org: '跨街联合党支部', person: 'pPII2', position: 'committeeMember', since: '2024-01-01' },
  { org: 'A街支部', person: 'pA', position: 'secretary', since: '2024-01-01' },
  { org: 'A街子支部', person: 'pAc', position: 'secretary', since: '2024-01-01' },
  { org: 'B区支部', person: 'pB', position: 'secretary', since: '2024-01-01' },
  { org: '园区支部', person: 'pPark', position: 'secretary', since: '2024-01-01' },
];

/**
 * Party members (docs/members.md): seen where their organisation is seen or their employer is in
 * scope, managed only through the organisation's own place. mJ works in street T0 for T1's joint
 * branch; mB works in T0 for a county-2 branch that does not reach T0 (seen there through the employer
 * alone); mA works in T1 for T0's branch; mLeft has left (off the default list). mJ's person (pNone)
 * has no region and no post: only the membership makes them visible.
 */
const MEMBERS: Array<{ key: string; org: string; person?: string; enterprise: number | null; category: 'full' | 'probationary'; status?: 'left' | 'mobile' }> = [
  { key: 'mJ', org: '跨街联合党支部', person: 'pNone', enterprise: 0, category: 'full' },
  { key: 'mA', org: 'A街支部', enterprise: 3, category: 'probationary' },
  { key: 'mPark', org: '园区支部', enterprise: null, category: 'full', status: 'mobile' },
  { key: 'mB', org: 'B区支部', enterprise: 1, category: 'full' },
  { key: 'mLeft', org: '旧覆盖支部', enterprise: 6, category: 'full', status: 'left' },
  { key: 'mAssoc', org: '商会支部', enterprise: 9, category: 'probationary' },
];

/** GB 11643 check character, so the numbers pass the service's validation. */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

export type CrossStreet = {
  orgs: Record<string, string>;
  unions: Record<string, string>;
  instructors: Record<string, string>;
  people: Record<string, string>;
  members: Record<string, string>;
  /** The clear numbers, for searches. */
  pii: { idNumber: string; phone: string; idNumber2: string };
};

export async function buildCrossStreet(database: Database, world: World, app: FastifyInstance, sys: Session): Promise<CrossStreet> {
  const db = database.db;
  const e = (i: number) => world.enterprises[i].id;
  const people: Record<string, string> = {};
  for (const p of PEOPLE) {
    const res = await call(app, sys, 'POST', '/api/people', { name: `跨街${p.key}`, ...(p.idNumber ? { idNumber: p.idNumber } : {}), ...(p.phone ? { phone: p.phone } : {}) });
    if (res.statusCode !== 201) throw new Error(`person ${p.key}: ${res.statusCode} ${res.body}`);
    people[p.key] = (res.json() as { id: string }).id;
    await db.updateTable('person').set({ region_code: p.region }).where('id', '=', people[p.key]).execute();
  }
  const orgs: Record<string, string> = {};
  const paths: Record<string, string> = {};
  for (const o of ORGS) {
    const parent = o.parent ? orgs[o.parent] : null;
    const { id } = await db.insertInto('party_org').values({
      name: o.key, org_type: o.type, setup_mode: o.mode, region_code: o.region, park_id: o.park === 0 ? world.parks[0] : null,
      association_id: o.assoc === 0 ? world.associations[0] : null, parent_id: parent, founded_on: '2020-01-01',
    }).returning('id').executeTakeFirstOrThrow();
    paths[o.key] = o.parent ? `${paths[o.parent]}.${id}` : id;
    await db.updateTable('party_org').set({ path: paths[o.key] }).where('id', '=', id).execute();
    orgs[o.key] = id;
    // History names enterprises: a partial view must count it, never show it.
    await db.insertInto('party_org_event').values({ org_id: id, kind: 'created', at: '2020-01-01', data: JSON.stringify({ name: o.key }) }).execute();
    for (const l of o.cover) {
      await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: e(l.e), mode: o.mode, since: l.since, until: l.until ?? null }).execute();
      await db.insertInto('party_org_event').values({ org_id: id, kind: 'coverage_added', at: l.since, data: JSON.stringify({ enterpriseId: e(l.e) }) }).execute();
    }
  }
  for (const p of POSITIONS) {
    await db.insertInto('org_position').values({ org_id: orgs[p.org], person_id: people[p.person], position: p.position, since: p.since, until: p.until ?? null }).execute();
  }
  const unions: Record<string, string> = {};
  for (const u of UNIONS) {
    const { id } = await db.insertInto('union_org').values({
      name: u.key, kind: u.kind, region_code: u.region, park_id: u.park === 0 ? world.parks[0] : null, association_id: u.assoc === 0 ? world.associations[0] : null,
      parent_id: u.parent ? unions[u.parent] : null, organiser_person_id: u.organiser ? people[u.organiser] : null, members: 50, female_members: 10,
    }).returning('id').executeTakeFirstOrThrow();
    unions[u.key] = id;
    await db.insertInto('union_event').values({ union_id: id, kind: 'created', at: '2020-01-01', data: JSON.stringify({ name: u.key }) }).execute();
    for (const l of u.cover) await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: e(l.e), since: l.since, until: l.until ?? null }).execute();
    await db.insertInto('union_congress').values({ union_id: id, held_on: '2024-03-01', kind: 'congress', session: '第一届第一次' }).execute();
    await db.insertInto('union_contract').values({ union_id: id, kind: 'collective', signed_on: '2024-01-01', starts_on: '2024-01-01', ends_on: '2026-12-31' }).execute();
  }
  const instructors: Record<string, string> = {};
  for (const s of INSTRUCTORS) {
    const { id } = await db.insertInto('instructor').values({ person_id: people[s.person], kind: 'instructor', region_code: s.region }).returning('id').executeTakeFirstOrThrow();
    instructors[s.key] = id;
    for (const l of s.assign) await db.insertInto('instructor_assignment').values({ instructor_id: id, enterprise_id: e(l.e), since: l.since, until: l.until ?? null }).execute();
    for (const v of s.visits) await db.insertInto('visit_log').values({ instructor_id: id, enterprise_id: e(v), visited_on: '2024-06-01', notes: `走访${v}` }).execute();
  }
  const members: Record<string, string> = {};
  for (const m of MEMBERS) {
    const personId = m.person ? people[m.person] : (await db.insertInto('person').values({ name: `跨街党员${m.key}`, region_code: null }).returning('id').executeTakeFirstOrThrow()).id;
    const { id } = await db.insertInto('party_member').values({
      person_id: personId, org_id: orgs[m.org], category: m.category, joined_on: '2019-01-01', confirmed_on: m.category === 'full' ? '2020-01-02' : null,
      enterprise_id: m.enterprise === null ? null : e(m.enterprise), status: m.status ?? 'normal', status_since: m.status ? '2024-06-01' : null,
      left_reason: m.status === 'left' ? 'other' : null,
    }).returning('id').executeTakeFirstOrThrow();
    members[m.key] = id;
    await db.insertInto('party_member_event').values({ member_id: id, kind: 'created', at: '2019-01-01', data: JSON.stringify({ orgId: orgs[m.org] }) }).execute();
  }
  const pii = { idNumber: PEOPLE.find((p) => p.key === 'pPII')?.idNumber ?? '', phone: PHONE, idNumber2: PEOPLE.find((p) => p.key === 'pPII2')?.idNumber ?? '' };
  return { orgs, unions, instructors, people, members, pii };
}

/**
 * Users the property test adds to the world's: a grant naming an organisation subtree (rule 3), a
 * township officer of street T1 alone, a union officer of T1, and an org admin over an association.
 * Kept out of the matrix, whose user-list oracle knows region-only grants.
 */
export async function addExtraUsers(database: Database, world: World, cs: CrossStreet): Promise<string[]> {
  const specs: Record<string, WorldUser['grants']> = {
    rootT1: [{ role: 'branch_secretary', partyOrgIds: [cs.orgs['T1党委']] }],
    townB: [{ role: 'township_officer', regionPrefixes: [T1] }],
    unionT1: [{ role: 'union_officer', regionPrefixes: [T1] }],
    assocAdmin: [{ role: 'org_admin', associationIds: [world.associations[0]] }],
  };
  const hash = await hashPassword(PASSWORD);
  for (const [username, grants] of Object.entries(specs)) {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    for (const g of grants) {
      await database.db.insertInto('user_role').values({
        user_id: u.id, role: g.role, region_prefixes: g.regionPrefixes ?? [], association_ids: g.associationIds ?? [], party_org_ids: g.partyOrgIds ?? [],
      }).execute();
    }
    world.users[username] = { username, id: u.id, grants };
  }
  return Object.keys(specs);
}
