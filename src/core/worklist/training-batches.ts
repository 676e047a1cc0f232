import type { WorklistItem, WorklistQuery } from '../../contracts/coverage.js';
import type { Db } from '../../db/schema.js';
import { secretaryTrainingFinding } from '../../domain/rules/training-catalogue.js';
import type { Scope } from '../access/scope.js';
import { organisedVisibleSql } from '../access/training-scope.js';
import { orgIdPage } from '../coverage-facts/coverage-facts.repository.js';
import { hoursInYear } from '../training/training.repository.js';
import { trainingOptions } from '../training/training-settings.js';

/**
 * The training items of the alerts work list (docs/training.md): the secretary in post of each
 * organisation the reader sees (org.read, own place or a link) whose recorded hours this year are
 * short of the yearly hours (the province setting, else 56) — none at all is “本年度未参加培训”. Only once the reader sees a session of
 * a 党组织书记 course recorded this year: before training is kept here, every secretary would be listed.
 * The link opens the organisation.
 */
export type TrainingBatch = { entity: 'party_org_training'; lastId: string; items: WorklistItem[] };

export async function* trainingBatches(
  db: Db, scope: Scope, q: Pick<WorklistQuery, 'regionPrefix'>, date: string, afterId: string | undefined, batch: number,
): AsyncGenerator<TrainingBatch> {
  const year = Number(date.slice(0, 4));
  const used = await db.selectFrom('training_session as s').innerJoin('training_course as c', 'c.id', 's.course_id').select('s.id')
    .where('c.audience', '=', 'secretary').where('s.held_on', '>=', `${year}-01-01`).where('s.held_on', '<=', date)
    .where(organisedVisibleSql(scope, 's')).limit(1).executeTakeFirst();
  if (!used) return;
  const { secretaryHours } = await trainingOptions(db);
  for (let after = afterId; ;) {
    const rows = await orgIdPage(db, scope, { regionPrefix: q.regionPrefix, afterId: after, limit: batch });
    if (!rows.length) return;
    const secretaries = await db.selectFrom('org_position as op').innerJoin('person as p', 'p.id', 'op.person_id')
      .select(['op.org_id', 'op.person_id', 'p.name']).where('op.org_id', 'in', rows.map((r) => r.id))
      .where('op.position', '=', 'secretary').where('op.since', '<=', date).where((eb) => eb.or([eb('op.until', 'is', null), eb('op.until', '>', date)])).execute();
    const hours = await hoursInYear(db, [...new Set(secretaries.map((s) => s.person_id))], year, date);
    const items: WorklistItem[] = [];
    for (const r of rows) {
      for (const s of secretaries.filter((x) => x.org_id === r.id)) {
        const f = secretaryTrainingFinding(`书记${s.name}`, hours.get(s.person_id) ?? 0, date, secretaryHours);
        if (!f) continue;
        items.push({
          link: { entity: 'party_org_training', id: r.id }, name: r.name, regionCode: r.region_code,
          ruleId: f.ruleId, severity: f.severity, title: f.title, summary: `${f.message} — 建议安排参加书记培训`, message: f.message, source: f.source,
        });
      }
    }
    after = rows.at(-1)!.id;
    yield { entity: 'party_org_training', lastId: after, items };
  }
}
