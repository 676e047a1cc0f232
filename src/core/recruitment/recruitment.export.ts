import type { Writable } from 'node:stream';
import type { RecruitmentListFilter } from '../../contracts/recruitment.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { CASE_STAGE_LABELS } from '../../domain/recruitment.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { keysetPages, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { findingsOf, toCase } from './recruitment.mapper.js';
import { rulesWithSettings } from './recruitment-settings.js';
import * as repo from './recruitment.repository.js';
import type { RecruitmentCase } from '../../contracts/recruitment.js';

const GENDER: Record<string, string> = { male: '男', female: '女' };
const d = (v: string | null | undefined) => v ?? '';

const COLUMNS: ListColumn<RecruitmentCase>[] = [
  { header: '姓名', width: 10, cell: (r) => r.name }, { header: '性别', width: 6, cell: (r) => (r.gender ? GENDER[r.gender]! : '') },
  { header: '身份证号码', width: 22, cell: (r) => d(r.idNumber) }, { header: '所在党组织', width: 36, cell: (r) => r.orgName },
  { header: '阶段', width: 12, cell: (r) => CASE_STAGE_LABELS[r.stage] }, { header: '提出申请日期', width: 12, cell: (r) => r.appliedOn },
  { header: '谈话日期', width: 12, cell: (r) => d(r.talkedOn) }, { header: '确定积极分子日期', width: 14, cell: (r) => d(r.activistOn) },
  { header: '培养联系人', width: 16, cell: (r) => r.mentors.map((m) => m.name).join('、') },
  { header: '列为发展对象日期', width: 14, cell: (r) => d(r.candidateOn) },
  { header: '入党介绍人', width: 16, cell: (r) => r.sponsors.map((m) => m.name).join('、') },
  { header: '支部大会日期', width: 12, cell: (r) => d(r.meeting?.heldOn) }, { header: '上级党委审批日期', width: 14, cell: (r) => d(r.approval?.approvedOn) },
  { header: '预备期满', width: 12, cell: (r) => d(r.probationEndsOn) }, { header: '转正日期', width: 12, cell: (r) => d(r.fullOn) },
  { header: '逾期及警示', width: 10, cell: (r) => r.alerts }, { header: '提醒', width: 8, cell: (r) => r.reminders },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/**
 * The recruitment list as XLSX — exactly its rows: the same scope, filters and order, every page.
 * ID numbers masked as on screen; taking a copy is audited with the filter and the row count.
 */
export function openCaseExport(db: Db, keyring: Keyring, actor: Actor, filter: RecruitmentListFilter): { title: string; write(out: Writable): Promise<number> } {
  const scope = requireAction(actor, 'org.read');
  async function* pages(): AsyncGenerator<RecruitmentCase[]> {
    const asOf = today();
    const rules = await rulesWithSettings(db);
    for await (const rows of keysetPages((cursor, limit) => repo.listCases(db, scope, filter, cursor, limit + 1))) {
      const people = await repo.casePeople(db, rows.map((r) => r.id));
      yield rows.map((r) => toCase(keyring, r, people.filter((p) => p.case_id === r.id), findingsOf(r, people, asOf, rules), { manageable: false, events: [] }));
    }
  }
  return {
    title: `发展党员-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '发展党员', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'recruitment.export', entity: 'recruitment_case', after: { filter, rows } })),
    }),
  };
}
