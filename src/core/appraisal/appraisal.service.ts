import type { AppraisalMarkInput, AppraisalSheet } from '../../contracts/appraisal.js';
import type { Db, Executor } from '../../db/schema.js';
import type { AppraisalMark } from '../../db/tables/annual-report.js';
import { APPRAISAL_KIND_LABELS, GRADE_LABELS, gradeOf, templateFor, totalOf, type AppraisalKind, type AppraisalTemplate } from '../../domain/appraisal.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { reportField } from '../annual-report/annual-report.access.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { evidenceFor } from './appraisal-evidence.js';
import { canMark, openSubject, reviewerLevel, type Subject } from './appraisal.access.js';
import { readAppraisalSettings } from './appraisal-settings.js';
import * as repo from './appraisal.repository.js';

/**
 * The score sheet of a secretary's 述职评议 or an instructor's 考核 (docs/annual-report.md
 * "Appraisal"): the template in force at the year's end, each item's evidence drawn from the records
 * with its source, the street's and the district's marks, the total, grade and 补贴档次. Marking is
 * one transaction: locked, versioned (409), the evidence as it stood stored with the marks, audited.
 */
function sheetTemplate(kind: AppraisalKind, year: number): AppraisalTemplate {
  try {
    return templateFor(kind, `${year}-12-31`);
  } catch {
    throw reportField('year', 'NO_TEMPLATE', '该年度没有适用的评分表');
  }
}

async function evidenceOf(db: Executor, t: AppraisalTemplate, s: Subject) {
  const out = new Map<string, Awaited<ReturnType<typeof evidenceFor>>>();
  for (const item of t.items) out.set(item.key, item.evidence ? await evidenceFor(db, item.evidence, s.evidence) : []);
  return out;
}

export async function getAppraisal(db: Db | Executor, actor: Actor, kind: AppraisalKind, id: string, year: number): Promise<AppraisalSheet> {
  const t = sheetTemplate(kind, year);
  const s = await openSubject(db, actor, kind, id, year, 'read');
  const [row, evidence, markable] = await Promise.all([repo.findAppraisal(db, kind, id, year), evidenceOf(db, t, s), canMark(db, actor, s)]);
  const marks = row?.marks ?? [];
  const mark = (item: string, reviewer: AppraisalMark['reviewer']) => marks.find((m) => m.item === item && m.reviewer === reviewer)?.score ?? null;
  const total = row?.total == null ? null : Number(row.total);
  const grade = gradeOf(t, total);
  return {
    kind, kindLabel: APPRAISAL_KIND_LABELS[kind], subjectId: id, subjectName: s.subjectName, year, personId: s.personId, personName: s.personName,
    template: { id: t.id, name: t.name, source: t.source, validFrom: t.validFrom },
    items: t.items.map((i) => ({ key: i.key, label: i.label, weight: i.weight, guide: i.guide, evidence: evidence.get(i.key) ?? [], marks: { street: mark(i.key, 'street'), district: mark(i.key, 'district') } })),
    total, grade, gradeLabel: grade ? GRADE_LABELS[grade] : null, allowance: row?.allowance ?? null,
    thresholds: t.thresholds.map((x) => ({ label: GRADE_LABELS[x.grade], min: x.min })),
    comment: row?.comment ?? null, version: row?.version ?? 0,
    markable: markable && s.personId !== null, reviewerLevel: markable ? reviewerLevel(actor, s.regionCode) : null,
  };
}

function checkMarks(t: AppraisalTemplate, input: AppraisalMarkInput): void {
  const seen = new Set<string>();
  input.marks.forEach((m, i) => {
    const item = t.items.find((x) => x.key === m.item);
    if (!item) throw reportField(`marks[${i}].item`, 'UNKNOWN_ITEM', '评分表中没有该项目');
    if (seen.has(m.item)) throw reportField(`marks[${i}].item`, 'DUPLICATE_ITEM', '同一项目只能评一次分');
    seen.add(m.item);
    if (m.score > item.weight) throw reportField(`marks[${i}].score`, 'TOO_MANY', `“${item.label}”最高${item.weight}分`);
  });
}

export async function markAppraisal(db: Db, actor: Actor, kind: AppraisalKind, id: string, input: AppraisalMarkInput): Promise<AppraisalSheet> {
  const t = sheetTemplate(kind, input.year);
  checkMarks(t, input);
  await db.transaction().execute(async (tx) => {
    const s = await openSubject(tx, actor, kind, id, input.year, 'mark');
    if (!s.personId) throw new AppError('CONFLICT', '该党组织年末没有在任书记，不能评议', [{ field: 'year', code: 'NO_SECRETARY', message: '年末没有在任书记' }]);
    const level = reviewerLevel(actor, s.regionCode);
    let row = await repo.findAppraisal(tx, kind, id, input.year, true);
    if (!row) {
      if (input.version !== 0) throw versionConflict();
      row = await repo.insertAppraisal(tx, { kind, subject_id: id, person_id: s.personId, year: input.year, template_id: t.id });
    } else if (row.version !== input.version) throw versionConflict();
    const marks: AppraisalMark[] = [...row.marks.filter((m) => m.reviewer !== level), ...input.marks.map((m) => ({ item: m.item, reviewer: level, score: m.score }))];
    const total = totalOf(t, marks);
    const grade = gradeOf(t, total);
    const settings = await readAppraisalSettings(tx);
    const evidence = [...(await evidenceOf(tx, t, s)).entries()].map(([item, figures]) => ({ item, figures }));
    const after = await repo.updateAppraisal(tx, row.id, row.version, {
      marks: JSON.stringify(marks), evidence: JSON.stringify(evidence), total, grade, allowance: grade ? settings.allowance[grade] : null,
      comment: input.comment || null, marked_by: actor.userId, template_id: t.id, person_id: s.personId,
    });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'appraisal.mark', entity: 'appraisal', entityId: row.id, before: { marks: row.marks, total: row.total, version: row.version }, after: { kind, year: input.year, level, marks, total, grade, version: after.version } });
  });
  return getAppraisal(db, actor, kind, id, input.year);
}
