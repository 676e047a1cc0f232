import { api, NO_REGION, REGION, type Probe } from './walk.js';

/** Campaign targets (工作目标): every constraint of campaign_target driven through POST/PATCH. */
export const CAMPAIGN_FIXTURE = { region: REGION, metric: 'twoCoverage', targetRate: 90, deadline: '2030-06-30', title: '约束目标' };

const create = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/campaign-targets', { ...CAMPAIGN_FIXTURE, deadline: '2031-01-01', ...body }));
const patch = (body: Record<string, unknown>) => api(async (w) => {
  const t = await w.database.db.selectFrom('campaign_target').select(['id', 'version']).where('title', '=', CAMPAIGN_FIXTURE.title).executeTakeFirstOrThrow();
  return w.api('PATCH', `/api/campaign-targets/${t.id}`, { version: t.version, ...body });
});

export const CAMPAIGN_PROBES: Record<string, Probe | Probe[]> = {
  campaign_target_region_code_fkey: create({ region: NO_REGION }),
  campaign_target_metric_check: create({ metric: 'hasCanteen' }),
  campaign_target_target_rate_check: [create({ targetRate: 100.5 }), create({ targetRate: -1 }), patch({ targetRate: 101 })],
  campaign_target_title_check: [create({ title: '' }), create({ title: '目'.repeat(101) }), patch({ title: ' ' })],
  campaign_target_note_check: [create({ note: '说'.repeat(501) }), patch({ note: '说'.repeat(501) })],
  // The same area, metric and deadline as the walk's fixture target.
  campaign_target_active_key: create({ deadline: CAMPAIGN_FIXTURE.deadline }),
  'campaign_target.region_code': create({ region: undefined }),
  'campaign_target.metric': create({ metric: undefined }),
  'campaign_target.target_rate': [create({ targetRate: undefined }), patch({ targetRate: null })],
  'campaign_target.deadline': [create({ deadline: undefined }), patch({ deadline: null })],
  'campaign_target.title': [create({ title: null }), patch({ title: null })],
};

/** Constraints of campaign_target no input reaches. */
export const CAMPAIGN_SKIPPED: Record<string, string> = {
  campaign_target_status_check: 'status is set only by withdraw, to the literal \'withdrawn\'; no input carries it',
  campaign_target_set_by_fkey: 'the signed-in account that sets the target, never from input',
};
