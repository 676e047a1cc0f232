import { apiGet, apiPatch, withQuery, type Query } from '../../api/client';
import type { EnterpriseDetail, EnterprisePage, ImportView, LedgerFilters, Named } from './types';

const asQuery = (filters: LedgerFilters): Query => ({ ...filters });

export const listEnterprises = (filters: LedgerFilters, cursor?: string | null, limit = 50) =>
  apiGet<EnterprisePage>('/api/enterprises', { ...asQuery(filters), cursor, limit });

export const getEnterprise = (id: string) => apiGet<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(id)}`);

export const exportUrl = (filters: LedgerFilters) => withQuery('/api/enterprises/export.xlsx', asQuery(filters));
export const TEMPLATE_URL = '/api/enterprises/template.xlsx';

export const listPlacementQueue = (cursor?: string | null, limit = 50) =>
  apiGet<EnterprisePage>('/api/placement-queue', { cursor, limit });

/** Sends the version the officer's row was read at: a placement made meanwhile is a 409, not overwritten. */
export const setPlacement = (id: string, regionCode: string, version: number) =>
  apiPatch<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(id)}/placement`, { regionCode, version });

/** Lists may come bare or wrapped in {items}; both are accepted. */
const itemsOf = <T>(answer: T[] | { items: T[] }): T[] => (Array.isArray(answer) ? answer : answer.items);

export const listParks = async () => itemsOf(await apiGet<Named[] | { items: Named[] }>('/api/parks'));
export const listAssociations = async () => itemsOf(await apiGet<Named[] | { items: Named[] }>('/api/associations'));

export const getImport = (id: string) => apiGet<ImportView>(`/api/imports/${encodeURIComponent(id)}`);
export const listImports = async () => itemsOf(await apiGet<ImportView[] | { items: ImportView[] }>('/api/imports'));
export const errorReportUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/errors.xlsx`;
