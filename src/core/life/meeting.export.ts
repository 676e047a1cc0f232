import type { Writable } from 'node:stream';
import type { MeetingListFilter, MeetingSummary } from '../../contracts/life.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { MEETING_KIND_LABELS } from '../../domain/rules/life-catalogue.js';
import { QUORUM_LABELS, VOTE_LABELS } from '../../domain/rules/life-meeting.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireVisibleOrg } from '../party-org/party-org.access.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toSummary } from './meeting.mapper.js';
import * as repo from './meeting.repository.js';

const n = (v: number | null) => v ?? '';
const COLUMNS: ListColumn<MeetingSummary>[] = [
  { header: '党组织', width: 36, cell: (r) => r.orgName }, { header: '会议类别', width: 14, cell: (r) => MEETING_KIND_LABELS[r.kind] },
  { header: '召开日期', width: 12, cell: (r) => r.heldOn }, { header: '地点', width: 20, cell: (r) => r.place ?? '' },
  { header: '主题', width: 36, cell: (r) => r.topic }, { header: '应到（有表决权）', width: 10, cell: (r) => n(r.votingMembers) },
  { header: '实到', width: 8, cell: (r) => n(r.present) },
  { header: '到会情况', width: 16, cell: (r) => (r.verdict.quorum === 'notApplicable' ? '' : QUORUM_LABELS[r.verdict.quorum]) },
  { header: '表决结果', width: 30, cell: (r) => r.verdict.votes.map((v) => `${v.subject}：赞成${v.yes}，${VOTE_LABELS[v.verdict]}`).join('；') },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/** The meeting list as XLSX — exactly its rows (same organisation, filters and order); audited with the filter and the row count. */
export async function openMeetingExport(db: Db, actor: Actor, filter: MeetingListFilter): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  const { scope, org } = await requireVisibleOrg(db, actor, filter.orgId);
  async function* pages(): AsyncGenerator<MeetingSummary[]> {
    yield (await repo.listMeetings(db, scope, filter)).map(toSummary);
  }
  return {
    title: `会议记录-${org.name}-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '会议记录', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'meeting.export', entity: 'meeting', after: { filter, rows } })),
    }),
  };
}
