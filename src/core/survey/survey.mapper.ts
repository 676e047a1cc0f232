import type { SurveyCampaign, SurveyTarget } from '../../contracts/survey.js';
import { SURVEY_TARGET_STATE_LABEL, type SurveyField } from '../../domain/survey.js';
import type { CampaignRow, TargetRow } from './survey.repository.js';

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toCampaign(r: CampaignRow, counts: SurveyCampaign['counts'], manageable: boolean): SurveyCampaign {
  return {
    id: String(r.id), name: r.name, intro: r.intro, regionPrefix: r.region_prefix, closesOn: String(r.closes_on).slice(0, 10),
    status: r.status, statusLabel: r.status === 'open' ? '填报中' : '已结束',
    fields: r.fields as SurveyField[], filter: (r.target_filter ?? {}) as Record<string, unknown>,
    counts, manageable, createdAt: iso(r.created_at), version: r.version,
  };
}

export function toTarget(r: TargetRow, url: string | null, actionable: boolean): SurveyTarget {
  return {
    id: String(r.id), campaignId: String(r.campaign_id), enterpriseId: String(r.enterprise_id), enterpriseName: r.enterprise_name,
    streetCode: r.street_code, streetName: r.street_name ?? null, state: r.state, stateLabel: SURVEY_TARGET_STATE_LABEL[r.state],
    answeredAt: r.answered_at ? iso(r.answered_at) : null, respondent: r.respondent, pending: Number(r.pending ?? 0),
    url, revoked: r.revoked_at !== null, actionable, version: r.version,
  };
}
