import { addMonths, addYears, fromDay, toDay } from './dates.js';
import { memberFinding, type MemberFinding } from './member-catalogue.js';
import { plusDays, type MemberContext } from './member-context.js';
import type { MemberRuleFacts, MobilityFact, TransferFact } from './member-facts.js';

/**
 * Where a member belongs and whether the organisation can reach them (《中国共产党党员教育管理工作条例》
 * 第二十四、二十五条; domain-rules §5): transfer letters and their validity, mobile members at a
 * fixed place, lost contact → 停止党籍 → 自行脱党, and 亮身份 declarations awaiting confirmation.
 * A coming deadline within `member.reminderDays` is an info finding, a passed one a warning or
 * overdue, always with the day (`dueOn`).
 */

export function statusFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  if (f.status === 'left') return [];
  return [
    ...(f.transfers ?? []).flatMap((t) => transferFindings(t, c)),
    ...(f.mobility ?? []).flatMap((m) => [...mobilityFindings(m, f.transfers ?? [], c), ...reportFindings(m, c)]),
    ...contactFindings(f, c), ...declarationFindings(f, c),
  ];
}

/** Soon: the day is today or later, within the reminder lead time. */
const soon = (dueOn: string, c: MemberContext) => dueOn >= c.asOf && toDay(dueOn) - c.day <= c.n('member.reminderDays');

/**
 * A letter is valid through `validUntil`, or for the ceiling's number of days counting the issue day
 * (90 days from 2025-05-01 → through 2025-07-29) — the same count as the transfer module
 * (src/domain/member-transfer.ts), so the roster and the rules name the same last day.
 */
function transferFindings(t: TransferFact, c: MemberContext): MemberFinding[] {
  if (!c.known(t.issuedOn)) return [];
  const ceiling = c.n('transfer.letterMaxValidDays', t.issuedOn);
  const longest = plusDays(t.issuedOn, ceiling - 1);
  const until = t.validUntil ?? longest;
  const rules = c.at(t.issuedOn);
  const to = t.toOrg ? `转往${t.toOrg}的` : '';
  const out: MemberFinding[] = [];
  if (until > longest) {
    out.push(memberFinding('member.transferLetterTooLong', rules, { fact: `${t.issuedOn}开具的${to}介绍信有效期至${until}，超过${ceiling}天`, detail: `${t.issuedOn}开具的${to}组织关系介绍信有效期至${until}，超过上限${ceiling}天（至${longest}）` }, { params: { days: ceiling } }));
  }
  if (c.known(t.receivedOn)) {
    if (t.receivedOn > until) out.push(memberFinding('member.transferLetterExpiry', rules, { fact: `介绍信${until}到期后才于${t.receivedOn}接收`, detail: `${t.issuedOn}开具的${to}介绍信有效期至${until}，${t.receivedOn}才接收`, action: '建议核实是否重新开具介绍信' }, { severity: 'warning', dueOn: until }));
    return out;
  }
  if (c.asOf > until) {
    out.push(memberFinding('member.transferLetterExpiry', rules, { fact: `${t.issuedOn}开具的${to}介绍信已于${until}过期，尚未接收`, detail: `${t.issuedOn}开具的${to}组织关系介绍信有效期至${until}，已过期且未收到回执`, action: '建议联系党员和接收党组织，查明情况后重新开具或撤回' }, { severity: 'overdue', dueOn: until }));
  } else if (soon(until, c)) {
    out.push(memberFinding('member.transferLetterExpiry', rules, { fact: `${t.issuedOn}开具的${to}介绍信将于${until}到期，尚未接收`, detail: `${t.issuedOn}开具的${to}组织关系介绍信有效期至${until}，尚未收到回执` }, { dueOn: until }));
  }
  return out;
}

