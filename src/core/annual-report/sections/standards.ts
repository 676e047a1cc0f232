import { TEMPLATE_LABELS } from '../../../domain/standards/standards-catalogue.js';
import { resultLabel } from '../../../domain/standards/standards-score.js';
import { ASSESSMENT_STATUS_LABELS, type AssessmentStatus } from '../../../domain/standards/standards-status.js';
import { checklistsOf } from '../report-figures.repository.js';
import type { SectionProvider } from './section.js';

/** 标准化建设: each checklist the organisation assessed itself against this year, its state and, once reviewed, the score and stars. */
export const standardsSection: SectionProvider = {
  key: 'standards', title: '标准化建设',
  async collect({ db, org, year }) {
    const rows = await checklistsOf(db, org.id, year);
    const link = `/orgs/${org.id}/standards`;
    if (!rows.length) return [{ key: 'none', label: '本年自评', value: '未开展', source: '标准化建设自评记录', link }];
    return rows.map((r) => ({
      key: r.template_id, label: TEMPLATE_LABELS[r.template_id as keyof typeof TEMPLATE_LABELS] ?? r.template_id,
      value: r.status === 'passed' ? `${ASSESSMENT_STATUS_LABELS.passed}，${r.total ?? '—'}分，${resultLabel(r.stars)}` : ASSESSMENT_STATUS_LABELS[r.status as AssessmentStatus],
      source: '标准化建设自评和街道、区县审核记录', link,
    }));
  },
};
