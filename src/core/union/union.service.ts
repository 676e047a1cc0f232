import type { Db, Executor } from '../../db/schema.js';
import type { IntervalEnd } from '../../contracts/party-org.js';
import type {
  Congress, CongressAdd, Contract, ContractAdd, Union, UnionCoverage, UnionCoverageAdd, UnionCreate, UnionDissolve, UnionUpdate,
} from '../../contracts/union.js';
import { AppError, notFound } from '../../domain/errors.js';
import { termEnd, todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { canManage, enterpriseOutOfScope, requireManaged } from '../access/managed.js';
import { assertPlacesInScope } from '../access/place.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { requireAction } from '../access/require.js';
import { assertReferencesExist } from '../references/references.js';
import { constraintFault, faultToAppError } from '../../db/constraint-catalogue.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshTasksFor, unionEnterprisesCoveredBy } from '../task/task-refresh-for.service.js';
import { toCongress, toContract, toUnion, UNION_COLUMNS } from './union.mapper.js';
import {
  endOpenUnionCoverage, findOverlappingUnionCoverage, findUnion, findUnionCoverage, findVisibleEnterpriseForUnion, insertContract,
  insertCongress, insertUnion, insertUnionCoverage, insertUnionEvent, lockUnion, setUnionCoverageUntil, updateUnion,
  type UnionRow, type UnionUpdateRow,
} from './union.repository.js';

const femaleOverMembers = () =>
  new AppError('VALIDATION_FAILED', '女会员数不能大于会员数', [{ field: 'femaleMembers', code: 'FEMALE_OVER_MEMBERS', message: '女会员数不能大于会员数' }]);
const versionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');

const validId = (id: string) => /^\d{1,18}$/.test(id);
const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findUnion(db, scope, id, mode) : Promise.resolve(undefined));

/** The union as `actor` may see it (wholly or through a link). */
export async function openUnionForRead(db: Executor, actor: Actor, id: string) {
  const scope = requireAction(actor, 'union.read');
  const u = await finder(db, id)(scope, 'visible');
  if (!u) throw notFound('工会');
  return { union: u, scope };
}

/** The union for a change: managed by its own place (never through a link), else 403 / 404. */
export async function openUnion(tx: Executor, actor: Actor, id: string) {
  const { row, scope } = await requireManaged(actor, 'union.manage', 'union.read', '工会', finder(tx, id));
  return { union: row, scope };
}

export const canManageUnion = (db: Executor, actor: Actor, id: string) => canManage(actor, 'union.manage', finder(db, id));

/**
 * A new or moved union's place must be the caller's: a region under its prefixes, or a park or
 * association it holds (listed, or registered in its regions). With a park or association given,
 * the region may lie outside (a park union registered where the park office sits).
 */
async function assertUnionPlacement(tx: Executor, actor: Actor, v: { regionCode?: string | null; parkId?: string | null; associationId?: string | null }) {
  const scope = requireAction(actor, 'union.manage');
  const byPlace = !!v.parkId || !!v.associationId;
  if (!byPlace && !regionInScope(scope, v.regionCode ?? null)) {
    throw new AppError('FORBIDDEN', '无权在该区划（园区、协会）设置工会', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '不在您的管理范围内' }]);
  }
  await assertPlacesInScope(tx, scope, v, byPlace);
  await assertReferencesExist(tx, v);
}

/** The organiser must be a person the caller can see (docs/organisations.md, "People linked"). */
async function assertOrganiser(tx: Executor, actor: Actor, personId: string | null | undefined): Promise<void> {
  if (personId) await requireVisiblePerson(tx, actor, personId, 'organiserPersonId');
}

export async function createUnion(db: Db, actor: Actor, input: UnionCreate): Promise<Union> {
  return db.transaction().execute((tx) => createUnionIn(tx, actor, input));
}

export async function createUnionIn(tx: Executor, actor: Actor, input: UnionCreate): Promise<Union> {
  await assertUnionPlacement(tx, actor, input);
  await assertReferencesExist(tx, { parentUnionId: input.parentId });
  // The contract checks this for the API; an import row that gives only 女会员数 reaches here with members left at 0.
  if ((input.femaleMembers ?? 0) > (input.members ?? 0)) throw femaleOverMembers();
  await assertOrganiser(tx, actor, input.organiserPersonId);
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
  await refreshTasksFor(tx, actor, { unionOrgIds: [row.id] }, { trigger: 'union.create' });
  return out;
}

export async function updateUnionFacts(db: Db, actor: Actor, id: string, input: UnionUpdate): Promise<Union> {
  return db.transaction().execute((tx) => updateUnionIn(tx, actor, id, input));
}

