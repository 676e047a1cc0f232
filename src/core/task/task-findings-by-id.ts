import type { Executor } from '../../db/schema.js';
import { activeFinders, type SubjectIds } from './task-finders.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The findings of named records (the incremental refresh: the ids a change touched), by the same
 * finders as the regional refresh, in pages of 2,000 ids.
 */
export type { SubjectIds } from './task-finders.js';

export async function taskFindingsByIds(db: Executor, ids: SubjectIds, date: string): Promise<TaskFinding[]> {
  const out: TaskFinding[] = [];
  for (const f of activeFinders()) {
    const list = ids[f.idsKey] ?? [];
    if (list.length) out.push(...await f.byIds(db, list, date));
  }
  return out;
}

/** The ids of some rows, keyed as the finders read them (a task's or a finding's subject table). */
export function subjectIdsOf<T>(xs: readonly T[], table: (x: T) => string, id: (x: T) => string): SubjectIds {
  const out: Record<string, string[]> = {};
  for (const f of activeFinders()) out[f.idsKey] = xs.filter((x) => table(x) === f.subjectTable).map(id);
  return out as SubjectIds;
}
