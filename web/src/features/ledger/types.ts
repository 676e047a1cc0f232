import type { z } from 'zod';
import type {
  EnterpriseDetail as Detail,
  EnterpriseList,
  EnterpriseListItem as ListItem,
  EnterpriseListQuery,
  ImportBatch,
  ImportResult as Result,
  NamedEntity,
  RowErrorOut,
  ImportStatusSchema,
} from '../../../../src/contracts/enterprise';

/** The ledger API's shapes come from the server's Zod contract (src/contracts/enterprise.ts). */
export type EnterpriseListItem = ListItem & { address?: string | null };
export type EnterprisePage = Omit<EnterpriseList, 'items'> & { items: EnterpriseListItem[] };
export type EnterpriseDetail = Detail;
export type HistoryEntry = Detail['history'][number];
export type Named = NamedEntity;
export type ImportView = ImportBatch;
export type ImportResult = Result;
export type ImportRowError = RowErrorOut;
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

/** List filters as they travel in the query string (all text). */
export type LedgerFilters = {
  regionPrefix?: string;
  parkId?: string;
  associationId?: string;
  sizeClass?: EnterpriseListQuery['sizeClass'];
  aboveDesignatedSize?: 'true' | 'false';
  operatingStatus?: EnterpriseListQuery['operatingStatus'];
  placement?: EnterpriseListQuery['placement'];
  q?: string;
  sort?: EnterpriseListQuery['sort'];
  order?: EnterpriseListQuery['order'];
};
