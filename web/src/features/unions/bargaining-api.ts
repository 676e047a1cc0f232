import { apiGet, apiPost, download, withQuery } from '../../api/client';
import type {
  BargainingBoard, BargainingRound, BargainingRoundCreate, BargainingRounds, BargainingStep, UnionBargaining,
} from '../../../../src/contracts/bargaining';
import type { BargainingStage } from '../../../../src/domain/rules/bargaining';

/** 集体协商 (docs/unions.md "集体协商"): a union's rounds and steps, the district board and its drill-down. */
export type { BargainingBoard, BargainingRound, BargainingRounds, UnionBargaining };
export type RoundsPick = { regionPrefix?: string; stage?: BargainingStage; title: string };

export const getUnionBargaining = (unionId: string) => apiGet<UnionBargaining>(`/api/unions/${encodeURIComponent(unionId)}/bargaining`);
export const createRound = (unionId: string, body: BargainingRoundCreate) => apiPost<BargainingRound>(`/api/unions/${encodeURIComponent(unionId)}/bargaining`, body);
export const recordStep = (roundId: string, body: BargainingStep) => apiPost<BargainingRound>(`/api/bargaining/rounds/${encodeURIComponent(roundId)}/steps`, body);
export const getBoard = (regionPrefix?: string) => apiGet<BargainingBoard>('/api/bargaining/board', { regionPrefix });
export const downloadBoard = (regionPrefix: string | undefined, title: string) => download(withQuery('/api/bargaining/board/export.xlsx', { regionPrefix }), `${title}.xlsx`);
export const getRounds = (p: RoundsPick, offset = 0) => apiGet<BargainingRounds>('/api/bargaining/rounds', { regionPrefix: p.regionPrefix, stage: p.stage, offset, limit: 50 });
export const downloadRounds = (p: RoundsPick) =>
  download(withQuery('/api/bargaining/rounds/export.xlsx', { regionPrefix: p.regionPrefix, stage: p.stage }), `${p.title.replace(/[\\/:*?"<>|]/g, '-')}.xlsx`);
