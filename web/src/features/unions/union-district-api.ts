import { apiGet, download, withQuery } from '../../api/client';
import type { FundsLinesPage, FundsRollup, HardshipPage } from '../../../../src/contracts/union-services';
import type { HardshipRollup } from '../../../../src/contracts/union-services-district';
import type { FundsStatus, HardshipLevel, HardshipStatus } from '../../../../src/domain/union-services';

/** The district pages 困难职工帮扶 and 工会经费 (docs/unions.md "工会服务"): roll-ups and the rows behind each number. */
export type { FundsLinesPage, FundsRollup, HardshipPage, HardshipRollup };
const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '-');

export type FilesPick = { region?: string; level?: HardshipLevel; status?: HardshipStatus; overdue?: 'true'; paidYear?: number; title: string };
const filesQuery = (p: FilesPick) => ({ region: p.region, level: p.level, status: p.status, overdue: p.overdue, paidYear: p.paidYear });
export const getHardshipRollup = (region?: string) => apiGet<HardshipRollup>('/api/hardship/rollup', { region });
export const downloadHardshipRollup = (region: string | undefined, title: string) => download(withQuery('/api/hardship/rollup/export.xlsx', { region }), `${safe(title)}.xlsx`);
export const getFiles = (p: FilesPick, cursor?: string) => apiGet<HardshipPage>('/api/hardship', { ...filesQuery(p), cursor, limit: 50 });
export const downloadFiles = (p: FilesPick) => download(withQuery('/api/hardship/export.xlsx', filesQuery(p)), `${safe(p.title)}.xlsx`);

export type LinesPick = { year: number; month?: number; region?: string; status?: FundsStatus; title: string };
const linesQuery = (p: LinesPick) => ({ year: p.year, month: p.month, region: p.region, status: p.status });
export const getFundsRollup = (year: number, month?: number, region?: string) => apiGet<FundsRollup>('/api/union-funds/rollup', { year, month, region });
export const downloadFundsRollup = (year: number, month: number | undefined, region: string | undefined, title: string) =>
  download(withQuery('/api/union-funds/rollup/export.xlsx', { year, month, region }), `${safe(title)}.xlsx`);
export const getLines = (p: LinesPick, offset = 0) => apiGet<FundsLinesPage>('/api/union-funds/lines', { ...linesQuery(p), offset, limit: 50 });
export const downloadLines = (p: LinesPick) => download(withQuery('/api/union-funds/lines/export.xlsx', linesQuery(p)), `${safe(p.title)}.xlsx`);
