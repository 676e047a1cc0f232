import type { Writable } from 'node:stream';
import type { StudyListFilter, StudyMaterialSummary } from '../../contracts/study.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { STUDY_KIND_LABELS, STUDY_STATUS_LABELS, STUDY_TOPIC_LABELS } from '../../domain/study.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { loadStudyReader } from '../access/study-scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { userIdOf } from './study.access.js';
import { toMaterialSummary } from './study.mapper.js';
import * as repo from './study.repository.js';

/**
 * The library as XLSX, for publishers (study.publish): exactly the list's rows (same scope, filter and
 * order); audited with the filter and the row count. No column about readers — there is none to give.
 */
const LEVEL = { district: '区县', street: '街道（乡镇）', org: '党组织' } as const;
const COLUMNS: ListColumn<StudyMaterialSummary>[] = [
  { header: '标题', width: 40, cell: (r) => r.title }, { header: '专题', width: 12, cell: (r) => STUDY_TOPIC_LABELS[r.topic] },
  { header: '形式', width: 8, cell: (r) => STUDY_KIND_LABELS[r.kind] }, { header: '发布单位', width: 30, cell: (r) => r.publisher.name },
  { header: '发布层级', width: 12, cell: (r) => LEVEL[r.publisher.level] }, { header: '发布日期', width: 12, cell: (r) => r.publishedOn },
  { header: '状态', width: 8, cell: (r) => STUDY_STATUS_LABELS[r.status] }, { header: '附件数', width: 8, cell: (r) => r.files },
  { header: '简介', width: 50, cell: (r) => r.summary ?? '' },
];

export function openStudyExport(db: Db, actor: Actor, filter: StudyListFilter): { title: string; write(out: Writable): Promise<number> } {
  requireAction(actor, 'study.publish');
  async function* pages(): AsyncGenerator<StudyMaterialSummary[]> {
    yield (await repo.listMaterials(db, await loadStudyReader(db, actor), userIdOf(actor), filter)).map(toMaterialSummary);
  }
  return {
    title: `学习资料-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '学习资料', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'study_material.export', entity: 'study_material', after: { filter, rows } })),
    }),
  };
}
