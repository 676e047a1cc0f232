import type { Executor } from '../../../db/schema.js';
import type { ReportFigure } from '../../../domain/annual-report.js';
import type { PartyOrgView } from '../../party-org/party-org.repository.js';

/**
 * One section of the annual report: a provider of figures drawn from one kind of record. Adding a
 * section (training, standard scores, support) is one file here and one line in sections/index.ts.
 * `asOf` is the year's last day, or today while the year is running.
 */
export type SectionContext = { db: Executor; org: PartyOrgView; year: number; asOf: string; today: string };
export type SectionProvider = { key: string; title: string; collect(c: SectionContext): Promise<ReportFigure[]> };

export const num = (v: string | number | null | undefined): number => Number(v ?? 0);
