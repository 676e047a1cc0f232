import { ORG_MATRIX_ROWS } from './org-matrix-rows.js';
import { MEMBER_MATRIX_ROWS } from './member-matrix-rows.js';
import { LIST_EXPORT_MATRIX_ROWS } from './list-export-matrix-rows.js';
import { CAMPAIGN_MATRIX_ROWS } from './campaign-matrix-rows.js';
import { BULLETIN_ISSUER_MATRIX_ROWS } from './bulletin-issuer-matrix-rows.js';
import { PLACEMENT_QUEUE_MATRIX_ROWS } from './placement-queue-matrix-rows.js';
import { MEMBER_TRANSFER_MATRIX_ROWS } from './member-transfer-matrix-rows.js';
import { MEMBER_IMPORT_MATRIX_ROWS } from './member-import-matrix-rows.js';
import { RECRUITMENT_MATRIX_ROWS } from './recruitment-matrix-rows.js';
import { DUES_MATRIX_ROWS } from './dues-matrix-rows.js';
import { LIFE_MATRIX_ROWS } from './life-matrix-rows.js';
import { PARTY_GROUP_MATRIX_ROWS } from './party-group-matrix-rows.js';
import { STANDARDS_MATRIX_ROWS } from './standards-matrix-rows.js';
import { ANNUAL_REPORT_MATRIX_ROWS } from './annual-report-matrix-rows.js';
import { APPRAISAL_MATRIX_ROWS } from './appraisal-matrix-rows.js';
import { TRAINING_MATRIX_ROWS } from './training-matrix-rows.js';
import { POOL_SUPPORT_MATRIX_ROWS } from './pool-support-matrix-rows.js';
import { UNION_SERVICES_MATRIX_ROWS } from './union-services-matrix-rows.js';
import { UNION_DISTRICT_MATRIX_ROWS } from './union-district-matrix-rows.js';
import { BARGAINING_MATRIX_ROWS } from './bargaining-matrix-rows.js';
import { MEDIATION_MATRIX_ROWS } from './mediation-matrix-rows.js';
import { UNION_MEMBER_MATRIX_ROWS } from './union-member-matrix-rows.js';
import { UNION_JOIN_MATRIX_ROWS } from './union-join-matrix-rows.js';
import { UNION_COMMITTEE_MATRIX_ROWS } from './union-committee-matrix-rows.js';
import { INBOX_MATRIX_ROWS } from './inbox-matrix-rows.js';
import { APPROVAL_MATRIX_ROWS } from './approval-matrix-rows.js';
import { NOTICE_MATRIX_ROWS } from './notice-matrix-rows.js';
import { FIELDWORK_MATRIX_ROWS } from './fieldwork-matrix-rows.js';
import { STUDY_MATRIX_ROWS } from './study-matrix-rows.js';
import { SURVEY_MATRIX_ROWS } from './survey-matrix-rows.js';
import type { Probe } from './permission-matrix-suite.js';

/**
 * The permission matrix's rows by group of modules, each group walked by its own file (a new
 * module's rows join a group here; permission-matrix.test.ts checks every registered route against
 * the core rows and all the groups):
 * * ledger — permission-matrix.test.ts (with the core rows: auth, users, people, ledger, coverage);
 * * party — permission-matrix-party.test.ts;
 * * union — permission-matrix-union.test.ts;
 * * work — permission-matrix-work.test.ts.
 */
export const MATRIX_GROUPS: Record<'ledger' | 'party' | 'union' | 'work', Probe[]> = {
  ledger: [
    ...ORG_MATRIX_ROWS, // party orgs, unions, instructors, coverage, work lists, planner (helper G)
    ...LIST_EXPORT_MATRIX_ROWS, // exports of the organisation, union and instructor lists
    ...CAMPAIGN_MATRIX_ROWS, // campaign targets (工作目标)
    ...BULLETIN_ISSUER_MATRIX_ROWS, // the bulletin's 文号代字 and 发文机关 settings
    ...PLACEMENT_QUEUE_MATRIX_ROWS, // bulk placement and export of the 待认定属地 queue
  ],
  party: [
    ...MEMBER_MATRIX_ROWS, // the party-member roster
    ...MEMBER_TRANSFER_MATRIX_ROWS, // transfers of 组织关系, 亮身份 declarations, 我的
    ...MEMBER_IMPORT_MATRIX_ROWS, // the roster import and its error report
    ...RECRUITMENT_MATRIX_ROWS, // 发展党员: cases, steps, findings
    ...LIFE_MATRIX_ROWS, // 三会一课: meetings, roster, export
    ...PARTY_GROUP_MATRIX_ROWS, // 党小组 of a branch
    ...STANDARDS_MATRIX_ROWS, // 标准化建设: templates, self-assessment, review, lists; attachments of meetings and checklists
    ...ANNUAL_REPORT_MATRIX_ROWS, // 年度党建工作报告: prefilled report, narrative, submit, review, DOCX/PDF, the year's list
    ...APPRAISAL_MATRIX_ROWS, // 述职评议 and 考核: sheets, marks, a person's results, 补贴档次
    ...TRAINING_MATRIX_ROWS, // training: courses, sessions, attendance, a person's hours
    ...POOL_SUPPORT_MATRIX_ROWS, // the reserve pool and the support ledger
    ...DUES_MATRIX_ROWS, // party dues: month ledger, payments, statement, settings, 我的党费
  ],
  union: [
    ...UNION_SERVICES_MATRIX_ROWS, // union services: 困难职工帮扶, 劳动竞赛 and honours, 工会经费
    ...UNION_DISTRICT_MATRIX_ROWS, // district pages 帮扶 / 经费 and the dashboard's 劳务派遣 rows
    ...BARGAINING_MATRIX_ROWS, // 集体协商: rounds, steps, the district board, drill-down and export
    ...MEDIATION_MATRIX_ROWS, // 劳动争议调解: bodies, members, cases, documents, statistics, exports
    ...UNION_MEMBER_MATRIX_ROWS, // 会员实名制: a union's members, their changes, roster date, 劳务派遣 setting
    ...UNION_JOIN_MATRIX_ROWS, // 扫码入会（亮牌子）: the public page and form, the link, the poster, the queue and its decisions
    ...UNION_COMMITTEE_MATRIX_ROWS, // union committees, 换届选举 and the 职代会 (docs/unions.md)
  ],
  work: [
    ...INBOX_MATRIX_ROWS, // the work inbox (待办) and its refresh from the rule engine (docs/inbox.md)
    ...APPROVAL_MATRIX_ROWS, // approvals: requests, level decisions, flows (docs/approvals.md)
    ...NOTICE_MATRIX_ROWS, // 通知公告 (office and recipient sides), SMTP settings and my e-mail (docs/notices.md)
    ...FIELDWORK_MATRIX_ROWS, // 实地走访 from the phone; an enterprise's visits (docs/inbox.md)
    ...STUDY_MATRIX_ROWS, // 学习: the study library, its files and the reader's own 已学 mark (docs/study.md)
    ...SURVEY_MATRIX_ROWS, // 排查摸底: campaigns, links, the public page, decisions; 人工更正 of ledger facts (docs/surveys.md)
  ],
};
