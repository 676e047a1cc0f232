import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 年度党建工作报告 and 述职评议 (docs/annual-report.md): every constraint of annual_report and
 * appraisal, driven through the fixture organisation's report (PUT …/annual-report, POST …/review)
 * and its secretary's sheet (PUT …/appraisal; the fixture has a secretary in post since 2024).
 */
const save = (body: Record<string, unknown>) => api((w: Walk) => w.api('PUT', `/api/party-orgs/${w.f.orgId}/annual-report`, { year: 2025, version: 0, ...body }));
const mark = (body: Record<string, unknown>) => api((w: Walk) => w.api('PUT', `/api/party-orgs/${w.f.orgId}/appraisal`, { year: 2025, version: 0, marks: [], ...body }));
const long = (n: number) => '字'.repeat(n);

export const ANNUAL_REPORT_PROBES: Record<string, Probe | Probe[]> = {
  annual_report_org_fk: path((w) => w.api('PUT', `/api/party-orgs/${NO_ID}/annual-report`, { year: 2025, version: 0 })),
  annual_report_year_check: [save({ year: 2017 }), save({ year: 2101 })],
  annual_report_highlights_check: save({ highlights: long(5001) }),
  annual_report_problems_check: save({ problems: long(5001) }),
  annual_report_plans_check: save({ plans: long(5001) }),
  annual_report_honours_check: save({ facts: { honours: long(1001) } }),
  annual_report_comment_check: api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/annual-report/review`, { year: 2025, version: 1, decision: 'return', comment: long(1001) })),
  'annual_report.year': save({ year: undefined }),
  appraisal_year_check: [mark({ year: 2017 }), mark({ year: 2101 })],
  appraisal_comment_check: mark({ comment: long(1001) }),
  'appraisal.year': mark({ year: undefined }),
};

export const ANNUAL_REPORT_SKIPPED: Record<string, string> = {
  annual_report_status_check: 'a literal set by the save, submit and review use cases',
  annual_report_org_year_key: 'the writer looks the (organisation, year) report up under a row lock before it inserts; version 0 creates it once',
  'annual_report.org_id': 'the organisation named in the URL, found first (404 otherwise)',
  appraisal_person_fk: 'the secretary in post or the instructor\'s person, read in the same transaction',
  appraisal_kind_check: 'a literal of the route (secretary / instructor)',
  appraisal_subject_year_key: 'the writer looks the (kind, subject, year) sheet up under a row lock before it inserts',
  'appraisal.subject_id': 'the organisation or instructor named in the URL, found first (404 otherwise)',
  'appraisal.person_id': 'the secretary in post or the instructor\'s person, read in the same transaction',
  'appraisal.kind': 'a literal of the route',
  'appraisal.template_id': 'the id of the template in force at the year\'s end (src/domain/appraisal.ts)',
};
