import { COUNTIES, TOWNSHIPS } from '../factories/world.js';
import type { Row, Ctx } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for campaign targets (工作目标), spread into MATRIX in permission-matrix.test.ts.
 * The fixture target is set on county A (440305). Reading a list needs the asked area in the
 * caller's regions (township A here): the district's target appears there, with the township's
 * progress. A target is seen by anyone under its area (commA, multi's township in county A);
 * changed only by who manages the area itself — a township official sees it and is told 403 NOT_MANAGED.
 */
const COUNTY_A = COUNTIES[0];
const TOWN_A = TOWNSHIPS[0];
const LIST_READERS = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'secretary', 'multi'] };
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const MANAGED = { ok: ['sys', 'orgA'], notManaged: ['townA', 'multi'], hidden: ['orgB'] };

let made = 0;
/** A deadline no other probe uses: (area, metric, deadline) is unique among live targets. */
const freshDeadline = () => new Date(Date.UTC(2031, 0, 1 + ++made)).toISOString().slice(0, 10);
let fixture = '';

async function newTarget(c: Ctx): Promise<string> {
  const { id } = await c.database.db.insertInto('campaign_target')
    .values({ region_code: `${COUNTY_A}000000`, metric: 'twoCoverage', target_rate: 95, deadline: freshDeadline(), title: `矩阵目标${made}` })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}
const target = async (c: Ctx) => (fixture ||= await newTarget(c));
const versionOf = async (c: Ctx, id: string) =>
  (await c.database.db.selectFrom('campaign_target').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

export const CAMPAIGN_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/campaign-targets', request: async (c) => { await target(c); return { url: `/api/campaign-targets?region=${TOWN_A}` }; }, expect: LIST_READERS },
  { route: 'GET /api/campaign-targets.xlsx', request: () => ({ url: `/api/campaign-targets.xlsx?region=${TOWN_A}` }), expect: LIST_READERS },
  { route: 'GET /api/campaign-targets/:id', request: async (c) => ({ url: `/api/campaign-targets/${await target(c)}` }), expect: SEEN },
  {
    route: 'POST /api/campaign-targets',
    request: () => ({ url: '/api/campaign-targets', payload: { region: TOWN_A, metric: 'orgCoverage', targetRate: 90, deadline: freshDeadline() } }),
    expect: { ok: ['sys', 'orgA', 'townA'] },
  },
  {
    route: 'PATCH /api/campaign-targets/:id',
    request: async (c) => ({ url: `/api/campaign-targets/${await target(c)}`, payload: { version: await versionOf(c, await target(c)), note: `矩阵${c.n}` } }),
    expect: MANAGED,
  },
  {
    route: 'POST /api/campaign-targets/:id/withdraw',
    request: async (c) => ({ url: `/api/campaign-targets/${await newTarget(c)}/withdraw`, payload: { version: 1, reason: '矩阵撤回' } }),
    expect: MANAGED,
  },
];
