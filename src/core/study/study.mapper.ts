import type { StudyMaterial, StudyMaterialSummary } from '../../contracts/study.js';
import type { MaterialView } from './study.repository.js';

/** Row → contract. The publisher reads as 区县 / 街道（乡镇） / 党组织 by what published it. */
export const publisherOf = (r: MaterialView): StudyMaterialSummary['publisher'] => ({
  level: r.org_id ? 'org' : (r.publisher_level ?? 3) <= 3 ? 'district' : 'street',
  regionCode: r.region_code, orgId: r.org_id, name: r.publisher_name,
});

export const toMaterialSummary = (r: MaterialView): StudyMaterialSummary => ({
  id: r.id, title: r.title, topic: r.topic, kind: r.kind, summary: r.summary, publisher: publisherOf(r),
  publishedOn: r.published_on, status: r.status, files: r.files, learned: r.learned, manageable: r.manageable, version: r.version,
});

export const toMaterial = (r: MaterialView, attachments: StudyMaterial['attachments']): StudyMaterial => ({
  ...toMaterialSummary(r), body: r.body, url: r.url, attachments,
});
