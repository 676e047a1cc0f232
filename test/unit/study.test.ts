import { describe, expect, it } from 'vitest';
import { regionsAbove } from '../../src/core/access/study-scope.js';
import { STUDY_KIND_LABELS, STUDY_KINDS, STUDY_TOPIC_LABELS, STUDY_TOPICS, studyContentMissing } from '../../src/domain/study.js';

/** 学习 (docs/study.md): what each kind of material needs, and the district and street above a place. */
describe('study materials', () => {
  it.each([
    [{ kind: 'video', url: null }, 'url'],
    [{ kind: 'audio', url: undefined }, 'url'],
    [{ kind: 'video', url: 'https://www.12371.cn/' }, null],
    [{ kind: 'text', body: null }, 'body'],
    [{ kind: 'text', body: '正文' }, null],
    [{ kind: 'document' }, null],
  ] as const)('%o lacks %s', (m, field) => {
    const missing = studyContentMissing(m);
    expect(missing?.field ?? null).toBe(field);
    if (missing) expect(missing.message).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('every topic and kind has a Chinese label', () => {
    for (const t of STUDY_TOPICS) expect(STUDY_TOPIC_LABELS[t]).toMatch(/^[\u4e00-\u9fff]+$/);
    for (const k of STUDY_KINDS) expect(STUDY_KIND_LABELS[k]).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it.each([
    ['440305', ['440305000000']],
    ['440305001', ['440305000000', '440305001000']],
    ['440305001002', ['440305000000', '440305001000']],
    ['4403', []],
  ])('the district and street at or above %s', (code, want) => {
    expect(regionsAbove(code)).toEqual(want);
  });
});
