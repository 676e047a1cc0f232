import { api, NO_ID, NO_REGION, path, REGION, type Probe, type Walk } from './walk.js';

/**
 * The reserve pool and the support ledger (docs/reserve-pool.md, docs/support.md): every constraint
 * of 0033, driven through the pool's routes against the fixture entry (the fixture person, kept under
 * REGION) and the fixture organisation's ledger (a 2024 expense report) — POOL_SUPPORT_FIXTURE.
 */
export async function POOL_SUPPORT_FIXTURE(w: Omit<Walk, 'f'>, personId: string, orgId: string): Promise<void> {
  const db = w.database.db;
  await db.insertInto('reserve_talent').values({ person_id: personId, region_code: REGION, recommender: '约束推荐', recommended_on: '2024-01-05', skills: '党务', availability: 'partTime' }).execute();
  await db.insertInto('management_expense').values({ org_id: orgId, year: 2024, payroll_fen: 100_000_000, amount_fen: 500_000 }).execute();
  // Neither a region nor an organisation to keep an entry under.
  await db.insertInto('person').values({ name: '约束无区划人员' }).execute();
}

const talent = async (w: Walk) => w.database.db.selectFrom('reserve_talent').select(['id', 'version']).where('person_id', '=', w.f.personId).executeTakeFirstOrThrow();
const body = { recommender: '约束推荐人', recommendedOn: '2024-02-01', skills: '党务', availability: 'fullTime' };
const recommend = (b: Record<string, unknown>) => api((w) => w.api('POST', '/api/reserve-pool', { personId: w.f.otherPersonId, regionCode: REGION, ...body, ...b }));
const edit = (b: Record<string, unknown>) => api(async (w) => {
  const t = await talent(w);
  return w.api('PUT', `/api/reserve-pool/${t.id}`, { ...body, version: t.version, ...b });
});
const place = (b: Record<string, unknown>) => api(async (w) => {
  const t = await talent(w);
  return w.api('POST', `/api/reserve-pool/${t.id}/placements`, { version: t.version, orgId: w.f.orgId, position: 'secretary', placedOn: '2024-06-01', ...b });
});
const funding = (b: Record<string, unknown>) => api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/support/funding`, { givenOn: '2024-03-01', amountFen: 10000, source: '约束来源', purpose: '约束用途', ...b }));
const site = (b: Record<string, unknown>) => api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/support/sites?year=2024`, { address: '约束路1号', areaM2: 50, shared: false, ...b }));
const expense = (b: Record<string, unknown>) => api((w) => w.api('PUT', `/api/party-orgs/${w.f.orgId}/support/expense`, { year: 2023, payrollFen: 100_000, amountFen: 1000, ...b }));

export const POOL_SUPPORT_PROBES: Record<string, Probe | Probe[]> = {
  reserve_talent_person_fk: recommend({ personId: NO_ID }),
  reserve_talent_region_fk: recommend({ regionCode: NO_REGION }),
  reserve_talent_org_fk: recommend({ orgId: NO_ID }),
  reserve_talent_recommender_check: [recommend({ recommender: '' }), recommend({ recommender: '推'.repeat(101) }), edit({ recommender: '' })],
  reserve_talent_skills_check: [recommend({ skills: '' }), recommend({ skills: '长'.repeat(501) })],
  reserve_talent_availability_check: recommend({ availability: 'sometimes' }),
  reserve_talent_status_check: edit({ status: 'placed' }),
  reserve_talent_note_check: recommend({ note: '注'.repeat(501) }),
  // a region or a recommending organisation
  reserve_talent_place_check: api(async (w) => {
    const p = await w.database.db.selectFrom('person').select('id').where('name', '=', '约束无区划人员').executeTakeFirstOrThrow();
    return w.api('POST', '/api/reserve-pool', { personId: p.id, ...body });
  }),
  reserve_talent_person_uq: api((w) => w.api('POST', '/api/reserve-pool', { personId: w.f.personId, regionCode: REGION, ...body })),
  'reserve_talent.person_id': api((w) => w.api('POST', '/api/reserve-pool', { regionCode: REGION, ...body })),
  'reserve_talent.recommender': recommend({ recommender: undefined }),
  'reserve_talent.recommended_on': recommend({ recommendedOn: undefined }),
  'reserve_talent.skills': recommend({ skills: undefined }),
  'reserve_talent.availability': recommend({ availability: undefined }),
  reserve_placement_talent_fk: path((w) => w.api('POST', `/api/reserve-pool/${NO_ID}/placements`, { version: 1, orgId: w.f.orgId, position: 'secretary', placedOn: '2024-06-01' })),
  reserve_placement_org_fk: place({ orgId: NO_ID }),
  reserve_placement_position_check: place({ position: 'chairman' }),
  reserve_placement_note_check: place({ note: '注'.repeat(501) }),
  'reserve_placement.org_id': place({ orgId: undefined }),
  'reserve_placement.position': place({ position: undefined }),
  'reserve_placement.placed_on': place({ placedOn: undefined }),
  support_funding_org_fk: path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/support/funding`, { givenOn: '2024-03-01', amountFen: 1, source: '约束', purpose: '约束' })),
  support_funding_amount_check: [funding({ amountFen: 0 }), funding({ amountFen: 100_000_000_001 })],
  support_funding_source_check: [funding({ source: '' }), funding({ source: '源'.repeat(101) })],
  support_funding_purpose_check: [funding({ purpose: '' }), funding({ purpose: '用'.repeat(201) })],
  'support_funding.given_on': funding({ givenOn: undefined }),
  'support_funding.amount_fen': funding({ amountFen: undefined }),
  'support_funding.source': funding({ source: undefined }),
  'support_funding.purpose': funding({ purpose: undefined }),
  activity_site_org_fk: path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/support/sites?year=2024`, { address: '约束', areaM2: 1, shared: false })),
  activity_site_address_check: [site({ address: '' }), site({ address: '址'.repeat(201) })],
  activity_site_area_check: [site({ areaM2: 0 }), site({ areaM2: 100_001 })],
  'activity_site.address': site({ address: undefined }),
  'activity_site.area_m2': site({ areaM2: undefined }),
  'activity_site.shared': site({ shared: undefined }),
  management_expense_org_fk: path((w) => w.api('PUT', `/api/party-orgs/${NO_ID}/support/expense`, { year: 2023, payrollFen: 1, amountFen: 1 })),
  management_expense_year_check: [expense({ year: 2013 }), expense({ year: 2101 })],
  management_expense_payroll_check: [expense({ payrollFen: -1 }), expense({ payrollFen: 100_000_000_000_001 })],
  management_expense_amount_check: [expense({ amountFen: -1 }), expense({ amountFen: 100_000_000_000_001 })],
  // one report a year: a second without the first's version is refused
  management_expense_year_uq: expense({ year: 2024 }),
  'management_expense.year': expense({ year: undefined }),
  'management_expense.payroll_fen': expense({ payrollFen: undefined }),
  'management_expense.amount_fen': expense({ amountFen: undefined }),
};

export const POOL_SUPPORT_SKIPPED: Record<string, string> = {
  'reserve_placement.talent_id': 'the entry the writer has just locked in the same transaction',
  'support_funding.org_id': 'the organisation in the URL, checked by the manage gate first',
  'activity_site.org_id': 'the organisation in the URL, checked by the manage gate first',
  'management_expense.org_id': 'the organisation in the URL, checked by the manage gate first',
};
