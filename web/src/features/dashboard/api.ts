import { apiGet, download, withQuery } from '../../api/client';
import type { DrillPage, FiguresResult, TrendResult } from '../../../../src/contracts/coverage-metrics';
import type { RegionDetailOut } from '../../../../src/contracts/region';

/** The coverage API (src/contracts/coverage-metrics.ts): figures, drill-down lists, trends, bulletin. */
export type { DrillPage, FiguresResult, TrendResult };
export type Node = { regionPrefix?: string; month?: string };

export const getFigures = (n: Node, groupBy: string): Promise<FiguresResult> => apiGet('/api/coverage/figures', { ...n, groupBy });
export const getTrend = (n: Node): Promise<TrendResult> => apiGet('/api/coverage/trend', { regionPrefix: n.regionPrefix, months: 12 });
export const getDrill = (n: Node, metric: string, part: string, cursor?: string): Promise<DrillPage> =>
  apiGet('/api/coverage/drill', { ...n, metric, part, cursor, limit: 50 });
/** The whole list behind a figure, exactly as shown (same node, metric and side). */
export const downloadDrill = (n: Node, metric: string, part: string, title: string) =>
  download(withQuery('/api/coverage/drill.xlsx', { ...n, metric, part }), `${title}.xlsx`);
export const downloadBulletin = (region: string, month: string, format: 'pdf' | 'docx' | 'xlsx') =>
  download(withQuery('/api/reports/bulletin', { region, month, format }), `通报-${month}.${format}`);
export const getRegion = (code: string): Promise<RegionDetailOut> => apiGet(`/api/regions/${code}`);
