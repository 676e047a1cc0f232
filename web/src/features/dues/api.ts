import { apiGet, apiPost, uploadForm, withQuery } from '../../api/client';
import type { DuesImportResult, DuesLedgerPage, DuesLedgerRow, DuesMonthQuery, DuesPaymentInput, DuesStatement } from '../../../../src/contracts/dues';

export const listDuesLedger = (f: DuesMonthQuery, cursor?: string | null, limit = 50) => apiGet<DuesLedgerPage>('/api/dues/ledger', { ...f, cursor, limit });
export const duesExportUrl = (f: DuesMonthQuery) => withQuery('/api/dues/ledger/export.xlsx', f);
export const computeDues = (month: string, orgId?: string) => apiPost<{ month: string; rows: number; orgs: number }>('/api/dues/months/compute', { month, orgId });
export const recordPayment = (ledgerId: string, body: DuesPaymentInput) => apiPost<DuesLedgerRow>(`/api/dues/ledger/${encodeURIComponent(ledgerId)}/payments`, body);
export const getMyDues = (year: number) => apiGet<DuesStatement>('/api/me/dues', { year });
export function importDuesFile(file: File, dryRun: boolean): Promise<DuesImportResult> {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  form.append('file', file);
  return uploadForm<DuesImportResult>('/api/dues/imports', form, () => {});
}
