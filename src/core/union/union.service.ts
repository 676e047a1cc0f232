import type { Db, Executor } from '../../db/schema.js';
import type { IntervalEnd } from '../../contracts/party-org.js';
import type {
  Congress, CongressAdd, Contract, ContractAdd, Union, UnionCoverage, UnionCoverageAdd, UnionCreate, UnionDissolve, UnionUpdate,
} from '../../contracts/union.js';
import { AppError, notFound } from '../../domain/errors.js';
import { termEnd, todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { regionInScope } from '../access/scope.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { toCongress, toContract, toUnion, UNION_COLUMNS } from './union.mapper.js';
import {
  endOpenUnionCoverage, findOverlappingUnionCoverage, findUnion, findUnionCoverage, findVisibleEnterpriseForUnion, insertContract,
  insertCongress, insertUnion, insertUnionCoverage, insertUnionEvent, lockUnion, setUnionCoverageUntil, updateUnion,
  type UnionRow, type UnionUpdateRow,
} from './union.repository.js';

const versionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');

/** The union as `actor` may see it for union.manage; active unless `allowDissolved`. */
export async function openUnion(tx: Executor, actor: Actor, id: string, action: 'union.read' | 'union.manage' = 'union.manage') {
  const scope = requireAction(actor, action);
  const u = /^\d{1,18}$/.test(id) ? await findUnion(tx, scope, id) : undefined;
  if (!u) throw notFound('工会');
  return { union: u, scope };
}

function assertUnionPlacement(actor: Actor, v: { regionCode?: string | null; parkId?: string | null; associationId?: string | null }): void {
  const scope = requireAction(actor, 'union.manage');
  const ok = regionInScope(scope, v.regionCode ?? null)
    || (!!v.parkId && scope.parkIds.includes(v.parkId)) || (!!v.associationId && scope.associationIds.includes(v.associationId));
  if (!ok) throw new AppError('FORBIDDEN', '无权在该区划（园区、协会）设置工会', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '不在您的管理范围内' }]);
}

export async function createUnion(db: Db, actor: Actor, input: UnionCreate): Promise<Union> {
  return db.transaction().execute((tx) => createUnionIn(tx, actor, input));
}

export async function createUnionIn(tx: Executor, actor: Actor, input: UnionCreate): Promise<Union> {
  assertUnionPlacement(actor, input);
  const termEndsOn = input.termEndsOn ?? (input.foundedOn && input.termYears ? termEnd(input.foundedOn, input.termYears) : null);
  const row = await insertUnion(tx, {
    name: input.name, code: input.code ?? null, kind: input.kind, parent_id: input.parentId ?? null, region_code: input.regionCode ?? null,
    park_id: input.parkId ?? null, association_id: input.associationId ?? null, founded_on: input.foundedOn ?? null,
    term_years: input.termYears ?? null, term_ends_on: termEndsOn, members: input.members ?? 0, female_members: input.femaleMembers ?? 0,
    has_committee: input.hasCommittee ?? false, organiser_person_id: input.organiserPersonId ?? null,
    has_women_committee: input.hasWomenCommittee ?? false, women_committee_member: input.womenCommitteeMember ?? false,
    funds_basis: input.fundsBasis ?? null, monthly_payroll: input.monthlyPayroll ?? null,
  }).catch(dbConflict);
  const out = toUnion(row);
  await insertUnionEvent(tx, { unionId: row.id, kind: 'created', at: row.founded_on ?? today(), data: { union: out }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'union.create', entity: 'union', entityId: row.id, after: out });
  return out;
}

export async function updateUnionFacts(db: Db, actor: Actor, id: string, input: UnionUpdate): Promise<Union> {
  return db.transaction().execute((tx) => updateUnionIn(tx, actor, id, input));
}

export async function updateUnionIn(tx: Executor, actor: Actor, id: string, input: UnionUpdate): Promise<Union> {
  const { union } = await openUnion(tx, actor, id);
  if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能修改');
  const { set, diff } = changedUnionColumns(union, input.changes);
  if (!Object.keys(diff).length) return toUnion(union);
  if ('region_code' in set || 'park_id' in set || 'association_id' in set) assertUnionPlacement(actor, input.changes);
  const row = await updateUnion(tx, id, input.version, set).catch(dbConflict);
  if (!row) throw versionConflict();
  await insertUnionEvent(tx, { unionId: id, kind: 'adjusted', at: input.at ?? today(), data: { changes: diff, reason: input.reason ?? null }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'union.update', entity: 'union', entityId: id, before: toUnion(union), after: toUnion(row) });
  return toUnion(row);
}

function changedUnionColumns(u: UnionRow, changes: UnionUpdate['changes']) {
  const set: Record<string, unknown> = {};
  const diff: Record<string, [unknown, unknown]> = {};
  for (const [key, column] of Object.entries(UNION_COLUMNS)) {
    const next = (changes as Record<string, unknown>)[key];
    if (next === undefined) continue;
    const prev = (u as Record<string, unknown>)[column] ?? null;
    const same = column === 'monthly_payroll' ? (prev === null ? next === null : Number(prev) === next) : prev === (next ?? null);
    if (same) continue;
    set[column] = next ?? null;
    diff[key] = [prev, next ?? null];
  }
  return { set: set as UnionUpdateRow, diff };
}

