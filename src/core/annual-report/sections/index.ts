import { changesSection } from './changes.js';
import { duesSection } from './dues.js';
import { meetingsSection } from './meetings.js';
import { membersSection } from './members.js';
import { recruitmentSection } from './recruitment.js';
import { standardsSection } from './standards.js';
import { supportSection } from './support.js';
import { trainingSection } from './training.js';
import type { SectionContext, SectionProvider } from './section.js';
import type { ReportSection } from '../../../domain/annual-report.js';

/**
 * The report's sections, in the order they print; a new kind of record joins as one provider
 * (docs/annual-report.md).
 */
export const SECTIONS: readonly SectionProvider[] = [membersSection, recruitmentSection, meetingsSection, trainingSection, standardsSection, duesSection, supportSection, changesSection];

export async function collectSections(c: SectionContext): Promise<ReportSection[]> {
  const out: ReportSection[] = [];
  for (const s of SECTIONS) out.push({ key: s.key, title: s.title, figures: await s.collect(c) });
  return out;
}
