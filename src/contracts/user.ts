import { z } from 'zod';
import { RegionPrefix } from './region.js';
import { ROLES } from '../domain/permissions.js';
import { PASSWORD_MAX_LENGTH } from '../domain/password-policy.js';

const IdText = z.string().regex(/^[1-9]\d{0,17}$/, '应为数字编号');
const IdList = z.array(IdText).max(500).default([]);

/** A role plus its scope: a union of region-code prefixes, parks, associations, party-org subtrees (roots) and enterprises. */
export const GrantInput = z.object({
  role: z.enum(ROLES),
  allRegions: z.boolean().default(false),
  regionPrefixes: z.array(RegionPrefix).max(200).default([]),
  parkIds: IdList,
  associationIds: IdList,
  partyOrgIds: IdList,
  enterpriseIds: IdList,
}).strict();
export type GrantInput = z.infer<typeof GrantInput>;

export const Username = z.string().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、_ . -');
const Password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(50),
  password: Password,
  roles: z.array(GrantInput).min(1).max(20),
}).strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  disabled: z.boolean().optional(),
  version: z.number().int().min(1),
}).strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.object({ password: Password, resetTotp: z.boolean().default(false) }).strict();
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const UserListQuery = z.object({
  q: z.string().max(64).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.enum(['true', 'false']).optional(),
  cursor: IdText.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserIdParams = z.object({ id: IdText }).strict();
export const UserRoleParams = z.object({ id: IdText, roleId: IdText }).strict();

export const RoleView = z.object({
  id: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  allRegions: z.boolean(),
  regionPrefixes: z.array(z.string()),
  /** Each region by its full name (广东省 › 深圳市 › 南山区), in the order of regionPrefixes. */
  regionNames: z.array(z.string()),
  parkIds: z.array(z.string()),
  associationIds: z.array(z.string()),
  partyOrgIds: z.array(z.string()),
  enterpriseIds: z.array(z.string()),
  grantedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type RoleView = z.infer<typeof RoleView>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  roles: z.array(RoleView),
});
export type UserView = z.infer<typeof UserView>;

export const UserList = z.object({ items: z.array(UserView), nextCursor: z.string().nullable(), total: z.number() });
export type UserList = z.infer<typeof UserList>;
