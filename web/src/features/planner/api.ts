import { apiGet, apiPost } from '../../api/client';
import type { PartyOrg } from '../../../../src/contracts/party-org';
import type { ApplyProposalDto, PlannerResultDto } from '../../../../src/contracts/planner';

export const getProposals = (regionPrefix: string) => apiGet<PlannerResultDto>('/api/planner/joint-branches', { regionPrefix });
export const applyProposal = (body: ApplyProposalDto) => apiPost<PartyOrg>('/api/planner/joint-branches/apply', body);
