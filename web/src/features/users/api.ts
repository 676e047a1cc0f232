import { apiDelete, apiGet, apiPatch, apiPost } from '../../api/client';
import type { GrantInput, UserList, UserView } from '../../../../src/contracts/user';

export type { GrantInput, UserView };
export type SignInLogItem = { id: string; at: string; username: string; userId: string | null; success: boolean; reason: string; ip: string | null; userAgent: string | null };

export const listUsers = (q: string, cursor?: string | null): Promise<UserList> =>
  apiGet<UserList>('/api/users', { q: q || undefined, cursor: cursor ?? undefined, limit: 100 });
export const createUser = (body: { username: string; displayName: string; password: string; roles: GrantInput[] }) =>
  apiPost<UserView>('/api/users', body);
export const setDisabled = (u: UserView, disabled: boolean) => apiPatch<UserView>(`/api/users/${u.id}`, { disabled, version: u.version });
export const resetPassword = (id: string, password: string, resetTotp: boolean) =>
  apiPost<UserView>(`/api/users/${id}/reset-password`, { password, resetTotp });
export const grantRole = (id: string, grant: GrantInput) => apiPost<UserView>(`/api/users/${id}/roles`, grant);
export const revokeRole = (id: string, roleId: string) => apiDelete<UserView>(`/api/users/${id}/roles/${roleId}`);
export const listSignIns = (username: string, cursor?: string | null) =>
  apiGet<{ items: SignInLogItem[]; nextCursor: string | null }>('/api/sign-in-log', { username: username || undefined, cursor: cursor ?? undefined });

export const REASON_LABEL: Record<string, string> = {
  ok: '成功', bad_credentials: '用户名或密码错误', locked: '账号锁定中', disabled: '账号已停用', totp_required: '需动态验证码', totp_invalid: '动态验证码错误',
};
