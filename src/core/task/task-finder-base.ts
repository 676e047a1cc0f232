import type { Executor } from '../../db/schema.js';
import type { RuleTaskKind, TaskAnchor } from '../../domain/task-kinds.js';
import type { Scope } from '../access/scope.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The finders of the rule engine's refresh (docs/inbox.md, "Finders"): one per kind of record whose
 * findings become tasks. A module adds a rule-fed kind by declaring the kind and, for a new kind of
 * record, one finder here — the refresh (regional and incremental) walks this list only.
 *
 * `full` reads every record placed under a region (or all) and `byIds` the named records, both in
 * keyset pages of facts evaluated in memory, like the work lists; `idsKey` is where the incremental
 * refresh's callers name its records; `feeds` are the kinds it may open (and so the tasks it may close).
 */
export type SubjectIds = { enterpriseIds?: readonly string[]; partyOrgIds?: readonly string[]; unionOrgIds?: readonly string[]; regionCodes?: readonly string[] };

export type TaskFinder = {
  subjectTable: string;
  anchor: TaskAnchor;
  idsKey: keyof SubjectIds;
  feeds: (k: RuleTaskKind) => boolean;
  full: (db: Executor, regionPrefix: string | undefined, date: string) => Promise<TaskFinding[]>;
  byIds: (db: Executor, ids: readonly string[], date: string) => Promise<TaskFinding[]>;
};

export const BATCH = 2000;
// Tasks exist whoever looks: the refresh reads every record under the region (the caller's right to
// refresh that region was checked in task-refresh.service.ts); readers are filtered in the inbox.
export const ALL: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };

export const finding = (kind: RuleTaskKind, subjectTable: string, subjectId: string, regionCode: string | null, anchor: Partial<Pick<TaskFinding, 'enterpriseId' | 'partyOrgId' | 'unionOrgId'>>): TaskFinding => ({
  kind, subjectTable, subjectId, regionCode, enterpriseId: anchor.enterpriseId ?? null, partyOrgId: anchor.partyOrgId ?? null,
  unionOrgId: anchor.unionOrgId ?? null, ruleId: kind.finding.ruleId,
});

/** Pages of ids through a by-ids evaluator (the incremental refresh, and the regional one after its keyset page). */
export async function inPages(ids: readonly string[], each: (part: string[]) => Promise<TaskFinding[]>): Promise<TaskFinding[]> {
  const out: TaskFinding[] = [];
  const list = [...new Set(ids)];
  for (let i = 0; i < list.length; i += BATCH) out.push(...await each(list.slice(i, i + BATCH)));
  return out;
}
