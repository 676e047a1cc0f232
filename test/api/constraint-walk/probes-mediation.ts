import type { Probe, Walk } from './walk.js';

/** Constraints of the mediation tables (issue 16), driven through the API; filled in by the module's owner. */
export const MEDIATION_FIXTURE = async (_w: Omit<Walk, 'f'>, _unionId: string, _enterpriseId: string): Promise<void> => {};
export const MEDIATION_PROBES: Record<string, Probe | Probe[]> = {};
export const MEDIATION_SKIPPED: Record<string, string> = {};
