import type { RoleView, UserView } from '../../contracts/user.js';
import { ROLE_LABEL, isRole } from '../../domain/permissions.js';
import type { RoleRow, findUser } from './user.repository.js';
import { grantOfRow } from '../auth/session.repository.js';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export const toRoleView = (r: RoleRow): RoleView => ({
  id: r.id,
  ...grantOfRow(r),
  roleLabel: isRole(r.role) ? ROLE_LABEL[r.role] : r.role,
  // filled in by the service, which names every region of a page in one query
  regionNames: [],
  grantedBy: r.granted_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Never carries the password hash or the TOTP secret: the row type has neither. */
export const toUserView = (u: UserRow, roles: RoleRow[], now = new Date()): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  disabled: u.disabled,
  mustChangePassword: u.must_change_password,
  totpEnabled: u.totp_enabled,
  lockedUntil: u.locked_until && u.locked_until.getTime() > now.getTime() ? u.locked_until.toISOString() : null,
  createdAt: new Date(u.created_at).toISOString(),
  version: u.version,
  roles: roles.filter((r) => r.user_id === u.id).map(toRoleView),
});