export async function updateUnionIn(tx: Executor, actor: Actor, id: string, input: UnionUpdate): Promise<Union> {
  const { union } = await openUnion(tx, actor, id);
  if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能修改');
  // A stale version is a conflict even when the values already match: the writer never saw them.
  if (union.version !== input.version) throw versionConflict();
  const { set, diff } = changedUnionColumns(union, input.changes);
  if (!Object.keys(diff).length) return toUnion(union);
  const members = (set.members as number | undefined) ?? union.members;
  if (((set.female_members as number | undefined) ?? union.female_members) > members) {
    throw femaleOverMembers();
  }
  if ('region_code' in set || 'park_id' in set || 'association_id' in set) {
    await assertUnionPlacement(tx, actor, {
      regionCode: (set.region_code as string | null | undefined) ?? union.region_code,
      parkId: 'park_id' in set ? (set.park_id as string | null) : null, associationId: 'association_id' in set ? (set.association_id as string | null) : null,
    });
  }
  if ('parent_id' in set) await assertReferencesExist(tx, { parentUnionId: set.parent_id as string | null });
  if ('organiser_person_id' in set) await assertOrganiser(tx, actor, set.organiser_person_id as string | null);
  const row = await updateUnion(tx, id, input.version, set).catch(dbConflict);
  if (!row) throw versionConflict();
  await insertUnionEvent(tx, { unionId: id, kind: 'adjusted', at: input.at ?? today(), data: { changes: diff, reason: input.reason ?? null }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'union.update', entity: 'union', entityId: id, before: toUnion(union), after: toUnion(row) });
  await refreshTasksFor(tx, actor, { unionOrgIds: [id] }, { trigger: 'union.update' });
  return toUnion({ ...row, owned: true, parent_visible: row.parent_id === union.parent_id ? union.parent_visible : true });
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
    if (union.version !== input.version) throw versionConflict();
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销');
    const row = await updateUnion(tx, id, input.version, { status: 'dissolved', dissolved_on: input.on });
    if (!row) throw versionConflict();
    const coverageEnded = await endOpenUnionCoverage(tx, id, input.on);
    await insertUnionEvent(tx, { unionId: id, kind: 'dissolved', at: input.on, data: { reason: input.reason, coverageEnded }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.dissolve', entity: 'union', entityId: id, before: toUnion(union), after: toUnion(row) });
    // The enterprises it covered may become gaps; the union's own tasks close (a dissolved union has no findings).
    await refreshTasksFor(tx, actor, { unionOrgIds: [id], enterpriseIds: await unionEnterprisesCoveredBy(tx, [id]) }, { trigger: 'union.dissolve' });
    return toUnion({ ...row, owned: true, parent_visible: union.parent_visible });
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
  if (!ent) throw notFound('企业', 'enterpriseId');
  if (await findOverlappingUnionCoverage(tx, unionId, ent.id, input.since)) throw new AppError('CONFLICT', `该工会已覆盖“${ent.name}”（时间段重叠）`);
  const id = await insertUnionCoverage(tx, { unionId, enterpriseId: ent.id, since: input.since });
  const out: UnionCoverage = { id, unionId, enterpriseId: ent.id, enterpriseName: ent.name, since: input.since, until: null };
  await insertUnionEvent(tx, { unionId, kind: 'coverage_added', at: input.since, data: { enterpriseId: ent.id, enterpriseName: ent.name }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'union.coverage.add', entity: 'union', entityId: unionId, after: out });
  await refreshTasksFor(tx, actor, { unionOrgIds: [unionId], enterpriseIds: [ent.id] }, { trigger: 'union.coverage.add' });
  return out;
}

export async function endUnionCoverage(db: Db, actor: Actor, unionId: string, coverageId: string, input: IntervalEnd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { scope } = await openActiveLocked(tx, actor, unionId);
    const c = await findUnionCoverage(tx, unionId, coverageId);
    if (!c) throw notFound('覆盖记录');
    if (!(await findVisibleEnterpriseForUnion(tx, scope, c.enterprise_id))) throw enterpriseOutOfScope();
    if (c.until !== null) throw new AppError('CONFLICT', '该覆盖已结束');
    if (input.until <= c.since) throw new AppError('VALIDATION_FAILED', `结束日期须晚于开始日期 ${c.since}`, [{ field: 'until', code: 'UNTIL_BEFORE_SINCE', message: '结束日期须晚于开始日期' }]);
    await setUnionCoverageUntil(tx, coverageId, input.until);
    await insertUnionEvent(tx, { unionId, kind: 'coverage_ended', at: input.until, data: { enterpriseId: c.enterprise_id, reason: input.reason ?? null }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.coverage.end', entity: 'union', entityId: unionId, before: { coverageId, until: null }, after: { coverageId, until: input.until } });
    await refreshTasksFor(tx, actor, { unionOrgIds: [unionId], enterpriseIds: [c.enterprise_id] }, { trigger: 'union.coverage.end' });
  });
}

/** Records a workers' congress (职代会) or all-employee assembly (职工大会) session. */
export async function addCongress(db: Db, actor: Actor, unionId: string, input: CongressAdd): Promise<Congress> {
  return db.transaction().execute(async (tx) => {
    await openActiveLocked(tx, actor, unionId);
    const out = toCongress(await insertCongress(tx, { ...input, unionId, session: input.session ?? null, notes: input.notes ?? null }));
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
  await refreshTasksFor(tx, actor, { unionOrgIds: [unionId] }, { trigger: 'union.contract.add' });
  return out;
}

/** A constraint raced past the checks above (a concurrent same name or code): the catalogue names the field. */
function dbConflict(err: unknown): never {
  const fault = constraintFault(err);
  throw fault ? faultToAppError(fault) : err;
}
