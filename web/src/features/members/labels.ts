import { MEMBER_CATEGORY_LABELS, MEMBER_LEFT_REASON_LABELS, MEMBER_STATUS_LABELS } from '../../../../src/domain/member';

/** Select options and history words of the roster, in an official's words. */
export const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
export const CATEGORY_OPTIONS = options(MEMBER_CATEGORY_LABELS);
export const STATUS_OPTIONS = options(MEMBER_STATUS_LABELS);
export const LEFT_REASON_OPTIONS = options(MEMBER_LEFT_REASON_LABELS);
export const STATUS_COLOR: Record<string, string> = { normal: 'green', mobile: 'blue', lostContact: 'orange', suspended: 'red', left: 'default' };

export const MEMBER_EVENT_LABEL: Record<string, string> = {
  created: '登记入册', updated: '修改信息', confirmed: '转为正式党员', statusChanged: '状态变更', transferred: '组织关系转接', mobileReported: '流动党员汇报', award: '获得表彰', approval: '上级审批',
};
export const MEMBER_FIELD_LABEL: Record<string, string> = {
  joinedOn: '入党日期', confirmedOn: '转正日期', enterpriseId: '工作单位', employerName: '工作单位', post: '工作岗位',
  ethnicity: '民族', education: '学历', category: '党员类别', orgId: '所在党组织',
};
export { MEMBER_CATEGORY_LABELS, MEMBER_LEFT_REASON_LABELS, MEMBER_STATUS_LABELS };
