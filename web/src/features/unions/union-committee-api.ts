import { apiGet, download } from '../../api/client';
import type { CommitteeView } from '../../../../src/contracts/union-committee';
import type { CongressView } from '../../../../src/contracts/union-congress';

/** Union committee and 职代会 (docs/unions.md "委员会与换届选举", "职工代表大会"). */
export type { CommitteeView, CongressView };
export const getCommittee = (unionId: string) => apiGet<CommitteeView>(`/api/unions/${unionId}/committee`);
export const getCongress = (unionId: string) => apiGet<CongressView>(`/api/unions/${unionId}/congress`);
export const exportCommittee = (unionId: string) => download(`/api/unions/${unionId}/committee/export.xlsx`, '工会委员名单.xlsx');
export const exportCongress = (unionId: string) => download(`/api/unions/${unionId}/congress/export.xlsx`, '职代会记录.xlsx');
