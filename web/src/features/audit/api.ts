import { apiGet, withQuery } from '../../api/client';

export type AuditFilters = { from?: string; to?: string; actor?: string; action?: string; entity?: string; entityId?: string };

export type AuditEntry = {
  seq: string;
  at: string;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};
export type AuditPage = { items: AuditEntry[]; nextCursor: string | null };

export type AuditProblem = { seq: string; kind: 'altered' | 'inserted' | 'deleted' | 'truncated' | 'checkpoint'; message: string };
export type AuditVerifyResult = {
  ok: boolean;
  checked: number;
  firstSeq: string | null;
  lastSeq: string | null;
  lastHash: string | null;
  checkpointsAuthenticated: boolean;
  problems: AuditProblem[];
};

export const listAudit = (f: AuditFilters, cursor?: string | null): Promise<AuditPage> =>
  apiGet<AuditPage>('/api/audit', { ...f, cursor: cursor ?? undefined, limit: 100 });

export const auditExportUrl = (f: AuditFilters): string => withQuery('/api/audit/export.xlsx', f);

export const verifyAudit = (): Promise<AuditVerifyResult> => apiGet<AuditVerifyResult>('/api/audit/verify');

export const PROBLEM_LABEL: Record<AuditProblem['kind'], string> = {
  altered: '被修改', inserted: '被插入', deleted: '被删除', truncated: '被截断', checkpoint: '校验点无效',
};
