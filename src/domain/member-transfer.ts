/**
 * Transfers of 组织关系 and 亮身份 declarations (issue 14): the closed sets, the words officials
 * read, and the pure rules of a 介绍信 — its number and its validity. Source:
 * 《中国共产党党员教育管理工作条例》第二十五条 (until received, the sending organisation stays
 * responsible); the validity ceiling is a platform setting because local rules differ.
 */
import { addMonths, fromDay, toDay } from './rules/dates.js';

export const TRANSFER_DIRECTIONS = ['internal', 'outgoing', 'incoming'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
export const TRANSFER_DIRECTION_LABELS: Record<TransferDirection, string> = {
  internal: '系统内转接', outgoing: '转出至系统外', incoming: '由系统外转入',
};

export const TRANSFER_STATUSES = ['issued', 'accepted', 'returned', 'revoked', 'expired'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  issued: '待接收', accepted: '已接收', returned: '已退回', revoked: '已撤回', expired: '已过期',
};

export const DECLARATION_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export const DECLARATION_STATUS_LABELS: Record<DeclarationStatus, string> = { pending: '待确认', confirmed: '已确认', rejected: '未通过' };
export const DECLARATION_CHANNELS = ['self', 'official'] as const;
export type DeclarationChannel = (typeof DECLARATION_CHANNELS)[number];
export const DECLARATION_CHANNEL_LABELS: Record<DeclarationChannel, string> = { self: '党员本人申报', official: '工作人员代录' };

/** The platform's default ceiling on a 介绍信's validity, in days (settable: LX_TRANSFER_LETTER_MAX_DAYS). */
export const DEFAULT_LETTER_MAX_DAYS = 90;

/** The ceiling from a setting's text: a whole number of days from 1 to 366, else the default. */
export function letterMaxDaysOf(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 366 ? n : DEFAULT_LETTER_MAX_DAYS;
}

/** The last valid day of a letter issued on `issuedOn` valid for `days` days (the issue day counts). */
export const letterValidUntil = (issuedOn: string, days: number): string => fromDay(toDay(issuedOn) + days - 1);

/** Days from `issuedOn` to `validUntil`, both counted. */
export const letterDays = (issuedOn: string, validUntil: string): number => toDay(validUntil) - toDay(issuedOn) + 1;

/** A letter still waiting after its last valid day has expired: computed when read, whatever is stored. */
export function effectiveTransferStatus(status: TransferStatus, validUntil: string | null, today: string): TransferStatus {
  return status === 'issued' && validUntil !== null && validUntil < today ? 'expired' : status;
}

/** 介绍信 number: the sending organisation's own sequence in the year, e.g. 〔2026〕第7号. */
export const letterNumber = (year: number, seq: number): string => `〔${year}〕第${seq}号`;

/** Months (whole) from `from` to `to`: a member away since 2026-01-15 has been away 6 months on 2026-07-15. */
export function wholeMonthsBetween(from: string, to: string): number {
  let n = 0;
  while (addMonths(toDay(from), n + 1) <= toDay(to)) n++;
  return n;
}

/**
 * Whether a letter takes the relationship out of the district (组织关系转出本区), which goes through
 * the approval engine where the district has a flow: a letter out of the system, or to an
 * organisation whose district (the first six digits of its place) is not the sender's. A receiver
 * placed nowhere is treated as leaving — nobody can tell it is still in the district.
 */
export function leavesDistrict(fromRegion: string | null, to: { outside: boolean; toRegion: string | null }): boolean {
  if (to.outside) return true;
  if (!fromRegion || !to.toRegion) return true;
  return fromRegion.slice(0, 6) !== to.toRegion.slice(0, 6);
}
