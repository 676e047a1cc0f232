import { describe, expect, it } from 'vitest';
import { checkReply, checkReplyForm, replyOpen, type NoticeField } from '../../src/domain/notice.js';

/** The reply form's pure checks (src/domain/notice.ts): a form as written, one organisation's reply, the deadline. */
const FORM: NoticeField[] = [
  { key: 'members', label: '党员人数', type: 'number', required: true },
  { key: 'heldOn', label: '述职日期', type: 'date', required: false },
  { key: 'done', label: '是否完成', type: 'choice', required: true, options: ['已完成', '未完成'] },
  { key: 'note', label: '备注', type: 'text', required: false },
];

describe('notice reply form', () => {
  it.each([
    ['duplicate keys', [FORM[0]!, { ...FORM[0]!, label: '人数' }], 'DUPLICATE_FIELD'],
    ['a choice with one option', [{ ...FORM[2]!, options: ['是'] }], 'CHOICE_OPTIONS'],
    ['repeated options', [{ ...FORM[2]!, options: ['是', '是'] }], 'DUPLICATE_OPTION'],
    ['options on a number', [{ ...FORM[0]!, options: ['1', '2'] }], 'OPTIONS_NOT_ALLOWED'],
  ] as const)('refuses %s', (_, fields, code) => {
    expect(checkReplyForm(fields as unknown as NoticeField[]).map((p) => p.code)).toEqual([code]);
  });
  it('takes a well-formed form', () => expect(checkReplyForm(FORM)).toEqual([]));

  it.each([
    [{ members: 12, done: '已完成' }, [], { members: 12, heldOn: null, done: '已完成', note: null }],
    [{ members: '12', heldOn: '2026-11-20', done: '未完成', note: '  按时 ' }, [], { members: 12, heldOn: '2026-11-20', done: '未完成', note: '按时' }],
    [{ done: '已完成' }, ['values.members:REQUIRED'], null],
    [{ members: '十二', done: '已完成' }, ['values.members:NOT_NUMBER'], null],
    [{ members: 1, heldOn: '2026-02-30', done: '已完成' }, ['values.heldOn:NOT_DATE'], null],
    [{ members: 1, done: '也许' }, ['values.done:NOT_AN_OPTION'], null],
    [{ members: 1, done: '已完成', extra: 'x' }, ['values.extra:UNKNOWN_FIELD'], null],
    [{ members: 1, done: '已完成', note: '字'.repeat(501) }, ['values.note:TOO_LONG'], null],
  ] as const)('checks %j', (values, problems, cleaned) => {
    const r = checkReply(FORM, values as Record<string, unknown>);
    expect(r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(problems);
    if (cleaned) expect(r.values).toEqual(cleaned);
  });

  it('a reply may change until the deadline day, inclusive', () => {
    expect(replyOpen(null, '2026-12-05')).toBe(true);
    expect(replyOpen('2026-12-05', '2026-12-05')).toBe(true);
    expect(replyOpen('2026-12-04', '2026-12-05')).toBe(false);
  });
});
