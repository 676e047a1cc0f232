import type {
  CommitteeGapPage, CommitteeGapQuery, MediationBody, MediationBodyCreate, MediationBodyDetail, MediationBodyListQuery, MediationBodyPage,
  MediationBodyUpdate, Mediator, MediatorAdd,
} from '../../contracts/mediation.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { MEDIATION_RULE_CATALOGUE } from '../../domain/rules/mediation.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import { notManaged } from '../access/managed.js';
import { holdsAction, requireAction } from '../access/require.js';
import { regionInScope, scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { constraintFault, faultToAppError } from '../../db/constraint-catalogue.js';
import { findUnion } from '../union/union.repository.js';
import { toBody } from './mediation.mapper.js';
import { maskedPhone, resolvePerson } from './mediation-people.js';
import * as repo from './mediation.repository.js';
import { sql } from 'kysely';

/**
 * Mediation bodies (docs/unions.md, "劳动争议调解"): an enterprise's 劳动争议调解委员会 or a street body,
 * read with union.read and changed with union.manage, both by the body's own place.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
export const mediationVersionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
const dbConflict = (err: unknown): never => {
  const fault = constraintFault(err);
  throw fault ? faultToAppError(fault) : err;
};

export async function readBody(db: Executor, actor: Actor, id: string): Promise<repo.BodyView> {
  const scope = requireAction(actor, 'union.read');
  const b = validId(id) ? await repo.findBody(db, scope, id) : undefined;
  if (!b) throw notFound('调解组织');
  return b;
}

/** The body for a change: in the union.manage scope by its place; seen but not managed → 403 NOT_MANAGED. */
export async function manageBody(tx: Executor, actor: Actor, id: string): Promise<repo.BodyView> {
  const scope = requireAction(actor, 'union.manage');
  const b = validId(id) ? await repo.findBody(tx, scope, id) : undefined;
  if (b) {
    if (b.status !== 'active') throw new AppError('CONFLICT', '该调解组织已撤销，不能变更');
    return b;
  }
  if (validId(id) && holdsAction(actor, 'union.read') && (await repo.findBody(tx, scopeFor(actor, 'union.read'), id))) throw notManaged('调解组织');
  throw notFound('调解组织');
}

const canManageBody = async (db: Executor, actor: Actor, id: string) =>
  holdsAction(actor, 'union.manage') && !!(await repo.findBody(db, scopeFor(actor, 'union.manage'), id));

export async function listBodies(db: Db, actor: Actor, q: MediationBodyListQuery): Promise<MediationBodyPage> {
  const scope = requireAction(actor, 'union.read');
  const [rows, total] = await Promise.all([repo.listBodies(db, scope, q), repo.countBodies(db, scope, q)]);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toBody), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total };
}

export async function getBodyDetail(db: Db, keyring: Keyring, actor: Actor, id: string): Promise<MediationBodyDetail> {
  const b = await readBody(db, actor, id);
  const [members, manageable] = await Promise.all([repo.listMediators(db, id), canManageBody(db, actor, id)]);
  const out: Mediator[] = members.map((m) => ({
    id: m.id, personId: m.person_id, name: m.name, phone: maskedPhone(keyring, m.phone_enc), side: m.side, basis: m.basis,
    chair: m.chair, chairBasis: m.chair_basis, since: m.since, until: m.until,
  }));
  return { ...toBody(b), members: out, manageable, chairMissing: b.kind === 'enterprise' && !out.some((m) => m.chair && m.until === null) };
}

