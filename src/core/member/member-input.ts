import { AppError } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';

/** Checks shared by adding and changing a member: dates in order and not in the future (docs/members.md). */
const bad = (field: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code, message }]);

export function assertNotFuture(date: string | null | undefined, field: string, label: string): void {
  if (date && date > todayInChina()) throw bad(field, 'FUTURE_DATE', `${label}不能晚于今天`);
}

export function assertMembershipDates(m: { category: string; joinedOn: string | null; confirmedOn: string | null }): void {
  assertNotFuture(m.joinedOn, 'joinedOn', '入党日期');
  assertNotFuture(m.confirmedOn, 'confirmedOn', '转正日期');
  if (m.confirmedOn && m.category !== 'full') throw bad('confirmedOn', 'NOT_FULL', '预备党员没有转正日期，转正请使用“转正”');
  if (m.confirmedOn && m.joinedOn && m.confirmedOn <= m.joinedOn) throw bad('confirmedOn', 'BEFORE_JOINED', '转正日期应晚于入党日期');
}

/** 工作单位 is either a ledger enterprise or a name as written, not both. */
export function assertOneEmployer(enterpriseId: string | null | undefined, employerName: string | null | undefined): void {
  if (enterpriseId && employerName) throw bad('employerName', 'TWO_EMPLOYERS', '工作单位请选择台账中的企业或填写单位名称，二者选一');
}
