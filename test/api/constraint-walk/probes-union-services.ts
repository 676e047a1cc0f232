import type { Probe, Walk } from './walk.js';

/** Constraints of the union-services tables (issue 16), driven through the API; filled in by the module's owner. */
export const UNION_SERVICES_FIXTURE = async (_w: Omit<Walk, 'f'>, _unionId: string, _enterpriseId: string): Promise<void> => {};
export const UNION_SERVICES_PROBES: Record<string, Probe | Probe[]> = {};
export const UNION_SERVICES_SKIPPED: Record<string, string> = {};
