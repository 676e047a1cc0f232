import type { ChecklistTemplate } from '../../contracts/standards.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { checklistsOn } from '../../domain/standards/standards-catalogue.js';
import { RECORD_KIND_LABELS, type ChecklistVersion, type StandardOrgKind } from '../../domain/standards/standards-types.js';

/** The catalogue as people read it: the templates in force on a day, with sources and the evidence each item takes. */
export const toTemplate = (v: ChecklistVersion): ChecklistTemplate => ({
  templateId: v.templateId, validFrom: v.validFrom, validTo: v.validTo ?? null, name: v.name, orgKind: v.orgKind, source: v.source,
  localPractice: v.localPractice, reviewLevels: [...v.reviewLevels], passMark: v.passMark, stars: [...v.stars],
  grades: v.grades ? { thresholds: [...v.grades.thresholds], source: v.grades.source } : null,
  items: v.items.map((i) => ({
    key: i.key, title: i.title, requirement: i.requirement, weight: i.weight, accepts: [...i.accepts],
    record: i.record?.record ?? null, recordLabel: i.record ? RECORD_KIND_LABELS[i.record.record] : null,
  })),
});

export function listTemplates(date = today(), orgKind?: StandardOrgKind) {
  const items = checklistsOn(date, orgKind).map(toTemplate);
  return { items, total: items.length };
}
