import type { Writable } from 'node:stream';
import type { CommitteeSeat } from '../../contracts/union-committee.js';
import type { CongressSession } from '../../contracts/union-congress.js';
import type { Db } from '../../db/schema.js';
import { COMMITTEE_ROLE_LABELS, CONGRESS_MATTER_LABELS } from '../../domain/union-committee.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { getCommittee } from './committee.service.js';
import { getCongress } from './congress.service.js';

const SEAT_COLUMNS: ListColumn<CommitteeSeat>[] = [
  { header: '姓名', width: 12, cell: (r) => r.personName }, { header: '职务', width: 14, cell: (r) => COMMITTEE_ROLE_LABELS[r.role] },
  { header: '专职/兼职', width: 10, cell: (r) => (r.fullTime ? '专职' : '兼职') }, { header: '任职日期', width: 12, cell: (r) => r.since },
  { header: '离任日期', width: 12, cell: (r) => r.until ?? '' }, { header: '离任原因', width: 20, cell: (r) => r.endReason ?? '' },
  { header: '企业主要负责人近亲属（申报）', width: 16, cell: (r) => (r.closeRelative ? '是' : '否') }, { header: '申报日期', width: 12, cell: (r) => r.declaredOn },
];

const SESSION_COLUMNS: ListColumn<CongressSession>[] = [
  { header: '召开日期', width: 12, cell: (r) => r.heldOn }, { header: '会议类别', width: 14, cell: (r) => r.kindLabel }, { header: '届次', width: 14, cell: (r) => r.session ?? '' },
  { header: '应到', width: 8, cell: (r) => r.representatives ?? '' }, { header: '实到', width: 8, cell: (r) => r.present ?? '' },
  { header: '中层以上管理人员', width: 10, cell: (r) => r.managers ?? '' }, { header: '出席情况', width: 18, cell: (r) => r.quorumLabel },
  { header: '审议事项', width: 36, cell: (r) => r.matters.map((m) => CONGRESS_MATTER_LABELS[m]).join('、') },
  { header: '决议', width: 60, cell: (r) => r.resolutions.map((x) => `${x.title}（赞成${x.votesFor}，${x.outcomeLabel}）`).join('；') },
];

/** 工会委员名单 as XLSX: exactly the seats of GET /api/unions/:id/committee; audited like the other exports. */
export async function openCommitteeExport(db: Db, actor: Actor, unionId: string) {
  const view = await getCommittee(db, actor, unionId); // 404 / 403 before the file starts
  return { write: (out: Writable) => writeSeats(db, actor, unionId, view.seats, out) };
}

function writeSeats(db: Db, actor: Actor, unionId: string, seats: CommitteeSeat[], out: Writable): Promise<number> {
  const view = { seats };
  async function* pages() { yield view.seats; }
  return writeListXlsx(db, out, {
    sheet: '工会委员', columns: SEAT_COLUMNS, pages: pages(),
    beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.committee.export', entity: 'union', entityId: unionId, after: { rows } })),
  });
}

/** 职代会记录 as XLSX: exactly the sessions of GET /api/unions/:id/congress; audited. */
export async function openCongressExport(db: Db, actor: Actor, unionId: string) {
  const view = await getCongress(db, actor, unionId);
  return { write: (out: Writable) => writeSessions(db, actor, unionId, view.sessions, out) };
}

function writeSessions(db: Db, actor: Actor, unionId: string, sessions: CongressSession[], out: Writable): Promise<number> {
  const view = { sessions };
  async function* pages() { yield view.sessions; }
  return writeListXlsx(db, out, {
    sheet: '职代会', columns: SESSION_COLUMNS, pages: pages(),
    beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.congress.export', entity: 'union', entityId: unionId, after: { rows } })),
  });
}
