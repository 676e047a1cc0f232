import { apiGet, apiPatch, apiPost, download } from '../../api/client';
import type { CommitteeSeat, CommitteeView, ElectionAdd, ElectionResult, SeatAdd, SeatEnd, SeatUpdate } from '../../../../src/contracts/union-committee';
import type { CongressSession, CongressUpdate, CongressView, Resolution, ResolutionAdd } from '../../../../src/contracts/union-congress';

/** Union committee and 职代会 (docs/unions.md "委员会与换届选举", "职工代表大会"). */
export type { CommitteeSeat, CommitteeView, CongressSession, CongressView };
const union = (id: string) => `/api/unions/${encodeURIComponent(id)}`;
const seat = (id: string) => `/api/union-committee-seats/${encodeURIComponent(id)}`;
const congress = (id: string) => `/api/union-congresses/${encodeURIComponent(id)}`;

export const getCommittee = (unionId: string) => apiGet<CommitteeView>(`${union(unionId)}/committee`);
export const getCongress = (unionId: string) => apiGet<CongressView>(`${union(unionId)}/congress`);
export const exportCommittee = (unionId: string) => download(`${union(unionId)}/committee/export.xlsx`, '工会委员名单.xlsx');
export const exportCongress = (unionId: string) => download(`${union(unionId)}/congress/export.xlsx`, '职代会记录.xlsx');

export const recordElection = (unionId: string, body: ElectionAdd) => apiPost<ElectionResult>(`${union(unionId)}/elections`, body);
export const addSeat = (unionId: string, body: SeatAdd) => apiPost<CommitteeSeat>(`${union(unionId)}/committee/seats`, body);
export const updateSeat = (seatId: string, body: SeatUpdate) => apiPatch<CommitteeSeat>(seat(seatId), body);
export const endSeat = (seatId: string, body: SeatEnd) => apiPost<CommitteeSeat>(`${seat(seatId)}/end`, body);
export const updateCongress = (congressId: string, body: CongressUpdate) => apiPatch<CongressSession>(congress(congressId), body);
export const addResolution = (congressId: string, body: ResolutionAdd) => apiPost<Resolution>(`${congress(congressId)}/resolutions`, body);
