import type { Paragraph, Table } from 'docx';
import { docxHeading, docxPara, docxTable } from './bulletin-docx-parts.js';
import { TARGET_HEAD, targetCells, targetSentence, targetsNumber, type BulletinTargets } from './bulletin-targets.js';

/** The 工作目标进展 section for the Word bulletin: heading, one paragraph per target, the table. */
export function targetsDocx(b: { rows: unknown[]; targets?: BulletinTargets }): Array<Paragraph | Table> {
  if (!b.targets?.items.length) return [];
  const { asOf, items } = b.targets;
  return [docxHeading(`${targetsNumber(b)}、工作目标进展`), ...items.map((t) => docxPara(targetSentence(t, asOf))), docxTable(TARGET_HEAD, items.map(targetCells))];
}
