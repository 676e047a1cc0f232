import { apiGet, download, withQuery } from '../../api/client';
import type { DrillPage, FiguresResult, TrendResult } from '../../../../src/contracts/coverage-metrics';

/** The coverage API (src/contracts/coverage-metrics.ts): figures, drill-down lists, trends, bulletin. */
export type { DrillPage, FiguresResult, TrendResult };
export type Node = { regionPrefix?: string; month?: string };

export const getFigures = (n: Node, groupBy: string): Promise<FiguresResult> => apiGet('/api/coverage/figures', { ...n, groupBy });
export const getTrend = (n: Node): Promise<TrendResult> => apiGet('/api/coverage/trend', { regionPrefix: n.regionPrefix, months: 12 });
export const getDrill = (n: Node, metric: string, part: string, cursor?: string): Promise<DrillPage> =>
  apiGet('/api/coverage/drill', { ...n, metric, part, cursor, limit: 50 });
export const downloadBulletin = (region: string, month: string, format: 'pdf' | 'docx' | 'xlsx') =>
  download(withQuery('/api/reports/bulletin', { region, month, format }), `通报-${month}.${format}`);
