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
  // The street or district reviews what an organisation reports (年度党建工作报告) and marks appraisals
  // (述职评议、考核): not the organisation's own secretary, who writes the report.
  'org.review',
  'union.read',
  'union.manage',
  'instructor.read',
  'instructor.manage',
  'coverage.read',
  'report.generate',
  // How a region's bulletins are issued (文号代字, 发文机关, 抄送, 印发): the organisation department's.
  'report.configure',
  // Campaign targets (工作目标) for an area: set by that area's office, read by everyone under it.
  'target.manage',
  // Re-run the rule engine into the work inbox (刷新待办): the district's organisation department.
  'task.refresh',
  // Design 排查摸底 survey campaigns and send their links (docs/surveys.md): the district's organisation
  // department. Accepting answers into the ledger is 修改企业台账 over the enterprise's own place.
  'survey.manage',
  // Write notices (通知公告) to the organisations of one's district or street: the office's, not a secretary's.
  'notice.publish',
  // An instructor logs their own visits (实地走访) to the enterprises assigned to them, from the phone.
  'visit.log',
  // Decide a level of an approval (审批, docs/approvals.md) — the level's role over the record's own place decides.
  'approval.decide',
  // A signed-in Party member declares themself (亮身份) at the enterprise they work in.
  'member.declare',
  // Publish study materials (学习): a district or street office for its area, a secretary for their own
  // organisation's members. Reading needs no action: any signed-in person reads what is in their scope.
  'study.publish',
  // Only the system administrator: settings, keys, audit-chain verification — never delegable.
  'system.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Actions a holder can only use on their own person (亮身份 about oneself). A user administrator need
 * not hold them to grant them — an organisation department hands out 党员 accounts without being a
 * member who declares — but the grant's scope must still lie inside the administrator's own
 * (src/core/access/grant.ts).
 */
export const SELF_ACTIONS: readonly Action[] = ['member.declare', 'visit.log'];

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
    'audit.read', 'pii.view', 'org.manage', 'org.review', 'union.manage', 'instructor.manage', 'report.generate', 'target.manage',
    'report.configure', 'task.refresh', 'survey.manage', 'approval.decide', 'notice.publish', 'study.publish'],
  township_officer: [...READ_LEDGER, 'enterprise.update', 'enterprise.import', 'enterprise.place', 'org.manage', 'org.review',
    'instructor.manage', 'report.generate', 'target.manage', 'notice.publish', 'study.publish', 'approval.decide'],
  community_officer: [...READ_LEDGER, 'enterprise.update', 'enterprise.place', 'approval.decide'],
  park_officer: [...READ_LEDGER, 'enterprise.update'],
  association_officer: [...READ_LEDGER, 'enterprise.update'],
  branch_secretary: ['region.read', 'enterprise.read', 'org.read', 'org.manage', 'coverage.read', 'study.publish'],
  instructor: ['region.read', 'enterprise.read', 'org.read', 'instructor.read', 'visit.log'],
  union_officer: ['region.read', 'enterprise.read', 'union.read', 'union.manage'],
  member: ['region.read', 'member.declare'],
};

/** Roles whose holders must enrol a TOTP second factor (when LX_REQUIRE_TOTP_FOR_ADMINS is on). */
export const TOTP_MANDATORY_ROLES: readonly Role[] = ['system_admin', 'org_admin'];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** What a person is told they lack when a whole capability (menu) is missing: 403 FORBIDDEN. */
export const ACTION_LABEL: Record<Action, string> = {
  'region.read': '查看行政区划',
  'enterprise.read': '查看企业台账',
  'enterprise.update': '修改企业台账',
  'enterprise.import': '导入企业台账',
  'enterprise.export': '导出企业台账',
  'enterprise.place': '认定企业属地',
  'user.read': '查看用户',
  'user.manage': '管理用户和角色',
  'audit.read': '查看审计和登录日志',
  'pii.view': '查看个人敏感信息',
  'org.read': '查看党组织',
  'org.manage': '管理党组织',
  'org.review': '审核年度报告和述职评议',
  'union.read': '查看工会',
  'union.manage': '管理工会',
  'instructor.read': '查看党建指导员',
  'instructor.manage': '管理党建指导员',
  'coverage.read': '查看覆盖情况',
  'report.generate': '生成报表',
  'report.configure': '设置通报发文字号和发文机关',
  'target.manage': '设定工作目标',
  'task.refresh': '刷新待办事项',
  'survey.manage': '组织排查摸底',
  'notice.publish': '发布通知公告',
  'visit.log': '登记本人实地走访',
  'approval.decide': '审批',
  'member.declare': '党员亮身份申报',
  'study.publish': '发布学习资料',
  'system.manage': '系统管理',
};

export const roleAllows = (role: string, action: Action): boolean =>
  (ROLE_ACTIONS as Record<string, readonly Action[] | undefined>)[role]?.includes(action) ?? false;
