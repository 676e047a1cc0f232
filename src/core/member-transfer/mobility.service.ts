import type { MemberFindingPage, MemberMobility, MemberStatusFinding, MobileReport } from '../../contracts/member-transfer.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { evaluateMember } from '../../domain/rules/evaluate-member.js';
import type { MemberRuleFacts } from '../../domain/rules/member-facts.js';
import type { Actor } from '../access/actor.js';
import { memberOwnedSql } from '../access/member-scope.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedMember, requireVisibleMember } from '../member/member.access.js';
import { memberAuditView } from '../member/member.mapper.js';
import { insertMemberEvent, updateMember } from '../member/member.repository.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { assertDateWindow, field } from './transfer-rules.js';

/**
 * 流动党员 and 失联党员 (docs/member-transfers.md): the status with its card, receiving organisation
 * and place, or the day contact was lost; and the findings of the member rules on them — away ≥ 6
 * months at a fixed place → transfer; lost ≥ 6 months → propose 停止党籍; suspended + 2 years →
 * propose 自行脱党; a letter running out — on one member and as a list.
 */
const STATUS_RULES = new Set(['member.transferLetterTooLong', 'member.transferLetterExpiry', 'member.mobileMustTransfer', 'member.mobileReport', 'member.lostContactSuspend', 'member.suspendedLapse']);

export async function setMobility(db: Db, actor: Actor, id: string, input: MemberMobility): Promise<{ id: string; version: number }> {
  return db.transaction().execute(async (tx) => {
    const m = await requireManagedMember(tx, actor, id);
    if (m.version !== input.version) throw versionConflict();
    if (m.status === 'left' || m.status === 'suspended') throw new AppError('CONFLICT', '该党员当前状态不能登记为流动或失联', [{ field: 'status', code: 'STATUS_LOCKED', message: '当前状态不能变更' }]);
    assertDateWindow(input.since, 'since', '起始日期', today());
    const mobile = input.status === 'mobile';
    if (mobile && !input.mobileCardNo) throw field('mobileCardNo', 'REQUIRED', '请填写流动党员活动证编号');
    if (mobile && !!input.mobileOrgId === !!input.mobileOrgName) throw field('mobileOrgId', 'TARGET_REQUIRED', '请选择或填写流入地党组织（二者选一）');
    if (input.mobileOrgId && !(await tx.selectFrom('party_org').select('id').where('id', '=', input.mobileOrgId).where('status', '=', 'active').executeTakeFirst())) {
      throw field('mobileOrgId', 'NOT_FOUND', '流入地党组织不存在或已撤销');
    }
    const row = await updateMember(tx, id, m.version, {
      status: input.status, status_since: input.status === 'normal' ? null : input.since, left_reason: null,
    });
    if (!row) throw versionConflict();
    await tx.updateTable('party_member').set({
      mobile_card_no: mobile ? input.mobileCardNo! : null, mobile_org_id: mobile ? input.mobileOrgId ?? null : null,
      mobile_org_name: mobile ? input.mobileOrgName ?? null : null, mobile_place: mobile ? input.mobilePlace ?? null : null,
    }).where('id', '=', id).execute();
    const data = { from: m.status, to: input.status, mobileCardNo: input.mobileCardNo ?? null, mobileOrgId: input.mobileOrgId ?? null, mobileOrgName: input.mobileOrgName ?? null, mobilePlace: input.mobilePlace ?? null, note: input.note ?? null };
    await insertMemberEvent(tx, { memberId: id, kind: 'statusChanged', at: input.since, data, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'member.status', entity: 'party_member', entityId: id, before: memberAuditView(m), after: { ...memberAuditView(row), ...data } });
    return { id, version: row.version };
  });
}

/**
 * A 流动党员 reported to the organisation holding them (at least yearly: 'member.mobileReport'). Only
 * that organisation records it — the receiving one sees the member through the card, never manages.
 */
