import type { Role } from './permissions.js';

/**
 * The approval engine's vocabulary (docs/approvals.md): which workflow actions go through a
 * multi-level approval (审批) or filing (备案/预审), the levels a flow may name, and the platform's
 * default flow of each kind. Flows are data: a province, city or district setting replaces the
 * default for its area (the most specific wins, resolveFlow); the engine reads nothing else.
 */
export const APPROVAL_KINDS = [
  'recruitment.candidate', 'recruitment.admission', 'recruitment.confirm',
  'memberTransfer.out', 'org.setup', 'org.merger', 'org.dissolution', 'standards.review', 'member.declaration',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** The roles a level may name, lowest first: 社区 → 街道 → 区. */
export const LEVEL_ROLES = ['community_officer', 'township_officer', 'org_admin'] as const satisfies readonly Role[];
export type LevelRole = (typeof LEVEL_ROLES)[number];
export const LEVEL_LABEL: Record<LevelRole, string> = { community_officer: '社区', township_officer: '街道', org_admin: '区委组织部（两新工委）' };
export const isLevelRole = (r: string): r is LevelRole => (LEVEL_ROLES as readonly string[]).includes(r);

export type ApprovalKindEntry = {
  kind: ApprovalKind;
  /** What is being decided, as an official says it. */
  label: string;
  /** 审批 (approval), 备案 (filing) or 预审 (pre-review): the word the levels' buttons use. */
  mode: '审批' | '备案' | '预审';
  /** The basis, in Chinese, as people read it. */
  source: string;
  /** The platform default: the levels in order. */
  defaultLevels: readonly LevelRole[];
  /** Whether the workflow already submits this kind to the engine (others are configurable ahead). */
  wired: boolean;
  /**
   * The adapter applies the last level without the decider's own 管理党组织 (the engine's decision is
   * the authority), so any level may be the last — a 社区 too. Otherwise only 街道 or 区 may.
   */
  anyLastLevel?: boolean;
};

const PLATFORM = '本平台默认审批流程';

export const APPROVAL_KIND_CATALOGUE: Record<ApprovalKind, ApprovalKindEntry> = {
  'recruitment.candidate': {
    kind: 'recruitment.candidate', label: '列为发展对象', mode: '备案', wired: true, defaultLevels: ['township_officer'],
    source: '《中国共产党发展党员工作细则》：列为发展对象须经支部委员会讨论同意并报上级党委备案',
  },
  'recruitment.admission': {
    kind: 'recruitment.admission', label: '接收预备党员', mode: '审批', wired: true, defaultLevels: ['community_officer', 'township_officer', 'org_admin'],
    source: '《中国共产党章程》第五条：发展党员须经过支部大会通过和上级党组织批准',
  },
  'recruitment.confirm': {
    kind: 'recruitment.confirm', label: '预备党员转为正式党员', mode: '审批', wired: true, defaultLevels: ['township_officer', 'org_admin'],
    source: '《中国共产党章程》第七条：预备党员转为正式党员，要经过支部大会讨论通过和上级党组织批准',
  },
  'memberTransfer.out': {
    kind: 'memberTransfer.out', label: '党员组织关系转出本区', mode: '审批', wired: true, defaultLevels: ['township_officer', 'org_admin'],
    source: '《中国共产党党员教育管理工作条例》第二十五条（党员组织关系转接）；审批层级为本平台默认审批流程',
  },
  'org.setup': {
    kind: 'org.setup', label: '成立党组织', mode: '审批', wired: true, defaultLevels: ['township_officer', 'org_admin'],
    source: '《中国共产党支部工作条例（试行）》：成立党支部须经上级党组织批准',
  },
  'org.merger': {
    kind: 'org.merger', label: '党组织合并', mode: '审批', wired: true, defaultLevels: ['township_officer', 'org_admin'],
    source: '《中国共产党支部工作条例（试行）》：党支部的调整须经上级党组织批准',
  },
  'org.dissolution': {
    kind: 'org.dissolution', label: '撤销党组织', mode: '审批', wired: true, defaultLevels: ['township_officer', 'org_admin'],
    source: '《中国共产党支部工作条例（试行）》：撤销党支部须经上级党组织批准',
  },
  'standards.review': {
    // The default is the checklist's own review (街道, then 区 where the template names it): a template
    // reviewed by the street alone still ends at the street (src/domain/standards/standards-levels.ts).
    kind: 'standards.review', label: '规范化建设达标复核', mode: '审批', wired: true, defaultLevels: ['township_officer', 'org_admin'],
    source: '各地党组织规范化建设实施办法：自评后由街道（乡镇）、区（县）逐级审核；审批层级为本平台默认审批流程',
  },
  'member.declaration': {
    // Applied without the decider's own 管理党组织 (docs/approvals.md, "Adapters"): a 社区 level may be the last.
    kind: 'member.declaration', label: '党员亮身份申报确认', mode: '审批', wired: true, defaultLevels: ['community_officer'], anyLastLevel: true,
    source: PLATFORM,
  },
};

/** The kinds a workflow submits today (each has an adapter in src/core/approval/adapters.ts). */
export const WIRED_APPROVAL_KINDS = ['recruitment.candidate', 'recruitment.admission', 'recruitment.confirm', 'memberTransfer.out', 'org.setup', 'org.merger', 'org.dissolution', 'standards.review', 'member.declaration'] as const;
export type WiredApprovalKind = (typeof WIRED_APPROVAL_KINDS)[number];

/** The records a request may be about (approval_request.subject_table). */
export const APPROVAL_SUBJECT_TABLES = ['recruitment_case', 'party_member', 'party_org', 'checklist_assessment', 'member_declaration'] as const;
export type ApprovalSubjectTable = (typeof APPROVAL_SUBJECT_TABLES)[number];

export const isApprovalKind = (k: string): k is ApprovalKind => (APPROVAL_KINDS as readonly string[]).includes(k);

/** One flow as configured: the levels in order, and whether the workflow may still record the step directly (补录). */
export type FlowSetting = { kind: ApprovalKind; levels: LevelRole[]; required: boolean };
/** The settings of one area: a province (2 digits), city (4) or district (6). */
export type AreaFlows = { regionPrefix: string; flows: FlowSetting[] };

export type ResolvedFlow = {
  kind: ApprovalKind;
  levels: LevelRole[];
  required: boolean;
  /** Where the flow comes from: the area's prefix, or null for the platform default. */
  fromPrefix: string | null;
};

export const AREA_PREFIX = /^(\d{2}|\d{4}|\d{6})$/;

/** The flow of `kind` for a record at `regionCode`: the longest matching area prefix wins, else the platform default. */
export function resolveFlow(kind: ApprovalKind, regionCode: string | null, areas: readonly AreaFlows[]): ResolvedFlow {
  const hit = areas
    .filter((a) => regionCode !== null && regionCode.startsWith(a.regionPrefix))
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length)
    .map((a) => ({ a, f: a.flows.find((f) => f.kind === kind) }))
    .find((x) => x.f);
  if (hit?.f) return { kind, levels: [...hit.f.levels], required: hit.f.required, fromPrefix: hit.a.regionPrefix };
  return { kind, levels: [...APPROVAL_KIND_CATALOGUE[kind].defaultLevels], required: false, fromPrefix: null };
}

