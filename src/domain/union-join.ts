/**
 * 扫码入会（亮牌子）: the public form's limits and the text the page and the poster carry
 * (docs/unions.md "扫码入会（亮牌子）"). Pure data: the API, the poster and the web read the same.
 */
export const JOIN_LIMITS = {
  /** Submissions from one network address per clock hour (every attempt counts, good or bad). */
  perIpPerHour: 5,
  /** Submissions with one ID number per day (China time), across all unions. */
  perIdPerDay: 3,
} as const;

/** Who may join — 《中华人民共和国工会法》第三条, quoted on the page and the poster. */
export const JOIN_LAW = '《中华人民共和国工会法》第三条';
export const JOIN_NOTICE: readonly string[] = [
  '在中国境内的企业、事业单位、机关、社会组织（以下统称用人单位）中以工资收入为主要生活来源的劳动者，不分民族、种族、性别、职业、宗教信仰、教育程度，都有依法参加和组织工会的权利（《中华人民共和国工会法》第三条）。',
  '新就业形态劳动者（如快递员、外卖送餐员、网约车司机）同样可以申请加入工会。',
  '提交后由工会审核；如您的单位另有工会，本工会将把申请转给该工会办理。',
  '您填写的身份证号码和手机号码加密保存，仅用于办理入会，不会在本页面显示。',
];

export const APPLICATION_STATUS_LABEL = {
  pending: '待审核', accepted: '已接收', rejected: '未接收', merged: '已合并',
} as const;
export type ApplicationStatus = keyof typeof APPLICATION_STATUS_LABEL;

export const JOIN_OUTCOME_MESSAGE = {
  submitted: '申请已提交，请等待工会审核',
  already_pending: '已提交，请等待工会审核',
  already_member: '您已是工会会员，无需重复申请；如需转会请联系所在工会',
} as const;
export type JoinOutcome = keyof typeof JOIN_OUTCOME_MESSAGE;

/** Start of the window a moment falls in: the clock hour, or the day in China time (UTC+8, no DST). */
export function throttleWindow(now: Date, kind: 'hour' | 'day'): Date {
  const t = now.getTime();
  if (kind === 'hour') return new Date(Math.floor(t / 3_600_000) * 3_600_000);
  const shift = 8 * 3_600_000;
  return new Date(Math.floor((t + shift) / 86_400_000) * 86_400_000 - shift);
}
