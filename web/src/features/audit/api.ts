import { apiGet, withQuery } from '../../api/client';

export type AuditFilters = { from?: string; to?: string; actor?: string; action?: string; entity?: string; entityId?: string };

// The server's own types, imported as types only (nothing of the server enters the bundle).
export type { AuditEntry, AuditPage } from '../../../../src/core/audit/audit.query.service';
export type { AuditProblem, AuditVerifyResult } from '../../../../src/core/audit/audit-verify';
import type { AuditPage } from '../../../../src/core/audit/audit.query.service';
import type { AuditProblem, AuditVerifyResult } from '../../../../src/core/audit/audit-verify';

export const listAudit = (f: AuditFilters, cursor?: string | null): Promise<AuditPage> =>
  apiGet<AuditPage>('/api/audit', { ...f, cursor: cursor ?? undefined, limit: 100 });

export const auditExportUrl = (f: AuditFilters): string => withQuery('/api/audit/export.xlsx', f);

export const verifyAudit = (): Promise<AuditVerifyResult> => apiGet<AuditVerifyResult>('/api/audit/verify');

export const PROBLEM_LABEL: Record<AuditProblem['kind'], string> = {
  altered: '被修改', inserted: '被插入', deleted: '被删除', truncated: '被截断', checkpoint: '校验点无效',
};