/**
 * The levels that apply to a record: a 社区 level applies only to a record placed in a community,
 * a 街道 level only to one placed in a street (a 街道党工委's own branch has no community above it).
 * A level nobody could hold would leave the request waiting forever.
 */
export function applicableLevels(levels: readonly LevelRole[], regionCode: string | null): LevelRole[] {
  const street = !!regionCode && regionCode.slice(6, 9) !== '000';
  const community = street && regionCode!.slice(9, 12) !== '000';
  return levels.filter((l) => (l === 'community_officer' ? community : l === 'township_officer' ? street : true));
}

/** Checks an area's flows as entered: levels named once each, lowest first, at least one. Returns the field and message at fault. */
export function flowProblem(flows: readonly FlowSetting[]): { field: string; message: string } | null {
  const seen = new Set<string>();
  for (const [i, f] of flows.entries()) {
    const label = APPROVAL_KIND_CATALOGUE[f.kind].label;
    if (seen.has(f.kind)) return { field: `flows.${i}.kind`, message: `“${label}”的审批流程重复设置` };
    seen.add(f.kind);
    if (!f.levels.length) return { field: `flows.${i}.levels`, message: `“${label}”至少需要一级审批` };
    if (new Set(f.levels).size !== f.levels.length) return { field: `flows.${i}.levels`, message: `“${label}”的审批层级重复` };
    const order = f.levels.map((l) => LEVEL_ROLES.indexOf(l));
    if (order.some((o, j) => j > 0 && o < order[j - 1])) return { field: `flows.${i}.levels`, message: `“${label}”的审批层级应自下而上（社区→街道→区）` };
  }
  return null;
}

export const APPROVAL_STATES = ['pending', 'returned', 'approved', 'withdrawn'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export const APPROVAL_STATE_LABEL: Record<ApprovalState, string> = { pending: '审批中', returned: '已退回', approved: '已通过', withdrawn: '已撤回' };

export const APPROVAL_STEP_ACTIONS = ['submitted', 'approved', 'returned', 'resubmitted', 'delegated', 'completed', 'withdrawn'] as const;
export type ApprovalStepAction = (typeof APPROVAL_STEP_ACTIONS)[number];
export const APPROVAL_STEP_LABEL: Record<ApprovalStepAction, string> = {
  submitted: '提交审批', approved: '同意', returned: '退回修改', resubmitted: '重新提交', delegated: '委托代审', completed: '审批通过，已登记', withdrawn: '撤回申请',
};

/** The verb of a level's decision: 同意 for 审批 and 预审, 备案 for a filing. */
export const levelTitle = (k: ApprovalKind, level: LevelRole): string => `${LEVEL_LABEL[level]}${APPROVAL_KIND_CATALOGUE[k].mode}`;

/** The recruitment steps that go through the engine, by the step the case records. */
export const RECRUITMENT_STEP_KIND: Partial<Record<string, ApprovalKind>> = {
  candidate: 'recruitment.candidate', approve: 'recruitment.admission', confirm: 'recruitment.confirm',
};
