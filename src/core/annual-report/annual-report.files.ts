import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { htmlToPdf, withBrowser } from '../report/bulletin-render.js';
import { annualReportDocx } from './annual-report.docx.js';
import { annualReportHtml, reportTitle } from './annual-report.html.js';
import { getAnnualReport } from './annual-report.query.js';

export type ReportFormat = 'docx' | 'pdf';
const TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The report as the reader sees it (snapshot once submitted) in Word or PDF; downloading is audited. */
export async function annualReportFile(db: Db, actor: Actor, orgId: string, year: number, format: ReportFormat) {
  const r = await getAnnualReport(db, actor, orgId, year);
  const body = format === 'docx' ? await annualReportDocx(r) : await withBrowser((b) => htmlToPdf(b, annualReportHtml(r)));
  await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'annualReport.download', entity: 'party_org', entityId: orgId, after: { year, format, state: r.state } }));
  return { body, contentType: TYPES[format], fileName: `${reportTitle(r)}.${format}` };
}
