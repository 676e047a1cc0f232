import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';

/** The write-time checks the steps share: a field's error, a step's date, a 支部大会's vote. */
export const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

/** A step's date: not in the future, not before the step it follows. */
export function assertDate(on: string, at: string, label: string, after?: [string | null, string]): void {
  if (on > today()) throw field(at, 'FUTURE_DATE', `${label}不能晚于今天`);
  if (after && after[0] && on < after[0]) throw field(at, 'BEFORE_PREVIOUS_STEP', `${label}不能早于${after[1]}（${after[0]}）`);
}

/** What the counts alone get wrong: more present than should attend, more yes votes than present. */
export function assertCounts(v: { voting: number; present: number; yes: number }): void {
  if (v.present > v.voting) throw field('present', 'TOO_MANY', '实到人数不能多于应到会有表决权的正式党员人数');
  if (v.yes > v.present) throw field('yes', 'TOO_MANY', '赞成人数不能多于实到人数');
}

/**
 * A 支部大会 decision: more than half of the voting members present, and yes votes from more than
 * half of those who should attend (细则 第二十六条; the same for 接收, 转正, 延长预备期 and 取消预备党员资格).
 */
export function assertVote(v: { voting: number; present: number; yes: number }, what: string): void {
  if (v.present * 2 <= v.voting) throw field('present', 'NO_QUORUM', `有表决权的到会人数（${v.present}）未超过应到会人数（${v.voting}）的半数，不能进行表决`);
  if (v.yes * 2 <= v.voting) throw field('yes', 'VOTE_FAILED', `赞成人数（${v.yes}）未超过应到会有表决权正式党员（${v.voting}）的半数，未通过${what}`);
}