export async function createBody(db: Db, actor: Actor, input: MediationBodyCreate): Promise<MediationBody> {
  return db.transaction().execute(async (tx) => {
    const scope = requireAction(actor, 'union.manage');
    let enterpriseId: string | null = null;
    if (input.kind === 'enterprise') {
      const ent = enterpriseInScopeSql(scope, 'e');
      const e = ent ? await tx.selectFrom('enterprise as e').select(['e.id', 'e.name']).where('e.id', '=', input.enterpriseId!).where(ent).executeTakeFirst() : undefined;
      if (!e) throw notFound('企业', 'enterpriseId');
      if (await repo.liveCommitteeOf(tx, e.id)) throw new AppError('CONFLICT', `“${e.name}”已设立劳动争议调解委员会`, [{ field: 'enterpriseId', code: 'DUPLICATE', message: '该企业已设立调解委员会' }]);
      enterpriseId = e.id;
    } else {
      const region = await tx.selectFrom('region').select(['code', 'level']).where('code', '=', input.regionCode!).executeTakeFirst();
      if (!region) throw new AppError('VALIDATION_FAILED', '区划代码不存在', [{ field: 'regionCode', code: 'UNKNOWN_REGION', message: '区划代码不存在' }]);
      if (region.level !== 4) throw new AppError('VALIDATION_FAILED', '请选择街道（乡镇）一级的区划', [{ field: 'regionCode', code: 'NOT_A_STREET', message: '应为街道（乡镇）' }]);
      if (!regionInScope(scope, input.regionCode!)) throw new AppError('FORBIDDEN', '无权在该街道设立调解组织', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '不在您的管理范围内' }]);
      await assertStreetNameFree(tx, input.regionCode!, input.name);
    }
    if (input.unionId) await assertUnion(tx, actor, input.unionId);
    const row = await repo.insertBody(tx, {
      kind: input.kind, name: input.name, enterprise_id: enterpriseId, union_id: input.unionId ?? null,
      region_code: input.kind === 'street' ? input.regionCode! : null, founded_on: input.foundedOn ?? null,
    }).catch(dbConflict);
    const out = toBody((await repo.findBody(tx, { ...scope, all: true }, row.id))!);
    await recordAudit(tx, actor, { action: 'mediation.body.create', entity: 'mediation_body', entityId: row.id, after: out });
    return out;
  });
}

/** Street bodies are unique by name within their street while active (mediation_body_street_name_key). */
async function assertStreetNameFree(tx: Executor, regionCode: string, name: string, exceptId?: string): Promise<void> {
  let q = tx.selectFrom('mediation_body').select('id').where('kind', '=', 'street').where('status', '=', 'active')
    .where('region_code', '=', regionCode).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError('CONFLICT', `该街道（乡镇）已有名为“${name}”的调解组织`, [{ field: 'name', code: 'DUPLICATE', message: '同一街道（乡镇）内已有同名调解组织' }]);
  }
}

/** A linked union must be one the caller sees. */
async function assertUnion(tx: Executor, actor: Actor, unionId: string): Promise<void> {
  if (!(await findUnion(tx, scopeFor(actor, 'union.read'), unionId, 'visible'))) throw notFound('工会', 'unionId');
}

export async function updateBody(db: Db, actor: Actor, id: string, input: MediationBodyUpdate): Promise<MediationBody> {
  return db.transaction().execute(async (tx) => {
    const b = await manageBody(tx, actor, id);
    if (b.version !== input.version) throw mediationVersionConflict();
    if (input.name !== undefined && b.kind === 'street' && input.name !== b.name) await assertStreetNameFree(tx, b.region_code!, input.name, id);
    if (input.unionId) await assertUnion(tx, actor, input.unionId);
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.unionId !== undefined ? { union_id: input.unionId } : {}),
      ...(input.foundedOn !== undefined ? { founded_on: input.foundedOn } : {}),
    };
    const row = await repo.updateBody(tx, id, input.version, set).catch(dbConflict);
    if (!row) throw mediationVersionConflict();
    const out = toBody((await repo.findBody(tx, { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] }, id))!);
    await recordAudit(tx, actor, { action: 'mediation.body.update', entity: 'mediation_body', entityId: id, before: toBody(b), after: out });
    return out;
  });
}