/** Away at a relatively fixed place for the months of the rule → transfer (unless a letter was issued since). */
function mobilityFindings(m: MobilityFact, transfers: TransferFact[], c: MemberContext): MemberFinding[] {
  if (!m.fixedPlace || !c.known(m.since) || c.known(m.until)) return [];
  if (transfers.some((t) => c.known(t.issuedOn) && t.issuedOn >= m.since)) return [];
  const months = c.n('mobile.transferAfterMonths', m.since);
  const by = fromDay(addMonths(toDay(m.since), months));
  const where = m.place ? `在${m.place}` : '在相对固定地点';
  const rules = c.at(m.since);
  if (c.asOf >= by) {
    return [memberFinding('member.mobileMustTransfer', rules, { fact: `自${m.since}起外出${where}已满${months}个月，未转移组织关系`, detail: `自${m.since}起外出${where}学习或工作，${by}已满${months}个月，应将组织关系转移到所在地党组织` }, { dueOn: by })];
  }
  if (!soon(by, c)) return [];
  return [memberFinding('member.mobileMustTransfer', rules, { fact: `自${m.since}起外出${where}，将于${by}满${months}个月`, detail: `自${m.since}起外出${where}，${by}满${months}个月后应转移组织关系` }, { severity: 'info', dueOn: by })];
}

/** A mobile member reports to the organisation holding them at least every N months (from leaving, then from each report). */
function reportFindings(m: MobilityFact, c: MemberContext): MemberFinding[] {
  if (!c.known(m.since) || c.known(m.until)) return [];
  const last = c.known(m.reportedOn) && m.reportedOn > m.since ? m.reportedOn : m.since;
  const months = c.n('mobile.reportEveryMonths', last);
  const by = fromDay(addMonths(toDay(last), months));
  const since = last === m.since ? `自${m.since}外出以来` : `自${last}上次汇报以来`;
  const rules = c.at(last);
  if (c.asOf >= by) {
    return [memberFinding('member.mobileReport', rules, { fact: `${since}已满${months}个月未向党组织汇报`, detail: `${since}，${by}已满${months}个月未向流出党组织汇报思想、工作情况` }, { dueOn: by })];
  }
  if (!soon(by, c)) return [];
  return [memberFinding('member.mobileReport', rules, { fact: `${since}将于${by}满${months}个月`, detail: `${since}，应于${by}前向流出党组织汇报思想、工作情况` }, { severity: 'info', dueOn: by })];
}

function contactFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  const lost = f.contact?.lostSince;
  const suspended = f.contact?.suspendedOn;
  if (c.known(suspended) || f.status === 'suspended') {
    if (!c.known(suspended)) return [];
    const years = c.n('contact.lapseAfterSuspensionYears', suspended);
    const by = fromDay(addYears(toDay(suspended), years));
    const rules = c.at(suspended);
    if (c.asOf >= by) return [memberFinding('member.suspendedLapse', rules, { fact: `${suspended}停止党籍，已满${years}年`, detail: `${suspended}停止党籍，${by}已满${years}年` }, { dueOn: by })];
    return soon(by, c) ? [memberFinding('member.suspendedLapse', rules, { fact: `${suspended}停止党籍，将于${by}满${years}年`, detail: `${suspended}停止党籍，将于${by}满${years}年` }, { severity: 'info', dueOn: by })] : [];
  }
  if (!c.known(lost)) return [];
  const months = c.n('contact.suspendAfterMonths', lost);
  const by = fromDay(addMonths(toDay(lost), months));
  const rules = c.at(lost);
  if (c.asOf >= by) return [memberFinding('member.lostContactSuspend', rules, { fact: `自${lost}起失去联系，已满${months}个月`, detail: `自${lost}起与党组织失去联系，${by}已满${months}个月` }, { dueOn: by })];
  return soon(by, c) ? [memberFinding('member.lostContactSuspend', rules, { fact: `自${lost}起失去联系，将于${by}满${months}个月`, detail: `自${lost}起与党组织失去联系，将于${by}满${months}个月`, action: '建议通过各种方式尽快取得联系' }, { severity: 'info', dueOn: by })] : [];
}

function declarationFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  const d = f.declaration;
  if (!d || !c.known(d.declaredOn) || c.known(d.confirmedOn)) return [];
  const days = c.n('declaration.confirmDays', d.declaredOn);
  const by = plusDays(d.declaredOn, days);
  const late = c.asOf > by;
  return [memberFinding('member.declarationUnconfirmed', c.at(d.declaredOn), { fact: `${d.declaredOn}亮身份申报，${late ? `已超过${days}天` : `应于${by}前`}核实确认`, detail: `${d.declaredOn}本人申报党员身份，尚未经党组织核实确认，应于${by}前核实` }, { severity: late ? 'overdue' : 'info', dueOn: by })];
}
