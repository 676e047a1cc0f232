import { systemActor } from '../../src/core/access/actor.js';
import { createCampaign } from '../../src/core/survey/survey-campaign.service.js';
import { TOWNSHIPS } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 排查摸底 (docs/surveys.md), spread into MATRIX in permission-matrix.test.ts.
 * Fixture: a campaign over TOWNSHIPS[0] (street A: e0 and e1), made by the system on first use per
 * world. Campaign pages show to the district that designs (组织排查摸底 over its area) and to officers
 * with an enterprise of it in their 修改企业台账 scope; another county or street (orgB, multi, the park
 * and association officers) gets 404; people with neither action 403. Deciding and the links are
 * 修改企业台账 over e0's own place. The public page is walked with a forged token: 404 for everyone.
 */
const EVERYONE = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'multi'] };
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'multi'];
const FORGED = '1.1.4102444800.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAA';

let made = 0;
const fixture: { db?: unknown; id?: string } = {};
async function newCampaign(c: Ctx): Promise<string> {
  const r = await createCampaign(c.database.db, systemActor('matrix'), {
    name: `矩阵排查摸底${++made}`, closesOn: '2099-12-31', filter: { regionPrefix: TOWNSHIPS[0]! },
    fields: [{ key: 'employees', label: '从业人员数', type: 'number', required: false, fact: 'employeeCount' }],
  });
  return r.id;
}
async function campaign(c: Ctx): Promise<string> {
  if (fixture.db !== c.database) fixture.id = undefined;
  fixture.db = c.database;
  return (fixture.id ??= await newCampaign(c));
}
async function target(c: Ctx) {
  const id = await campaign(c);
  const t = await c.database.db.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
    .select(['t.id', 't.version', 'e.version as ev']).where('t.campaign_id', '=', id).where('t.enterprise_id', '=', c.world.enterprises[0].id)
    .executeTakeFirstOrThrow();
  return { campaignId: id, targetId: String(t.id), version: t.version, enterpriseVersion: t.ev };
}

export const SURVEY_MATRIX_ROWS: Array<Row & { public?: boolean }> = [
  { route: 'GET /api/s/:token', public: true, request: () => ({ url: `/api/s/${FORGED}` }), expect: { hidden: EVERYONE } },
  { route: 'POST /api/s/:token', public: true, request: () => ({ url: `/api/s/${FORGED}`, payload: { values: {} } }), expect: { hidden: EVERYONE } },
  { route: 'GET /api/surveys', request: () => ({ url: '/api/surveys' }), expect: { ok: READERS } },
  {
    route: 'POST /api/surveys',
    request: () => ({ url: '/api/surveys', payload: { name: `矩阵新建排查${++made}`, closesOn: '2099-12-31', filter: { regionPrefix: TOWNSHIPS[0] }, fields: [{ key: 'note', label: '备注', type: 'text' }] } }),
    expect: { ok: ['sys', 'orgA'] },
  },
  { route: 'GET /api/surveys/:id', request: async (c) => ({ url: `/api/surveys/${await campaign(c)}` }), expect: SEEN },
  {
    route: 'POST /api/surveys/:id/close', request: async (c) => ({ url: `/api/surveys/${await newCampaign(c)}/close`, payload: { version: 1 } }),
    expect: { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi'] },
  },
  { route: 'GET /api/surveys/:id/progress', request: async (c) => ({ url: `/api/surveys/${await campaign(c)}/progress` }), expect: SEEN },
  { route: 'GET /api/surveys/:id/targets', request: async (c) => ({ url: `/api/surveys/${await campaign(c)}/targets` }), expect: SEEN },
  { route: 'GET /api/surveys/:id/targets.xlsx', request: async (c) => ({ url: `/api/surveys/${await campaign(c)}/targets.xlsx` }), expect: SEEN },
  {
    route: 'POST /api/surveys/:id/accept', request: async (c) => { const t = await target(c); return { url: `/api/surveys/${t.campaignId}/accept`, payload: { targetIds: [t.targetId] } }; },
    expect: { ok: READERS },
  },
  { route: 'GET /api/surveys/:id/targets/:targetId', request: async (c) => { const t = await target(c); return { url: `/api/surveys/${t.campaignId}/targets/${t.targetId}` }; }, expect: SEEN },
  {
    route: 'POST /api/surveys/:id/targets/:targetId/decide',
    request: async (c) => {
      const t = await target(c);
      return { url: `/api/surveys/${t.campaignId}/targets/${t.targetId}/decide`, payload: { version: t.version, enterpriseVersion: t.enterpriseVersion, accept: [], reject: [] } };
    },
    expect: SEEN,
  },
  {
    route: 'POST /api/surveys/:id/targets/:targetId/revoke',
    request: async (c) => { const t = await target(c); return { url: `/api/surveys/${t.campaignId}/targets/${t.targetId}/revoke`, payload: { version: t.version } }; },
    expect: SEEN,
  },
  {
    route: 'POST /api/surveys/:id/targets/:targetId/renew',
    request: async (c) => { const t = await target(c); return { url: `/api/surveys/${t.campaignId}/targets/${t.targetId}/renew`, payload: { version: t.version } }; },
    expect: SEEN,
  },
  {
    route: 'POST /api/enterprises/:id/corrections',
    request: async (c) => {
      const e = await c.database.db.selectFrom('enterprise').select('version').where('id', '=', c.world.enterprises[0].id).executeTakeFirstOrThrow();
      return { url: `/api/enterprises/${c.world.enterprises[0].id}/corrections`, payload: { version: e.version, reason: '矩阵核实', values: { memberCount: 1000 + c.n } } };
    },
    expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'multi'] },
  },
];
