import { apiGet, apiPost, apiPut, download, uploadForm, withQuery } from '../../api/client';
import type {
  DuesImportResult, DuesLedgerPage, DuesLedgerRow, DuesMonthQuery, DuesPaymentInput, DuesReductionApprove, DuesReductionInput, DuesReductionList,
  DuesReductionRow, DuesSettingsInput, DuesSettingsView, DuesStatement,
} from '../../../../src/contracts/dues';

export const listDuesLedger = (f: DuesMonthQuery, cursor?: string | null, limit = 50) => apiGet<DuesLedgerPage>('/api/dues/ledger', { ...f, cursor, limit });
export const duesExportUrl = (f: DuesMonthQuery) => withQuery('/api/dues/ledger/export.xlsx', f);
export const computeDues = (month: string, orgId?: string) => apiPost<{ month: string; rows: number; orgs: number }>('/api/dues/months/compute', { month, orgId });
export const closeDuesMonth = (month: string, orgId: string) => apiPost<{ status: 'closed' }>('/api/dues/months/close', { month, orgId });
export const reopenDuesMonth = (month: string, orgId: string, reason: string) => apiPost<{ status: 'open' }>('/api/dues/months/reopen', { month, orgId, reason });
export const withdrawReduction = (id: string, reason: string) =>
  apiPost<{ reduction: DuesReductionRow; recomputed: number }>(`/api/dues/reductions/${encodeURIComponent(id)}/withdraw`, { reason });
export const recordPayment = (ledgerId: string, body: DuesPaymentInput) => apiPost<DuesLedgerRow>(`/api/dues/ledger/${encodeURIComponent(ledgerId)}/payments`, body);
export const getMyDues = (year: number) => apiGet<DuesStatement>('/api/me/dues', { year });
export const listReductions = (memberId: string) => apiGet<DuesReductionList>(`/api/dues/members/${encodeURIComponent(memberId)}/reductions`);
export const addReduction = (memberId: string, body: DuesReductionInput) => apiPost<{ id: string; recomputed: number }>(`/api/dues/members/${encodeURIComponent(memberId)}/reductions`, body);
export const approveReduction = (id: string, body: DuesReductionApprove) =>
  apiPost<{ reduction: DuesReductionRow; recomputed: number }>(`/api/dues/reductions/${encodeURIComponent(id)}/approve`, body);
export const getDuesSettings = () => apiGet<DuesSettingsView>('/api/dues/settings');
export const saveDuesSettings = (body: DuesSettingsInput) => apiPut<DuesSettingsView>('/api/dues/settings', body);

function fileForm(file: File, dryRun?: boolean): FormData {
  const form = new FormData();
  if (dryRun !== undefined) form.append('dryRun', String(dryRun)); // fields before the file: the server reads the stream in order
  form.append('file', file, file.name);
  return form;
}
export const importDuesFile = (file: File, dryRun: boolean): Promise<DuesImportResult> => uploadForm<DuesImportResult>('/api/dues/imports', fileForm(file, dryRun), () => {});
/** The rejected rows of the file with their reasons (the file is checked again; nothing is written). */
export const downloadDuesErrorReport = (file: File) => download('/api/dues/imports/errors.xlsx', '党费缴纳文件错误行.xlsx', fileForm(file));
