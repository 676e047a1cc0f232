import { ENTERPRISE_FACT_FIELDS } from '../domain/enterprise-facts.js';

/**
 * What the audit log viewer and its export say in Chinese: each action, each kind of record, each
 * field of a before/after. The stored entries keep their codes (the hash chain covers them); only
 * what people read is translated. A code with no label is shown by a generic phrase, never raw.
 */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  'auth.sign_in': '登录', 'auth.change_password': '修改密码', 'auth.totp_setup': '开始绑定身份验证器', 'auth.totp_enable': '启用身份验证器',
  'audit.export': '导出审计日志', 'audit.anchor': '签署日志链', 'audit.prune': '清理过期审计日志',
  'user.create': '新建账号', 'user.update': '修改账号', 'user.disable': '停用账号', 'user.enable': '启用账号', 'user.read': '查看账号',
  'user.grant_role': '授予角色', 'user.revoke_role': '撤销角色', 'user.reset_password': '重置密码',
  'enterprise.import': '导入企业台账', 'enterprise.import_dry_run': '试运行导入企业台账', 'enterprise.export': '导出企业台账',
  'enterprise.place': '认定企业属地', 'enterprise.read': '查看企业', 'import_mapping.save': '保存导入列映射',
  'import.orgs': '导入党组织', 'import.positions': '导入党组织职务', 'import.unions': '导入工会', 'import.assignments': '导入指导员选派',
  'union_member.add': '登记工会会员', 'union_member.update': '修改工会会员', 'union_member.retain': '保留会籍', 'union_member.reinstate': '恢复会籍',
  'union_member.transfer': '会员转出', 'union_member.leave': '会员退会', 'union_member.export': '导出工会会员名册', 'union_member.settings': '修改会员实名制设置',
  'union_member.import': '导入工会会员名册', 'union_member.import_dry_run': '试运行导入工会会员名册', 'union_member.import_rejected': '工会会员名册未通过校验（未导入）',
  'union.roster_since': '设定会员名册启用日期',
  'member.import': '导入党员名册', 'member.import_dry_run': '试运行导入党员名册', 'member.import_rejected': '党员名册未通过校验（未导入）',
  'party_org.create': '新建党组织', 'party_org.adjust': '调整党组织', 'party_org.reelect': '党组织换届', 'party_org.dissolve': '撤销党组织', 'party_org.roster_since': '设定党员名册启用日期',
  'party_org.coverage.add': '党组织覆盖企业', 'party_org.coverage.end': '结束党组织覆盖', 'party_org.position.appoint': '任职', 'party_org.position.end': '免职（职务结束）',
  'union.create': '新建工会', 'union.update': '修改工会', 'union.dissolve': '撤销工会', 'union.coverage.add': '工会覆盖企业', 'union.coverage.end': '结束工会覆盖',
  'union.congress.add': '登记会员（代表）大会', 'union.contract.add': '登记集体合同',
  'union.election.add': '登记工会换届选举', 'union.committee.seat.add': '增补工会委员', 'union.committee.seat.update': '修改工会委员',
  'union.committee.seat.end': '工会委员离任', 'union.committee.export': '导出工会委员名单', 'union.congress.update': '修改职代会记录',
  'union.congress.resolution.add': '登记职代会决议', 'union.congress.export': '导出职代会记录',
  'union.application.submit': '扫码提交入会申请', 'union.application.throttled': '入会申请提交过于频繁（已拦截）', 'union.application.accept': '接收入会申请',
  'union.application.reject': '不予接收入会申请', 'union.application.refer': '转介入会申请', 'union.application.export': '导出入会申请',
  'union.join_link.update': '修改入会页显示内容', 'union.join_link.regenerate': '重新生成入会二维码',
  'union.bargaining.create': '发出集体协商要约', 'union.bargaining.reply': '登记协商书面答复', 'union.bargaining.session': '登记协商会议',
  'union.bargaining.vote': '登记集体合同草案表决', 'union.bargaining.sign': '登记集体合同签订', 'union.bargaining.file': '登记集体合同报送审查',
  'union.bargaining.objection': '登记集体合同审查异议', 'union.bargaining.export': '导出集体协商明细', 'union.bargaining.board_export': '导出集体协商阶段统计',
  'instructor.create': '新建党建指导员', 'instructor.update': '修改党建指导员', 'instructor.read': '查看党建指导员', 'instructor.manage': '管理党建指导员',
  'instructor.assign': '选派党建指导员', 'instructor.assignment.end': '结束选派', 'instructor.visit.add': '登记走访',
  'member.create': '登记党员', 'member.update': '修改党员信息', 'member.confirm': '预备党员转正', 'member.status': '变更党员状态', 'member.mobile_report': '登记流动党员汇报', 'member.export': '导出党员名册', 'member.mobility_export': '导出流动党员和失联党员',
  'person.create': '新建人员', 'person.update': '修改人员', 'pii.view': '查看完整个人信息',
  'coverage.drill_export': '导出覆盖明细', 'worklist.export': '导出工作清单',
  'party_org.export': '导出党组织列表', 'union.export': '导出工会列表', 'instructor.export': '导出党建指导员列表', 'report.bulletin': '生成月度通报',
  'report.bulletin_number': '编排通报文号', 'report.issuer_save': '修改通报发文设置',
  'snapshot.take': '生成月末覆盖快照', 'snapshot.recompute': '重算月末覆盖快照',
  'campaign_target.create': '设定工作目标', 'campaign_target.update': '修改工作目标', 'campaign_target.withdraw': '撤回工作目标',
  'campaign_target.export': '导出工作目标',
  'member.transfer': '党员组织关系转移', 'member_transfer.issue': '开具组织关系介绍信', 'member_transfer.accept': '接收组织关系',
  'member_transfer.return': '退回介绍信', 'member_transfer.revoke': '撤回介绍信', 'member_transfer.receipt': '登记介绍信回执',
  'member_transfer.expire': '介绍信过期', 'member_transfer.incoming': '登记系统外转入党员', 'member_transfer.org_move': '整建制转接组织关系',
  'member_transfer.export': '导出组织关系转接', 'member_declaration.create': '亮身份申报', 'member_declaration.confirm': '确认亮身份申报',
  'member_declaration.reject': '退回亮身份申报', 'member_declaration.export': '导出亮身份申报', 'user.link_person': '账号关联人员',
  'region.load': '加载区划', 'keys.rotate': '轮换个人信息密钥', 'keys.retire': '停用旧密钥',
  'dues.compute': '计算月度党费', 'dues.close': '党费月度关账', 'dues.pay': '登记党费缴纳', 'dues.basis': '设定党费交纳基数', 'dues.reduction': '登记少交或免交党费', 'dues.reduction_approve': '登记少交或免交党费的批准',
  'dues.import': '导入党费缴纳文件', 'dues.export': '导出党费台账', 'dues.statement_export': '导出年度党费交纳情况', 'dues.settings': '修改党费本地设置',
  'recruitment.create': '登记入党申请', 'recruitment.talk': '登记入党谈话', 'recruitment.activist': '确定入党积极分子', 'recruitment.candidate': '列为发展对象',
  'recruitment.review': '登记政治审查', 'recruitment.training': '登记发展对象培训', 'recruitment.notice': '登记公示', 'recruitment.sponsors': '确定入党介绍人',
  'recruitment.meeting': '登记支部大会讨论接收预备党员', 'recruitment.approve': '登记上级党委审批', 'recruitment.extend': '延长预备期',
  'recruitment.confirm': '预备党员转为正式党员', 'recruitment.leaving': '登记预计离开工作单位', 'recruitment.close': '终止发展', 'recruitment.export': '导出发展党员',
  'party_group.create': '设立党小组', 'party_group.update': '修改党小组', 'party_group.members': '调整党小组组员', 'party_group.dissolve': '撤销党小组',
  'meeting.create': '登记会议', 'meeting.update': '修改会议记录', 'meeting.delete': '删除会议记录', 'meeting.export': '导出会议记录',
  'checklist.create': '开始标准化建设自评', 'checklist.evidence': '填写自评佐证', 'checklist.submit': '提交标准化建设自评', 'checklist.review': '审核标准化建设自评',
  'checklist.export': '导出标准化建设审核列表', 'attachment.upload': '上传附件', 'attachment.download': '下载附件', 'attachment.delete': '删除附件',
  'recognition.create': '登记示范点、联系点或表彰', 'pairing.create': '登记结对共建',
  'training_course.create': '新建培训课程', 'training_course.update': '修改培训课程', 'training_course.export': '导出培训课程',
  'training_session.create': '登记培训班次', 'training_session.update': '修改培训班次', 'training_session.attendance': '登记参训人员和学时', 'training_session.export': '导出培训班次',
  'reserve_talent.create': '推荐后备人才入库', 'reserve_talent.update': '修改后备人才信息', 'reserve_talent.place': '登记后备人才使用', 'reserve_talent.export': '导出后备人才',
  'support.funding_create': '登记党建经费', 'support.funding_update': '修改党建经费', 'support.site_create': '登记活动阵地', 'support.site_update': '修改活动阵地',
  'support.expense': '登记企业管理费列支', 'support.rollup_export': '导出党建保障汇总', 'support.orgs_export': '导出党建保障明细',
  'annualReport.create': '新建年度党建工作报告', 'annualReport.save': '保存年度党建工作报告', 'annualReport.submit': '提交年度党建工作报告',
  'annualReport.pass': '审核通过年度党建工作报告', 'annualReport.return': '退回年度党建工作报告', 'annualReport.download': '下载年度党建工作报告',
  'annualReport.export': '导出年度报告汇总表', 'appraisal.mark': '登记述职评议（考核）评分', 'appraisal.settings': '修改评议等次和补贴档次设置',
  'life.compliance.export': '导出组织生活达标情况', 'life.settings': '修改组织生活设置', 'life.compliance.orgs.export': '导出组织生活达标情况明细',
};

