import type { Paragraph, Table } from 'docx';
import { docxHeading, docxPara, docxTable } from './bulletin-docx-parts.js';
import { BEHIND_HEAD, behindCells, LIFE_HEAD, lifeCells, lifeNumber, lifeSentence, NAMED, type BulletinLife } from './bulletin-life.js';
import { UNION_HEAD, unionCells, unionNumber, unionSentence, type BulletinUnion } from './bulletin-union.js';

/** The 组织生活开展情况 section for the Word bulletin: heading, the paragraph, the areas and the branches behind. */
export function lifeDocx(b: { rows: unknown[]; targets?: { items: unknown[] }; life?: BulletinLife }): Array<Paragraph | Table> {
  const l = b.life;
  if (!l) return [];
  const behind = l.behind.slice(0, NAMED);
  return [
    docxHeading(`${lifeNumber(b)}、组织生活开展情况`), docxPara(lifeSentence(l)),
    docxTable(LIFE_HEAD, [...l.rows, { ...l.total, name: '合计' }].map(lifeCells)),
    ...(behind.length ? [docxTable(BEHIND_HEAD, behind.map(behindCells))] : []),
  ];
}

/** The 工会工作情况 section for the Word bulletin: heading, the paragraph, the areas with 合计. */
export function unionDocx(b: { rows: unknown[]; targets?: { items: unknown[] }; life?: unknown; union?: BulletinUnion }): Array<Paragraph | Table> {
  const u = b.union;
  if (!u) return [];
  return [docxHeading(`${unionNumber(b)}、工会工作情况`), docxPara(unionSentence(u)), docxTable(UNION_HEAD, [...u.rows, { ...u.total, name: '合计' }].map(unionCells))];
}