export async function recordMobileReport(db: Db, actor: Actor, id: string, input: MobileReport): Promise<{ id: string; version: number }> {
  return db.transaction().execute(async (tx) => {
    const m = await requireManagedMember(tx, actor, id);
    if (m.version !== input.version) throw versionConflict();
    if (m.status !== 'mobile') throw new AppError('CONFLICT', '只有流动党员需要登记汇报', [{ field: 'status', code: 'NOT_MOBILE', message: '该党员不是流动党员' }]);
    assertDateWindow(input.reportedOn, 'reportedOn', '汇报日期', today());
    if (m.status_since && input.reportedOn < m.status_since) throw field('reportedOn', 'BEFORE_LEAVING', `汇报日期不能早于外出日期${m.status_since}`);
    const row = await updateMember(tx, id, m.version, {});
    if (!row) throw versionConflict();
    const before = (await tx.selectFrom('party_member').select('mobile_reported_on').where('id', '=', id).executeTakeFirstOrThrow()).mobile_reported_on;
    // The latest report counts; recording an older one keeps the history but not the date.
    const latest = before && before > input.reportedOn ? before : input.reportedOn;
    await tx.updateTable('party_member').set({ mobile_reported_on: latest }).where('id', '=', id).execute();
    const data = { reportedOn: input.reportedOn, note: input.note ?? null };
    await insertMemberEvent(tx, { memberId: id, kind: 'mobileReported', at: input.reportedOn, data, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'member.mobile_report', entity: 'party_member', entityId: id, before: { reportedOn: before }, after: { ...data, latestReport: latest } });
    return { id, version: row.version };
  });
}

export type MobilityFactsRow = {
  id: string; name: string; org_name: string; status: string; status_since: string | null; mobile_place: string | null; mobile_org_name: string | null; mobile_reported_on: string | null;
};

export async function factsOf(db: Executor, rows: MobilityFactsRow[]): Promise<MemberRuleFacts[]> {
  const ids = rows.map((r) => r.id);
  const letters = ids.length ? await db.selectFrom('member_transfer as t').leftJoin('party_org as o', 'o.id', 't.to_org_id')
    .select(['t.member_id', 't.issued_on', 't.valid_until', 't.decided_on', 't.status', 'o.name', 't.outside_org'])
    .where('t.member_id', 'in', ids).where('t.status', 'in', ['issued', 'accepted']).execute() : [];
  return rows.map((r) => ({
    id: r.id, name: r.name, status: r.status as MemberRuleFacts['status'],
    transfers: letters.filter((t) => t.member_id === r.id).map((t) => ({ issuedOn: t.issued_on, validUntil: t.valid_until, receivedOn: t.status === 'accepted' ? t.decided_on : null, toOrg: t.name ?? t.outside_org ?? undefined })),
    mobility: r.status === 'mobile' && r.status_since
      ? [{ since: r.status_since, fixedPlace: !!r.mobile_place, reportedOn: r.mobile_reported_on, ...(r.mobile_place ? { place: r.mobile_place } : {}) }] : [],
    contact: { lostSince: r.status === 'lostContact' ? r.status_since : null, suspendedOn: r.status === 'suspended' ? r.status_since : null },
  }));
}

export function findingsOf(rows: MobilityFactsRow[], facts: MemberRuleFacts[], asOf: string): MemberStatusFinding[] {
  return facts.flatMap((f, i) => evaluateMember(f, asOf).filter((x) => STATUS_RULES.has(x.ruleId)).map((x) => ({
    memberId: f.id, memberName: rows[i]!.name, orgName: rows[i]!.org_name, ruleId: x.ruleId, severity: x.severity, title: x.title,
    summary: x.summary, message: x.message, source: x.source, dueOn: x.dueOn ?? null,
  })));
}

const base = (db: Executor) => db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id').innerJoin('party_org as o', 'o.id', 'm.org_id')
  .select(['m.id', 'p.name', 'o.name as org_name', 'm.status', 'm.status_since', 'm.mobile_place', 'm.mobile_org_name', 'm.mobile_reported_on']);

/** One member's status findings (as their reader sees them). */
export async function memberStatusFindings(db: Db, actor: Actor, id: string): Promise<MemberFindingPage> {
  await requireVisibleMember(db, actor, id);
  const items = await statusFindingsOf(db, id);
  return { items, total: items.length };
}

/** The same, read by the code (the approval engine's last level checks them before a letter out of the district). */
export async function statusFindingsOf(db: Executor, id: string): Promise<MemberStatusFinding[]> {
  const rows = await base(db).where('m.id', '=', id).execute() as MobilityFactsRow[];
  return findingsOf(rows, await factsOf(db, rows), today());
}

/** Every status finding on the members the caller's organisations hold (mobile, lost contact, suspended, letters out). */
export async function listStatusFindings(db: Db, actor: Actor): Promise<MemberFindingPage> {
  const scope = requireAction(actor, 'org.read');
  const open = db.selectFrom('member_transfer as t').select('t.member_id').where('t.status', '=', 'issued');
  const rows = await base(db).where(memberOwnedSql(scope)).where((eb) => eb.or([eb('m.status', 'in', ['mobile', 'lostContact', 'suspended']), eb('m.id', 'in', open)]))
    .orderBy('m.id').limit(5000).execute() as MobilityFactsRow[];
  const items = findingsOf(rows, await factsOf(db, rows), today());
  return { items, total: items.length };
}