export const AUDIT_ENTITY_LABEL: Record<string, string> = {
  enterprise: '企业', party_org: '党组织', union: '工会', instructor: '党建指导员', person: '人员', party_member: '党员', user: '账号',
  import: '导入', import_batch: '导入批次', import_mapping: '导入列映射', audit_event: '审计日志', keyring: '密钥',
  metric_snapshot: '覆盖快照', region: '区划', worklist: '工作清单', session: '会话', report: '通报', bulletin_issuer: '通报发文设置', campaign_target: '工作目标',
  member_transfer: '组织关系转接', member_declaration: '亮身份申报', union_member: '工会会员', union_application: '入会申请',
  dues_month: '党费月度台账', dues_ledger: '党费记录', dues_import_batch: '党费导入批次', app_setting: '系统设置',
  recruitment_case: '发展党员',
  meeting: '会议记录',
  checklist: '标准化建设自评', attachment: '附件',
  annual_report: '年度党建工作报告', appraisal: '述职评议（考核）',
  training_course: '培训课程', training_session: '培训班次', reserve_talent: '后备人才',
};

const FIELD: Record<string, string> = {
  ...Object.fromEntries(ENTERPRISE_FACT_FIELDS.map((f) => [f.key, f.label])),
  name: '名称', username: '用户名', displayName: '姓名', disabled: '已停用', mustChangePassword: '须修改密码', totpEnabled: '身份验证器',
  role: '角色', roleId: '角色', roles: '角色', grant: '授权', grants: '授权', scope: '范围', allRegions: '全部区划', resetTotp: '解绑身份验证器',
  sessionsRevoked: '结束的会话数', lockedUntil: '锁定至', reason: '原因', revoked: '撤销',
  regionCode: '属地区划', regionName: '属地', region_code: '属地区划', regionPrefixes: '区划范围', parkId: '所在园区', parkIds: '园区',
  associationId: '所属行业协会', associationIds: '行业协会', enterpriseId: '企业', enterpriseIds: '企业', enterpriseName: '企业名称',
  placement: '属地认定', source: '数据来源', version: '版本',
  orgType: '组织类型', setupMode: '组建方式', parentId: '上级党组织', parentName: '上级党组织', code: '组织代码', temporary: '临时党支部',
  foundedOn: '成立日期', electedOn: '选举日期', termEndsOn: '任期届满日', termYears: '任期（年）', dissolvedOn: '撤销日期',
  fullMembers: '正式党员', probationaryMembers: '预备党员', rosterSince: '党员名册启用日期', members: '会员', femaleMembers: '女会员',
  hasCommittee: '工会委员会', hasWomenCommittee: '女职工委员会', womenCommitteeMember: '女职工委员', organiserPersonId: '组织员',
  kind: '类别', since: '起始日期', until: '终止日期', orgId: '党组织', personId: '人员', personName: '姓名', positionId: '职务',
  assignmentId: '选派', coverageId: '覆盖', signedOn: '签订日期', endsOn: '到期日期', heldOn: '召开日期', visitedOn: '走访日期', notes: '备注',
  gender: '性别', idNumber: '身份证号', birthDate: '出生日期', mobile: '手机号', phone: '电话', partyMember: '党员',
  category: '党员类别', joinedOn: '入党日期', confirmedOn: '转正日期', statusSince: '状态日期', leftReason: '出党原因',
  employerName: '工作单位', post: '工作岗位', ethnicity: '民族', education: '学历', member: '党员', from: '原状态', to: '新状态',
  monthlyPayroll: '月工资总额', fundsBasis: '经费基数',
  file: '文件', fileName: '文件名', rows: '行数', written: '写出行数', inserted: '新增', updated: '更新', rejected: '未通过', created: '新增',
  unchanged: '未变', deregistered: '注销', staged: '暂存', result: '结果', summary: '摘要', filter: '筛选条件', format: '格式',
  period: '期间', month: '月份', asOf: '截至', count: '数量', retentionDays: '保留天数', seq: '序号', trigger: '触发方式', requestedBy: '申请人',
  mapping: '列映射', q: '关键词', cursor: '分页位置', limit: '条数', date: '日期', metric: '指标', part: '分子/分母',
  regionPrefix: '区划', industry: '行业', sizeClass: '企业规模', groupBy: '分组', status: '状态', above: '规模以上', ruleId: '预警类别',
  targetRate: '目标值（%）', deadline: '完成期限', note: '说明', metricLabel: '指标', region: '区划', title: '目标名称', withdrawnOn: '撤回日期', withdrawnReason: '撤回原因', setByName: '设定人', includeWithdrawn: '含已撤回',
  list: '清单', office: '发文单位', fields: '字段', length: '长度', n: '数量', key: '键',
  sha256: '文件指纹', organisations: '涉及党组织', rosterStarted: '开始使用名册的党组织', wouldCreate: '将新增', wouldUpdate: '将更新',
  docPrefix: '发文字号代字', docNumber: '文号', copyTo: '抄送', printedBy: '印发机关', mainTo: '主送', issuedOn: '印发日期', year: '年度',
};

/** A field's Chinese label; nested paths join their labels with “·”. */
export function auditFieldLabel(path: string): string {
  return path.split('.').map((k) => FIELD[k] ?? (/^\d+$/.test(k) ? `第${Number(k) + 1}项` : '其他信息')).join('·');
}

export const auditActionLabel = (action: string): string =>
  AUDIT_ACTION_LABEL[action] ?? `${AUDIT_ENTITY_LABEL[action.split('.')[0] ?? ''] ?? '其他'}操作`;
export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABEL[entity] ?? '其他记录';