export async function dissolveUnion(db: Db, actor: Actor, id: string, input: UnionDissolve): Promise<Union> {
  return db.transaction().execute(async (tx) => {
    const { union } = await openUnion(tx, actor, id);
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销');
    const row = await updateUnion(tx, id, input.version, { status: 'dissolved', dissolved_on: input.on });
    if (!row) throw versionConflict();
    const coverageEnded = await endOpenUnionCoverage(tx, id, input.on);
    await insertUnionEvent(tx, { unionId: id, kind: 'dissolved', at: input.on, data: { reason: input.reason, coverageEnded }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.dissolve', entity: 'union', entityId: id, before: toUnion(union), after: toUnion(row) });
    return toUnion(row);
  });
}

async function openActiveLocked(tx: Executor, actor: Actor, id: string) {
  const found = await openUnion(tx, actor, id);
  if (found.union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能变更');
  await lockUnion(tx, id);
  return found;
}

export async function addUnionCoverage(db: Db, actor: Actor, unionId: string, input: UnionCoverageAdd): Promise<UnionCoverage> {
  return db.transaction().execute((tx) => addUnionCoverageIn(tx, actor, unionId, input));
}

export async function addUnionCoverageIn(tx: Executor, actor: Actor, unionId: string, input: UnionCoverageAdd): Promise<UnionCoverage> {
  const { scope } = await openActiveLocked(tx, actor, unionId);
  const ent = await findVisibleEnterpriseForUnion(tx, scope, input.enterpriseId);
  if (!ent) throw notFound('企业');
  if (await findOverlappingUnionCoverage(tx, unionId, ent.id, input.since)) throw new AppError('CONFLICT', `该工会已覆盖“${ent.name}”（时间段重叠）`);
  const id = await insertUnionCoverage(tx, { unionId, enterpriseId: ent.id, since: input.since });
  const out: UnionCoverage = { id, unionId, enterpriseId: ent.id, enterpriseName: ent.name, since: input.since, until: null };
  await insertUnionEvent(tx, { unionId, kind: 'coverage_added', at: input.since, data: { enterpriseId: ent.id, enterpriseName: ent.name }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'union.coverage.add', entity: 'union', entityId: unionId, after: out });
  return out;
}

export async function endUnionCoverage(db: Db, actor: Actor, unionId: string, coverageId: string, input: IntervalEnd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await openActiveLocked(tx, actor, unionId);
    const c = await findUnionCoverage(tx, unionId, coverageId);
    if (!c) throw notFound('覆盖记录');
    if (c.until !== null) throw new AppError('CONFLICT', '该覆盖已结束');
    if (input.until <= c.since) throw new AppError('VALIDATION_FAILED', `结束日期须晚于开始日期 ${c.since}`, [{ field: 'until', code: 'UNTIL_BEFORE_SINCE', message: '结束日期须晚于开始日期' }]);
    await setUnionCoverageUntil(tx, coverageId, input.until);
    await insertUnionEvent(tx, { unionId, kind: 'coverage_ended', at: input.until, data: { enterpriseId: c.enterprise_id, reason: input.reason ?? null }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.coverage.end', entity: 'union', entityId: unionId, before: { coverageId, until: null }, after: { coverageId, until: input.until } });
  });
}

/** Records a workers' congress (职代会) or all-employee assembly (职工大会) session. */
export async function addCongress(db: Db, actor: Actor, unionId: string, input: CongressAdd): Promise<Congress> {
  return db.transaction().execute(async (tx) => {
    await openActiveLocked(tx, actor, unionId);
    const out = toCongress(await insertCongress(tx, { unionId, heldOn: input.heldOn, kind: input.kind, session: input.session ?? null, notes: input.notes ?? null }));
    await insertUnionEvent(tx, { unionId, kind: 'congress_held', at: input.heldOn, data: { congress: out }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.congress.add', entity: 'union', entityId: unionId, after: out });
    return out;
  });
}

/** Records a collective or wage contract with its term (集体合同 1–3 years, domain-rules §6.4). */
export async function addContract(db: Db, actor: Actor, unionId: string, input: ContractAdd): Promise<Contract> {
  return db.transaction().execute((tx) => addContractIn(tx, actor, unionId, input));
}

export async function addContractIn(tx: Executor, actor: Actor, unionId: string, input: ContractAdd): Promise<Contract> {
  await openActiveLocked(tx, actor, unionId);
  const out = toContract(await insertContract(tx, { unionId, ...input, filedOn: input.filedOn ?? null }));
  await insertUnionEvent(tx, { unionId, kind: 'contract_signed', at: input.signedOn, data: { contract: out }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'union.contract.add', entity: 'union', entityId: unionId, after: out });
  return out;
}

function dbConflict(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === '23505') throw new AppError('CONFLICT', '同一区划内已有同名工会（或代码重复）', [{ field: 'name', code: 'DUPLICATE', message: '名称或代码重复' }]);
  if (code === '23503') throw new AppError('VALIDATION_FAILED', '引用的上级工会、园区、协会或人员不存在');
  throw err;
}
