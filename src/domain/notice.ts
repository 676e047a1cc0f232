/**
 * Notices (通知公告; issue 17 item 4; docs/notices.md): the reply form's typed fields and the pure
 * checks of a form and of one organisation's reply. No I/O.
 */
export const NOTICE_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export type NoticeFieldType = (typeof NOTICE_FIELD_TYPES)[number];
export const NOTICE_FIELD_TYPE_LABELS: Record<NoticeFieldType, string> = { text: '文字', number: '数字', date: '日期', choice: '单选' };

export const NOTICE_STATES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };

export const NOTICE_ORG_KINDS = ['party_org', 'union_org'] as const;
export type NoticeOrgKind = (typeof NOTICE_ORG_KINDS)[number];
export const NOTICE_ORG_KIND_LABELS: Record<NoticeOrgKind, string> = { party_org: '党组织', union_org: '工会' };

/** Where a recipient stands, as the publisher's table and the recipient's list show it. */
export type NoticeReplyState = 'replied' | 'read' | 'unread';
export const NOTICE_REPLY_STATE_LABELS: Record<NoticeReplyState, string> = { replied: '已回复', read: '已读未回复', unread: '未读' };

export type NoticeField = { key: string; label: string; type: NoticeFieldType; required: boolean; options?: string[] };
export type NoticeReplyValue = string | number | null;
export type NoticeProblem = { field: string; code: string; message: string };

export const NOTICE_MAX_FIELDS = 20;
export const NOTICE_TEXT_MAX = 500;

/** The form as written: keys unique, labels present, a choice with 2–20 distinct options, others none. */
export function checkReplyForm(fields: readonly NoticeField[]): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const keys = new Set<string>();
  fields.forEach((f, i) => {
    const at = `replyForm[${i}]`;
    if (keys.has(f.key)) problems.push({ field: `${at}.key`, code: 'DUPLICATE_FIELD', message: `回执栏目“${f.label}”与前面的栏目重复` });
    keys.add(f.key);
    if (f.type === 'choice') {
      const opts = f.options ?? [];
      if (opts.length < 2 || opts.length > 20) problems.push({ field: `${at}.options`, code: 'CHOICE_OPTIONS', message: `单选栏目“${f.label}”应有2至20个选项` });
      else if (new Set(opts).size !== opts.length) problems.push({ field: `${at}.options`, code: 'DUPLICATE_OPTION', message: `单选栏目“${f.label}”的选项有重复` });
    } else if (f.options?.length) {
      problems.push({ field: `${at}.options`, code: 'OPTIONS_NOT_ALLOWED', message: `只有单选栏目可以设置选项（“${f.label}”是${NOTICE_FIELD_TYPE_LABELS[f.type]}）` });
    }
  });
  return problems;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * One organisation's reply against the form: every required field answered, each value of its type,
 * no value for a field the form does not have. Returns the cleaned values (absent → null).
 */
export function checkReply(fields: readonly NoticeField[], values: Record<string, unknown>): { values: Record<string, NoticeReplyValue>; problems: NoticeProblem[] } {
  const problems: NoticeProblem[] = [];
  const out: Record<string, NoticeReplyValue> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const k of Object.keys(values)) if (!known.has(k)) problems.push({ field: `values.${k}`, code: 'UNKNOWN_FIELD', message: '回执中没有这一栏' });
  for (const f of fields) {
    const at = `values.${f.key}`;
    const raw = values[f.key];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (f.required) problems.push({ field: at, code: 'REQUIRED', message: `请填写“${f.label}”` });
      out[f.key] = null;
      continue;
    }
    if (f.type === 'number') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isFinite(n) || Math.abs(n) > 1e12) problems.push({ field: at, code: 'NOT_NUMBER', message: `“${f.label}”应填数字` });
      else out[f.key] = n;
    } else if (typeof raw !== 'string') {
      problems.push({ field: at, code: 'NOT_TEXT', message: `“${f.label}”应填文字` });
    } else if (f.type === 'date') {
      if (!validDate(raw.trim())) problems.push({ field: at, code: 'NOT_DATE', message: `“${f.label}”应填日期（如 2026-03-31）` });
      else out[f.key] = raw.trim();
    } else if (f.type === 'choice') {
      if (!(f.options ?? []).includes(raw)) problems.push({ field: at, code: 'NOT_AN_OPTION', message: `“${f.label}”只能从给定选项中选择` });
      else out[f.key] = raw;
    } else if (raw.trim().length > NOTICE_TEXT_MAX) {
      problems.push({ field: at, code: 'TOO_LONG', message: `“${f.label}”不能超过${NOTICE_TEXT_MAX}字` });
    } else out[f.key] = raw.trim();
  }
  return { values: out, problems };
}

/** A reply may be written or changed on or before the deadline (the deadline day included). */
export const replyOpen = (deadline: string | null, today: string): boolean => deadline === null || today <= deadline;

/** The street (街道/乡镇) an organisation lies in: the first 9 digits of its 12-digit region code. */
export const streetOf = (regionCode: string | null): string | null => (regionCode && regionCode.length >= 9 ? regionCode.slice(0, 9).padEnd(12, '0') : null);
