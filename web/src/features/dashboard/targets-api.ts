import { apiGet, apiPatch, apiPost, download, withQuery } from '../../api/client';
import type {
  CampaignTarget, CampaignTargetCreate, CampaignTargetList, CampaignTargetUpdate, CampaignTargetWithdraw,
} from '../../../../src/contracts/campaign';

/** The campaign-target API (src/contracts/campaign.ts): targets that apply to an area, with progress. */
export type { CampaignTarget, CampaignTargetList };

export const getTargets = (region: string, month?: string): Promise<CampaignTargetList> =>
  apiGet('/api/campaign-targets', { region, month });
export const createTarget = (body: CampaignTargetCreate): Promise<CampaignTarget> => apiPost('/api/campaign-targets', body);
export const updateTarget = (id: string, body: CampaignTargetUpdate): Promise<CampaignTarget> => apiPatch(`/api/campaign-targets/${id}`, body);
export const withdrawTarget = (id: string, body: CampaignTargetWithdraw): Promise<CampaignTarget> => apiPost(`/api/campaign-targets/${id}/withdraw`, body);
export const downloadTargets = (region: string, month: string | undefined, name: string) =>
  download(withQuery('/api/campaign-targets.xlsx', { region, month }), `${name}工作目标进展.xlsx`);
