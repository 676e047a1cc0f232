import type { Executor } from '../../db/schema.js';
import type { ReportFigure } from '../../domain/annual-report.js';
import { REPORT_STATE_LABELS } from '../../domain/annual-report.js';
import type { EvidenceKey } from '../../domain/appraisal.js';
import { findReport } from '../annual-report/annual-report.repository.js';
import { asOfFor } from '../annual-report/annual-report.query.js';
import { duesSection } from '../annual-report/sections/dues.js';
import { meetingsSection } from '../annual-report/sections/meetings.js';
import { recruitmentSection } from '../annual-report/sections/recruitment.js';
import type { SectionContext } from '../annual-report/sections/section.js';
import type { PartyOrgView } from '../party-org/party-org.repository.js';
import { gapsClosedOf, trainingHoursOf, visitsOf } from './appraisal.repository.js';
import { todayInChina } from '../../domain/org-terms.js';

/**
 * Evidence providers (docs/annual-report.md "Appraisal"): each answers one EvidenceKey for the person
 * and year with figures that say where they came from. The organisation's figures are the annual
 * report's own section providers, so the sheet and the report never disagree.
 */
export type EvidenceSubject = { year: number; personId: string | null; org?: PartyOrgView; instructorId?: string };
type Evidence = Omit<ReportFigure, 'key'>;
type Provider = (db: Executor, s: EvidenceSubject) => Promise<Evidence[]>;

const ctx = (db: Executor, s: EvidenceSubject): SectionContext => {
  const today = todayInChina();
  return { db, org: s.org!, year: s.year, asOf: asOfFor(s.year, today), today };
};
const strip = (f: ReportFigure[]): Evidence[] => f.map(({ key: _k, ...rest }) => rest);

const PROVIDERS: Record<EvidenceKey, Provider> = {
  meetingsHeld: async (db, s) => (s.org ? strip(await meetingsSection.collect(ctx(db, s))) : []),
  recruitmentSteps: async (db, s) => (s.org ? strip((await recruitmentSection.collect(ctx(db, s))).filter((f) => f.key !== 'open')) : []),
  duesRate: async (db, s) => (s.org ? strip((await duesSection.collect(ctx(db, s))).filter((f) => f.key === 'rate' || f.key === 'arrears')) : []),
  annualReport: async (db, s) => {
    if (!s.org) return [];
    const r = await findReport(db, s.org.id, s.year);
    return [{ label: `${s.year}年度党建工作报告`, value: REPORT_STATE_LABELS[r?.status ?? 'none'], source: '年度党建工作报告', link: `/orgs/${s.org.id}/annual-report?year=${s.year}` }];
  },
  trainingHours: async (db, s) => (s.personId
    ? [{ label: '本年参加培训', value: await trainingHoursOf(db, s.personId, s.year), unit: '学时', source: '培训记录（本人本年认定学时）' }]
    : []),
  visits: async (db, s) => {
    if (!s.instructorId) return [];
    const v = await visitsOf(db, s.instructorId, s.year);
    const link = `/instructors/${s.instructorId}`;
    return [
      { label: '走访记录', value: v.visits, unit: '次', source: '指导员走访记录（本年）', link },
      { label: '走访企业', value: v.enterprises, unit: '家', source: '指导员走访记录（本年走访的不同企业）', link },
    ];
  },
  gapsClosed: async (db, s) => {
    if (!s.instructorId) return [];
    const g = await gapsClosedOf(db, s.instructorId, s.year);
    const link = `/instructors/${s.instructorId}`;
    return [
      { label: '联系企业', value: g.assigned, unit: '家', source: '指导员联系企业（本年内有效的分工）', link },
      { label: '本年新实现党组织覆盖', value: g.closed, unit: '家', source: '覆盖关系（联系企业本年起被党组织覆盖，此前未覆盖）', link },
    ];
  },
};

export const evidenceFor = (db: Executor, key: EvidenceKey, s: EvidenceSubject) => PROVIDERS[key](db, s);
