import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { DB, Executor } from '../../db/schema.js';
import type { SurveyTargetState } from '../../db/tables/survey.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';

/** SQL of 排查摸底. Every target query passes through the access layer's enterprise filter. */
export function enterpriseVisible(scopes: readonly Scope[]): Expression<SqlBool> {
  const eb = expressionBuilder<DB & { e: DB['enterprise'] }, 'e'>();
  return scopes.length ? eb.or(scopes.map((s) => enterpriseInScope(s)(eb))) : sql<SqlBool>`FALSE`;
}

export const findCampaign = (db: Executor, id: string) =>
  db.selectFrom('survey_campaign').selectAll().where('id', '=', id).executeTakeFirst();
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function insertCampaign(tx: Executor, v: {
  name: string; regionPrefix: string; intro: string | null; fields: unknown; filter: unknown; closesOn: string; createdBy: string | null;
}): Promise<CampaignRow> {
  return tx.insertInto('survey_campaign').values({
    name: v.name, region_prefix: v.regionPrefix, intro: v.intro, fields: JSON.stringify(v.fields), target_filter: JSON.stringify(v.filter),
    closes_on: v.closesOn, created_by: v.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export type TargetFilter = { regionPrefix: string; coverageStatus?: string; industry?: string; sizeClass?: string };

/**
 * Fixes the campaign's targets: every enterprise in the creator's scope matching the filter, in
 * operation or not closed, one row each with its street (first 9 digits of its region) and a nonce.
 */
export async function insertTargets(tx: Executor, campaignId: string, scope: Scope, f: TargetFilter): Promise<number> {
  const eb = expressionBuilder<DB & { e: DB['enterprise'] }, 'e'>();
  const parts: Expression<SqlBool>[] = [enterpriseInScope(scope)(eb), eb('e.region_code', 'like', `${f.regionPrefix}%`), eb('e.operating_status', '=', 'active')];
  if (f.industry) parts.push(eb('e.industry', '=', f.industry));
  if (f.sizeClass) parts.push(eb('e.size_class', '=', f.sizeClass as 'large'));
  if (f.coverageStatus) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM enterprise_coverage c WHERE c.id = e.id AND c.status = ${f.coverageStatus})`);
  const r = await sql<{ n: number }>`WITH ins AS (
      INSERT INTO survey_target (campaign_id, enterprise_id, street_code, link_nonce)
      SELECT ${campaignId}, e.id, substr(e.region_code, 1, 9), substr(md5(random()::text || clock_timestamp()::text || e.id::text), 1, 16)
      FROM enterprise e WHERE ${eb.and(parts)} ORDER BY e.id
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(tx);
  return r.rows[0]?.n ?? 0;
}

const TARGET_COLUMNS = [
  't.id', 't.campaign_id', 't.enterprise_id', 't.street_code', 't.link_nonce', 't.revoked_at', 't.state', 't.answered_at',
  't.respondent', 't.version', 'e.name as enterprise_name', 'e.version as enterprise_version', 'e.region_code',
] as const;

export type TargetQuery = { street?: string; state?: SurveyTargetState; after?: string; limit: number; ids?: string[] };

export async function listTargets(db: Executor, campaignId: string, scopes: readonly Scope[], q: TargetQuery) {
  let query = db.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
    .where('t.campaign_id', '=', campaignId).where(() => enterpriseVisible(scopes));
  if (q.street) query = query.where('t.street_code', '=', q.street);
  if (q.state) query = query.where('t.state', '=', q.state);
  if (q.after) query = query.where('t.id', '>', q.after);
  if (q.ids) query = query.where('t.id', 'in', q.ids.length ? q.ids : ['0']);
  return query.select([...TARGET_COLUMNS])
    .select((eb) => eb.selectFrom('survey_answer as a').whereRef('a.target_id', '=', 't.id').where('a.state', '=', 'proposed')
      .select(sql<number>`count(*)::int`.as('n')).as('pending'))
    .select((eb) => eb.selectFrom('region as r').whereRef('r.code', '=', sql`rpad(t.street_code, 12, '0')`).select('r.name').as('street_name'))
    .orderBy('t.id').limit(q.limit).execute();
}
export type TargetRow = Awaited<ReturnType<typeof listTargets>>[number];

export async function countTargets(db: Executor, campaignId: string, scopes: readonly Scope[], q: Pick<TargetQuery, 'street' | 'state'>): Promise<number> {
  let query = db.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
    .where('t.campaign_id', '=', campaignId).where(() => enterpriseVisible(scopes));
  if (q.street) query = query.where('t.street_code', '=', q.street);
  if (q.state) query = query.where('t.state', '=', q.state);
  const r = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  return r?.n ?? 0;
}

/** One target by id, if its enterprise is visible; `lock` takes the row for a change. */
export async function findTarget(db: Executor, targetId: string, scopes: readonly Scope[], lock = false) {
  let q = db.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
    .where('t.id', '=', targetId).where(() => enterpriseVisible(scopes)).select([...TARGET_COLUMNS])
    .select(sql<number>`0`.as('pending')).select(sql<string | null>`NULL`.as('street_name'));
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

/** Per street: targets, answered (answered or reviewed), reviewed, with an accepted change. */
export async function progressByStreet(db: Executor, campaignId: string, scopes: readonly Scope[]) {
  const r = await db.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
    .leftJoin('region as r', (j) => j.on('r.code', '=', sql`rpad(t.street_code, 12, '0')`))
    .where('t.campaign_id', '=', campaignId).where(() => enterpriseVisible(scopes))
    .select(['t.street_code', 'r.name as street_name'])
    .select(sql<number>`count(*)::int`.as('sent'))
    .select(sql<number>`count(*) FILTER (WHERE t.state <> 'sent')::int`.as('answered'))
    .select(sql<number>`count(*) FILTER (WHERE t.state = 'reviewed')::int`.as('reviewed'))
    .select(sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM survey_answer a WHERE a.target_id = t.id AND a.state = 'accepted'))::int`.as('accepted'))
    .groupBy(['t.street_code', 'r.name']).orderBy('t.street_code').execute();
  return r;
}

export async function listCampaigns(db: Executor, scopes: readonly Scope[], managePrefixes: readonly string[] | 'all') {
  const manageable = managePrefixes === 'all' ? sql<SqlBool>`TRUE`
    : managePrefixes.length ? sql<SqlBool>`(${sql.join(managePrefixes.map((p) => sql`c.region_prefix LIKE ${`${p}%`}`), sql` OR `)})` : sql<SqlBool>`FALSE`;
  return db.selectFrom('survey_campaign as c').selectAll('c')
    .select(manageable.as('manageable'))
    .select(sql<number>`(SELECT count(*) FROM survey_target t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.campaign_id = c.id AND ${enterpriseVisible(scopes)})::int`.as('sent'))
    .select(sql<number>`(SELECT count(*) FROM survey_target t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.campaign_id = c.id AND t.state <> 'sent' AND ${enterpriseVisible(scopes)})::int`.as('answered'))
    .select(sql<number>`(SELECT count(*) FROM survey_target t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.campaign_id = c.id AND t.state = 'reviewed' AND ${enterpriseVisible(scopes)})::int`.as('reviewed'))
    .select(sql<number>`(SELECT count(*) FROM survey_target t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.campaign_id = c.id AND ${enterpriseVisible(scopes)}
      AND EXISTS (SELECT 1 FROM survey_answer a WHERE a.target_id = t.id AND a.state = 'accepted'))::int`.as('accepted'))
    .orderBy('c.id', 'desc').limit(500).execute();
}
export type CampaignListRow = Awaited<ReturnType<typeof listCampaigns>>[number];

export async function setCampaignStatus(tx: Executor, id: string, version: number, status: 'open' | 'closed') {
  return tx.updateTable('survey_campaign').set({ status, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function updateTarget(tx: Executor, id: string, set: { state?: SurveyTargetState; revoked_at?: Date | null; link_nonce?: string; answered_at?: Date; respondent?: string | null }) {
  return tx.updateTable('survey_target').set({ ...set, version: sql`version + 1` }).where('id', '=', id).returning(['id', 'version', 'state']).executeTakeFirstOrThrow();
}

export const listAnswers = (db: Executor, targetId: string) =>
  db.selectFrom('survey_answer as a').leftJoin('app_user as u', 'u.id', 'a.decided_by').selectAll('a').select('u.display_name as decided_by_name')
    .where('a.target_id', '=', targetId).orderBy('a.id').execute();
export type AnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

export async function replaceAnswers(tx: Executor, targetId: string, rows: Array<{
  field_key: string; fact: string | null; old_value: unknown; new_value: unknown; old_enc: string | null; value_enc: string | null; key_id: string | null;
  state: 'info' | 'same' | 'proposed';
}>): Promise<boolean> {
  const gone = await tx.deleteFrom('survey_answer').where('target_id', '=', targetId).executeTakeFirst();
  if (rows.length) {
    await tx.insertInto('survey_answer').values(rows.map((r) => ({
      target_id: targetId, field_key: r.field_key, fact: r.fact, old_value: r.old_value === undefined ? null : JSON.stringify(r.old_value),
      new_value: r.new_value === undefined ? null : JSON.stringify(r.new_value), old_enc: r.old_enc, value_enc: r.value_enc, key_id: r.key_id, state: r.state,
    }))).execute();
  }
  return Number(gone.numDeletedRows) > 0;
}

export async function decideAnswers(tx: Executor, ids: string[], state: 'accepted' | 'rejected', actorId: string | null, note: string | null): Promise<void> {
  if (!ids.length) return;
  await tx.updateTable('survey_answer').set({ state, decided_by: actorId, decided_at: sql`now()`, decision_note: note }).where('id', 'in', ids).execute();
}

/** The window's count after this hit (INSERT … ON CONFLICT takes the row lock: no lost hits). */
export async function bumpThrottle(db: Executor, bucket: string, windowStart: Date): Promise<number> {
  const r = await db.insertInto('survey_throttle').values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`survey_throttle.hits + 1` }))
    .returning('hits').executeTakeFirstOrThrow();
  return r.hits;
}
export const pruneThrottle = (db: Executor, before: Date) => db.deleteFrom('survey_throttle').where('window_start', '<', before).execute();

/** The enterprise facts a form can show or change, as stored. */
export const enterpriseFacts = (db: Executor, id: string) =>
  db.selectFrom('enterprise as e').where('e.id', '=', id)
    .select(['e.id', 'e.name', 'e.version', 'e.employee_count', 'e.member_count', 'e.union_reported', 'e.contact_name', 'e.contact_phone_enc'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM union_coverage uc JOIN union_org u ON u.id = uc.union_id WHERE uc.enterprise_id = e.id AND uc.until IS NULL AND u.status = 'active')`.as('has_union_record'))
    .executeTakeFirstOrThrow();
export type EnterpriseFactsRow = Awaited<ReturnType<typeof enterpriseFacts>>;