/** Adds a mediator under the body's row lock (one chair at a time: 第十条). */
export async function addMediator(db: Db, keyring: Keyring, actor: Actor, id: string, input: MediatorAdd): Promise<{ id: string }> {
  return db.transaction().execute(async (tx) => {
    const b = await manageBody(tx, actor, id);
    if (b.kind !== 'enterprise') throw new AppError('VALIDATION_FAILED', '街道（乡镇）调解组织的调解员不在此登记', [{ field: 'kind', code: 'NOT_A_COMMITTEE', message: '仅企业调解委员会登记组成人员' }]);
    await repo.lockBody(tx, id);
    if (input.chair) {
      const chair = await tx.selectFrom('mediation_body_member').select('id').where('body_id', '=', id).where('chair', '=', true).where('until', 'is', null).executeTakeFirst();
      if (chair) throw new AppError('CONFLICT', '该调解委员会已有主任，请先结束现任主任的任职', [{ field: 'chair', code: 'CHAIR_EXISTS', message: '已有主任' }]);
    }
    const personId = await resolvePerson(tx, keyring, actor, input.person, b.place, 'person');
    const dup = await tx.selectFrom('mediation_body_member').select('id').where('body_id', '=', id).where('person_id', '=', personId).where('until', 'is', null).executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', '此人已是该调解委员会的组成人员', [{ field: 'person', code: 'DUPLICATE', message: '已在任' }]);
    const row = await tx.insertInto('mediation_body_member').values({
      body_id: id, person_id: personId, side: input.side, basis: input.basis, chair: input.chair, chair_basis: input.chair ? input.chairBasis ?? null : null, since: input.since,
    }).returning('id').executeTakeFirstOrThrow().catch(dbConflict);
    await recordAudit(tx, actor, { action: 'mediation.member.add', entity: 'mediation_body', entityId: id, after: { personId, side: input.side, basis: input.basis, chair: input.chair, since: input.since } });
    return { id: row.id };
  });
}

export async function endMediator(db: Db, actor: Actor, id: string, memberId: string, until: string): Promise<{ ok: true }> {
  return db.transaction().execute(async (tx) => {
    await manageBody(tx, actor, id);
    await repo.lockBody(tx, id);
    const m = validId(memberId) ? await tx.selectFrom('mediation_body_member').selectAll().where('id', '=', memberId).where('body_id', '=', id).executeTakeFirst() : undefined;
    if (!m) throw notFound('调解委员会组成人员');
    if (m.until !== null) throw new AppError('CONFLICT', '该人员已离任');
    if (until <= m.since) throw new AppError('VALIDATION_FAILED', `离任日期须晚于任职日期 ${m.since}`, [{ field: 'until', code: 'UNTIL_BEFORE_SINCE', message: '离任日期须晚于任职日期' }]);
    await tx.updateTable('mediation_body_member').set({ until }).where('id', '=', memberId).execute();
    await recordAudit(tx, actor, { action: 'mediation.member.end', entity: 'mediation_body', entityId: id, before: { memberId, until: null }, after: { memberId, until } });
    return { ok: true as const };
  });
}

/** 大中型企业未设立调解委员会 in the caller's scope (《企业劳动争议协商调解规定》): a warning list with its rule. */
export async function committeeGaps(db: Db, actor: Actor, q: CommitteeGapQuery): Promise<CommitteeGapPage> {
  const rule = MEDIATION_RULE_CATALOGUE['mediation.committeeMissing'];
  const scope = requireAction(actor, 'union.read');
  const ent = enterpriseInScopeSql(scope, 'e');
  const base = { ruleId: rule.id, title: rule.title, source: rule.source };
  if (!ent) return { items: [], nextCursor: null, total: 0, ...base };
  const [rows, total] = await Promise.all([
    gapRows(db, scope, ent, q.regionPrefix, q.cursor, q.limit + 1),
    repo.committeeGapQuery(db, scope, ent, q.regionPrefix).clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, q.limit);
  return { items: page, nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total: Number(total.n), ...base };
}

export async function gapRows(db: Executor, scope: ReturnType<typeof scopeFor>, ent: NonNullable<ReturnType<typeof enterpriseInScopeSql>>, regionPrefix: string | undefined, cursor: string | undefined, limit: number) {
  let query = repo.committeeGapQuery(db, scope, ent, regionPrefix);
  if (cursor) query = query.where('e.id', '>', cursor);
  const rows = await query.orderBy('e.id').limit(limit).execute();
  const unionIds = [...new Set(rows.map((r) => r.union_id).filter((u): u is string => !!u))];
  const names = unionIds.length ? new Map((await db.selectFrom('union_org').select(['id', 'name']).where('id', 'in', unionIds).execute()).map((u) => [u.id, u.name])) : new Map<string, string>();
  return rows.map((r) => ({
    id: r.id, name: r.name, regionCode: r.region_code, streetName: r.street_name, sizeClass: r.size_class as 'large' | 'medium',
    employeeCount: r.employee_count, unionId: r.union_id, unionName: r.union_id ? names.get(r.union_id) ?? null : null,
  }));
}

export const todayForMediation = today;
