import type { Executor } from '../../db/schema.js';
import { RULE_KINDS } from '../../domain/task-kinds.js';
import type { Scope } from '../access/scope.js';
import { orgStatuses } from '../life/life-rollup.repository.js';
import { lifeOptions } from '../life/life-settings.js';
import { ALL, finding, inPages, type TaskFinder } from './task-finder-base.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The organisational-life finder: the life roll-up's one set-based query (life-rollup.repository.ts,
 * the same verdict as the compliance pages), status 不活跃, as of the refresh's day. The task is the
 * organisation's (anchor party_org), like the organisation's own findings.
 */
const kindOf = () => RULE_KINDS.find((k) => k.finding.ruleId === 'life.dormant');

async function dormant(db: Executor, scope: Scope, region: string | undefined, date: string): Promise<TaskFinding[]> {
  const kind = kindOf();
  if (!kind) return [];
  const rows = await orgStatuses(db, scope, { year: Number(date.slice(0, 4)), asOf: date, region, status: 'dormant', own: true, ...(await lifeOptions(db)) });
  return rows.map((r) => finding(kind, 'party_org', r.id, r.region_code, { partyOrgId: r.id }));
}

export const LIFE_FINDER: TaskFinder = {
  subjectTable: 'party_org', anchor: 'party_org', idsKey: 'partyOrgIds', feeds: (k) => k.subject === 'party_org' && k.finding.ruleId.startsWith('life.'),
  full: (db, regionPrefix, date) => dormant(db, ALL, regionPrefix, date),
  // The named organisations as a scope (their subtrees), then only those named.
  byIds: (db, ids, date) => inPages(ids, async (part) => {
    const named = new Set(part);
    const scope: Scope = { ...ALL, all: false, partyOrgIds: part };
    return (await dormant(db, scope, undefined, date)).filter((f) => named.has(f.subjectId));
  }),
};
