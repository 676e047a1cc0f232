/**
 * The permission model: roles (design.md) grant named actions; a grant pairs a role with a scope.
 * This table is the single source for what a role may do; the access layer (src/core/access)
 * is the only code that reads it. Add an action here before using it.
 */
export const ACTIONS = [
  'region.read',
  'enterprise.read',
  'enterprise.update',
  'enterprise.import',
  'enterprise.export',
  'enterprise.place',
  'user.read',
  'user.manage',
  'audit.read',
  'pii.view',
  'org.read',
  'org.manage',
  'union.read',
  'union.manage',
  'instructor.read',
  'instructor.manage',
  'coverage.read',
  'report.generate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLES = [
  'system_admin',
  'org_admin',
  'township_officer',
  'community_officer',
  'park_officer',
  'association_officer',
  'branch_secretary',
  'instructor',
  'union_officer',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  system_admin: '系统管理员',
  org_admin: '组织部（两新工委）管理员',
  township_officer: '街道（乡镇）工作人员',
  community_officer: '社区（村）工作人员',
  park_officer: '园区工作人员',
  association_officer: '行业协会（商会）工作人员',
  branch_secretary: '党组织书记',
  instructor: '党建指导员',
  union_officer: '工会工作人员',
  member: '党员',
};

const READ_LEDGER: Action[] = ['region.read', 'enterprise.read', 'enterprise.export', 'org.read', 'union.read', 'instructor.read', 'coverage.read'];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ACTIONS,
  org_admin: [...READ_LEDGER, 'enterprise.update', 'enterprise.import', 'enterprise.place', 'user.read', 'user.manage',
    'audit.read', 'pii.view', 'org.manage', 'union.manage', 'instructor.manage', 'report.generate'],
  township_officer: [...READ_LEDGER, 'enterprise.update', 'enterprise.import', 'enterprise.place', 'org.manage',
    'instructor.manage', 'report.generate'],
  community_officer: [...READ_LEDGER, 'enterprise.update', 'enterprise.place'],
  park_officer: [...READ_LEDGER, 'enterprise.update'],
  association_officer: [...READ_LEDGER, 'enterprise.update'],
  branch_secretary: ['region.read', 'enterprise.read', 'org.read', 'org.manage', 'coverage.read'],
  instructor: ['region.read', 'enterprise.read', 'org.read', 'instructor.read'],
  union_officer: ['region.read', 'enterprise.read', 'union.read', 'union.manage'],
  member: ['region.read'],
};

export const roleAllows = (role: string, action: Action): boolean =>
  (ROLE_ACTIONS as Record<string, readonly Action[] | undefined>)[role]?.includes(action) ?? false;
