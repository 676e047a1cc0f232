import type { WorklistItem, WorklistQuery } from '../../contracts/coverage.js';
import { hasGroups, orgsWithGroups } from '../party-group/party-group.repository.js';
import type { Db } from '../../db/schema.js';
import { lifeCalendar } from '../../domain/rules/life-compliance.js';
import type { Scope } from '../access/scope.js';
import { orgIdPage } from '../coverage-facts/coverage-facts.repository.js';
import { lifeOptions } from '../life/life-settings.js';

/**
 * The 组织生活 items of the alerts work list (docs/life.md): for the organisations the reader sees
 * (org.read, own place or a link) that record their meetings here — at least one meeting — the
 * findings of the year of the day: “连续N个月未召开…”, a meeting voting without a quorum, 不活跃.
 * Organisations that have recorded nothing are left out, or every branch would be listed before the
 * first meeting is entered. The link opens the organisation's year.
 */
export type LifeBatch = { entity: 'party_org_life'; lastId: string; items: WorklistItem[] };

export async function* lifeBatches(
  db: Db, scope: Scope, q: Pick<WorklistQuery, 'regionPrefix'>, date: string, afterId: string | undefined, batch: number,
): AsyncGenerator<LifeBatch> {
  const options = await lifeOptions(db);
  for (let after = afterId; ;) {
    const rows = await orgIdPage(db, scope, { regionPrefix: q.regionPrefix, afterId: after, limit: batch });
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    const [orgs, meetings, groups] = await Promise.all([
      db.selectFrom('party_org').select(['id', 'org_type', 'founded_on']).where('id', 'in', ids).execute(),
      db.selectFrom('meeting').select(['org_id', 'kind', 'held_on', 'voting_members', 'present', 'resolutions'])
        .where('org_id', 'in', ids).where('deleted_at', 'is', null).where('held_on', '<=', date).orderBy('held_on').execute(),
      orgsWithGroups(db, ids),
    ]);
    const info = new Map(orgs.map((o) => [o.id, o]));
    const items: WorklistItem[] = [];
    for (const r of rows) {
      const own = meetings.filter((m) => m.org_id === r.id).map((m) => ({ kind: m.kind, date: m.held_on, votingMembers: m.voting_members, present: m.present, votes: m.resolutions }));
      const o = info.get(r.id);
      if (!own.length || !o) continue;
      const c = lifeCalendar({ orgType: o.org_type, since: o.founded_on, hasGroups: hasGroups(groups, r.id, own), meetings: own }, Number(date.slice(0, 4)), date, options);
      for (const f of c.findings) {
        items.push({
          link: { entity: 'party_org_life', id: r.id }, name: r.name, regionCode: r.region_code,
          ruleId: f.ruleId, severity: f.severity, title: f.title, summary: `${f.message} — 建议按期开展组织生活`, message: f.message, source: f.source,
        });
      }
    }
    after = rows.at(-1)!.id;
    yield { entity: 'party_org_life', lastId: after, items };
  }
}
