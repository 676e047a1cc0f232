import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { CampaignTargetTable } from '../../db/tables/campaign.js';
import { NEXT_VERSION } from '../../db/versioned.js';

export type CampaignTargetRow = Selectable<CampaignTargetTable> & { region_name: string | null };
export type CampaignTargetInsert = Insertable<CampaignTargetTable>;
export type CampaignTargetUpdate = Updateable<CampaignTargetTable>;

const withName = (db: Executor) => db.selectFrom('campaign_target as t')
  .leftJoin('region as r', 'r.code', 't.region_code')
  .selectAll('t').select('r.name as region_name');

export async function findTarget(db: Executor, id: string): Promise<CampaignTargetRow | undefined> {
  return withName(db).where('t.id', '=', id).executeTakeFirst();
}

/** Targets set on any of `regionCodes` (an area and its ancestors), deadline first. */
export async function listTargetsOn(db: Executor, regionCodes: string[], includeWithdrawn: boolean): Promise<CampaignTargetRow[]> {
  if (!regionCodes.length) return [];
  let q = withName(db).where('t.region_code', 'in', regionCodes);
  if (!includeWithdrawn) q = q.where('t.status', '=', 'active');
  return q.orderBy('t.status').orderBy('t.deadline').orderBy(sql`length(r.prefix)`).orderBy('t.id').execute();
}

/** The live target of the same area, metric and deadline (the unique key), other than `exceptId`. */
export async function findActiveTwin(db: Executor, key: { regionCode: string; metric: string; deadline: string }, exceptId?: string): Promise<{ id: string } | undefined> {
  let q = db.selectFrom('campaign_target').select('id').where('region_code', '=', key.regionCode)
    .where('metric', '=', key.metric).where('deadline', '=', key.deadline).where('status', '=', 'active');
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertTarget(tx: Executor, values: CampaignTargetInsert): Promise<string> {
  return (await tx.insertInto('campaign_target').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Optimistic update: only when the stored version is still `version`; false means it moved on. */
export async function updateTarget(tx: Executor, id: string, version: number, changes: CampaignTargetUpdate): Promise<boolean> {
  const r = await tx.updateTable('campaign_target')
    .set({ ...changes, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return !!r;
}
