/**
 * Party membership vocabulary (issue 14): the closed sets the roster, the imports and the rules
 * share, with the words officials read. The database mirrors these in CHECK constraints
 * (0015_party_members.sql).
 */
export const MEMBER_CATEGORIES = ['full', 'probationary'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = { full: '正式党员', probationary: '预备党员' };

export const MEMBER_STATUSES = ['normal', 'mobile', 'lostContact', 'suspended', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  normal: '正常', mobile: '流动党员', lostContact: '失联党员', suspended: '停止党籍', left: '已出党',
};

export const MEMBER_LEFT_REASONS = ['death', 'expelled', 'withdrawn', 'selfLapsed', 'removed', 'other', 'transferredOut', 'probationCancelled'] as const;
export type MemberLeftReason = (typeof MEMBER_LEFT_REASONS)[number];
export const MEMBER_LEFT_REASON_LABELS: Record<MemberLeftReason, string> = {
  death: '去世', expelled: '开除党籍', withdrawn: '退党', selfLapsed: '自行脱党', removed: '除名', other: '其他',
  // A transfer out of the system whose 回执 came back (0018): the relationship left, not the Party.
  transferredOut: '组织关系转出',
  // 发展党员: the 支部大会 and the higher 党委 cancelled the probationary membership (0021).
  probationCancelled: '取消预备党员资格',
};

export const MEMBER_SOURCES = ['manual', 'import', 'declaration', 'transfer'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];
