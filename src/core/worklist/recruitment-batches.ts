import type { Db } from '../../db/schema.js';
import type { WorklistItem, WorklistQuery } from '../../contracts/coverage.js';
import type { Scope } from '../access/scope.js';
import { findingsOf } from '../recruitment/recruitment.mapper.js';
import { casePeople, openCasePage } from '../recruitment/recruitment.repository.js';
import { rulesWithSettings } from '../recruitment/recruitment-settings.js';

/**
 * The 发展党员 items of the alerts work list: every finding (violation or coming deadline) of the
 * open cases the reader sees — scoped as the recruitment board (org.read, the holding organisation
 * seen by its own place or through a link). The row names the applicant and the organisation in
 * the official's words; the link opens the case.
 */
export type RecruitmentBatch = { entity: 'recruitment_case'; lastId: string; items: WorklistItem[] };

export async function* recruitmentBatches(
  db: Db, scope: Scope, q: Pick<WorklistQuery, 'regionPrefix'>, date: string, afterId: string | undefined, batch: number,
): AsyncGenerator<RecruitmentBatch> {
  const rules = await rulesWithSettings(db);
  for (let after = afterId; ;) {
    const rows = await openCasePage(db, scope, { regionPrefix: q.regionPrefix, afterId: after, limit: batch });
    if (!rows.length) return;
    const people = await casePeople(db, rows.map((r) => r.id));
    const items: WorklistItem[] = [];
    for (const r of rows) {
      for (const f of findingsOf(r, people, date, rules)) {
        items.push({
          link: { entity: 'recruitment_case', id: r.id }, name: `${r.name}（${r.org_name}）`, regionCode: r.org_region,
          ruleId: f.ruleId, severity: f.severity, title: f.title, summary: f.summary, message: f.message, source: f.source,
        });
      }
    }
    after = rows.at(-1)!.id;
    yield { entity: 'recruitment_case', lastId: after, items };
  }
}
