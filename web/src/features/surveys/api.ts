import { apiGet, apiPost, withQuery } from '../../api/client';
import type {
  PublicSurvey, PublicSurveyAnswer, PublicSurveyResult, SurveyBulkResult, SurveyCampaign, SurveyCampaignPage, SurveyCreate, SurveyDecide,
  SurveyLink, SurveyProgress, SurveyTargetDetail, SurveyTargetPage,
} from '../../../../src/contracts/survey';

export type TargetFilter = { street?: string; state?: 'sent' | 'answered' | 'reviewed' };

export const listSurveys = () => apiGet<SurveyCampaignPage>('/api/surveys');
export const getSurvey = (id: string) => apiGet<SurveyCampaign>(`/api/surveys/${id}`);
export const createSurvey = (body: SurveyCreate) => apiPost<SurveyCampaign>('/api/surveys', body);
export const closeSurvey = (id: string, version: number) => apiPost<SurveyCampaign>(`/api/surveys/${id}/close`, { version });
export const getProgress = (id: string) => apiGet<SurveyProgress>(`/api/surveys/${id}/progress`);
export const listTargets = (id: string, f: TargetFilter, cursor?: string | null) =>
  apiGet<SurveyTargetPage>(`/api/surveys/${id}/targets`, { ...f, cursor, limit: 100 });
export const targetsXlsx = (id: string, f: TargetFilter) => withQuery(`/api/surveys/${id}/targets.xlsx`, { ...f });
export const getTarget = (id: string, targetId: string) => apiGet<SurveyTargetDetail>(`/api/surveys/${id}/targets/${targetId}`);
export const decide = (id: string, targetId: string, body: SurveyDecide) => apiPost<SurveyTargetDetail>(`/api/surveys/${id}/targets/${targetId}/decide`, body);
export const acceptAll = (id: string, targetIds: string[]) => apiPost<SurveyBulkResult>(`/api/surveys/${id}/accept`, { targetIds });
export const changeLink = (id: string, targetId: string, how: 'revoke' | 'renew', version: number) =>
  apiPost<SurveyLink>(`/api/surveys/${id}/targets/${targetId}/${how}`, { version });

export const getPublicSurvey = (token: string) => apiGet<PublicSurvey>(`/api/s/${encodeURIComponent(token)}`);
export const answerSurvey = (token: string, body: PublicSurveyAnswer) => apiPost<PublicSurveyResult>(`/api/s/${encodeURIComponent(token)}`, body);
