import { apiGet, apiPatch, apiPost, withQuery, type Query } from '../../api/client';
import type { AcceptSuggestions, BulkPlace, BulkPlacementResult, PlacementQueue } from '../../../../src/contracts/placement-queue';
import type { EnterpriseDetail, EnterprisePage, ImportView, LedgerFilters, Named } from './types';

/** The queue's filters as they travel in the query string: a suggested township code or `none`, a name search. */
export type QueueFilters = { suggested?: string; q?: string };

const asQuery = (filters: LedgerFilters): Query => ({ ...filters });

export const listEnterprises = (filters: LedgerFilters, cursor?: string | null, limit = 50) =>
  apiGet<EnterprisePage>('/api/enterprises', { ...asQuery(filters), cursor, limit });

export const getEnterprise = (id: string) => apiGet<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(id)}`);

export const exportUrl = (filters: LedgerFilters) => withQuery('/api/enterprises/export.xlsx', asQuery(filters));
export const TEMPLATE_URL = '/api/enterprises/template.xlsx';

export const listPlacementQueue = (filters: QueueFilters, cursor?: string | null, limit = 50) =>
  apiGet<PlacementQueue>('/api/placement-queue', { ...filters, cursor, limit });
export const queueExportUrl = (filters: QueueFilters) => withQuery('/api/placement-queue/export.xlsx', { ...filters });
/** Bulk decisions answer with one result per row (placed, or why not); see docs/regions.md. */
export const acceptSuggestions = (body: AcceptSuggestions) => apiPost<BulkPlacementResult>('/api/placement-queue/accept', body);
export const placeMany = (body: BulkPlace) => apiPost<BulkPlacementResult>('/api/placement-queue/place', body);

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
