import type { Db, Executor } from '../../db/schema.js';
import type { PartyOrg, PartyOrgAdjust, PartyOrgCreate, PartyOrgDissolve, PartyOrgReelect } from '../../contracts/party-org.js';
import { AppError } from '../../domain/errors.js';
import { defaultTermYears, termEnd, todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { assertReferencesExist } from '../references/references.js';
import { constraintFault, faultToAppError } from '../../db/constraint-catalogue.js';
import { recordAudit } from '../audit/audit.service.js';
import { guardDirectWrite } from '../approval/approval-guard.js';
import { assertPlacementAllowed, requireManagedOrg, versionConflict } from './party-org.access.js';
import { assertPlacesInScope } from '../access/place.js';
import { regionInScope } from '../access/scope.js';
import { requireAction } from '../access/require.js';
import { ORG_COLUMNS, toPartyOrg } from './party-org.mapper.js';
import {
  countActiveChildren, insertOrg, insertOrgEvent, movePaths, updateOrg, type PartyOrgRow, type PartyOrgUpdate, type PartyOrgView,
} from './party-org.repository.js';
import { endOpenCoverage, endOpenPositions } from './org-links.repository.js';
import { enterprisesCoveredBy, refreshTasksFor } from '../task/task-refresh-for.service.js';

/** Creates an organisation (audited, with a `created` history event). */
export async function createOrg(db: Db, actor: Actor, input: PartyOrgCreate): Promise<PartyOrg> {
  return db.transaction().execute(async (tx) => {
    const out = await createOrgIn(tx, actor, input);
    // 成立 under a parent goes through the district's approval flow where one is configured (docs/approvals.md);
    // checked after the placement check, so a refusal says nothing of a parent the caller may not use.
    if (input.parentId) await guardDirectWrite(tx, 'party_org', input.parentId, 'org.setup');
    // The inbox follows the change in its own transaction (docs/inbox.md, "Refresh"); an import refreshes once for all its rows.
    await refreshTasksFor(tx, actor, { partyOrgIds: [out.id] }, { trigger: 'party_org.create' });
    return out;
  });
}

/** The same inside a caller's transaction (the import runs many in one). */
export async function createOrgIn(tx: Executor, actor: Actor, input: PartyOrgCreate): Promise<PartyOrg> {
  const parent = await assertPlacementAllowed(tx, actor, {
    parentId: input.parentId ?? null, regionCode: input.regionCode ?? null, parkId: input.parkId ?? null, associationId: input.associationId ?? null,
  });
  await assertReferencesExist(tx, { regionCode: input.regionCode, parkId: input.parkId, associationId: input.associationId });
  const regionCode = input.regionCode ?? parent?.region_code ?? null;
  const termYears = input.temporary ? null : input.termYears ?? defaultTermYears(input.orgType, input.foundedOn ?? null, regionCode);
  // A temporary branch holds no re-election (domain-rules §1.1), so it has no term end.
  const termEndsOn = input.temporary ? null : input.termEndsOn ?? (input.foundedOn && termYears ? termEnd(input.foundedOn, termYears) : null);
  const row = await insertOrg(tx, {
    name: input.name, code: input.code ?? null, org_type: input.orgType, setup_mode: input.setupMode,
    temporary: input.temporary ?? false, mobile: input.mobile ?? false, parent_id: input.parentId ?? null,
    region_code: regionCode, park_id: input.parkId ?? null,
    association_id: input.associationId ?? null, building: input.building ?? null, founded_on: input.foundedOn ?? null,
    term_years: termYears, term_ends_on: termEndsOn, full_members: input.fullMembers ?? 0,
    probationary_members: input.probationaryMembers ?? 0,
  }, parent?.path ?? null).catch(uniqueName);
  const out = toPartyOrg(row);
  await insertOrgEvent(tx, { orgId: row.id, kind: 'created', at: row.founded_on ?? today(), data: { org: out }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.create', entity: 'party_org', entityId: row.id, after: out });
  return out;
}

/** Changes an organisation's facts (type, mode, parent, place, counts…): 调整, with history. */
export async function adjustOrg(db: Db, actor: Actor, id: string, input: PartyOrgAdjust): Promise<PartyOrg> {
  return db.transaction().execute(async (tx) => {
    const out = await adjustOrgIn(tx, actor, id, input);
    await refreshTasksFor(tx, actor, { partyOrgIds: [id] }, { trigger: 'party_org.adjust' });
    return out;
  });
}

export async function adjustOrgIn(tx: Executor, actor: Actor, id: string, input: PartyOrgAdjust): Promise<PartyOrg> {
  const { org } = await requireManagedOrg(tx, actor, id);
  if (org.status !== 'active') throw new AppError('CONFLICT', '党组织已撤销，不能调整');
  // A stale version is a conflict even when the values already match: the writer never saw them.
  if (org.version !== input.version) throw versionConflict();
  const { set, diff } = changedColumns(org, input.changes);
  if (org.roster_since && ('fullMembers' in diff || 'probationaryMembers' in diff)) {
    throw new AppError('CONFLICT', '该党组织按党员名册统计党员人数，请在党员名册中登记、转正或变更党员', [{ field: 'fullMembers', code: 'ROSTER_KEPT', message: '人数来自党员名册' }]);
  }
  if (!Object.keys(diff).length) return toPartyOrg(org);
  if (PLACE_COLUMNS.some((c) => c in set)) await moveOrg(tx, actor, org, set);
  const row = await updateOrg(tx, id, input.version, set).catch(uniqueName);
  if (!row) throw versionConflict();
  await insertOrgEvent(tx, { orgId: id, kind: 'adjusted', at: input.at ?? today(), data: { changes: diff, reason: input.reason ?? null }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.adjust', entity: 'party_org', entityId: id, before: toPartyOrg(org), after: toPartyOrg(row) });
  return toPartyOrg({ ...row, owned: true, parent_visible: org.parent_id === row.parent_id ? org.parent_visible : true });
}

const PLACE_COLUMNS = ['parent_id', 'region_code', 'park_id', 'association_id'] as const;

function changedColumns(org: PartyOrgRow, changes: PartyOrgAdjust['changes']) {
  const set: Record<string, unknown> = {};
  const diff: Record<string, [unknown, unknown]> = {};
  for (const [key, column] of Object.entries(ORG_COLUMNS)) {
    const next = (changes as Record<string, unknown>)[key];
    if (next === undefined) continue;
    const prev = (org as Record<string, unknown>)[column];
    if ((prev ?? null) === (next ?? null)) continue;
    set[column] = next ?? null;
    diff[key] = [prev ?? null, next ?? null];
  }
  return { set: set as PartyOrgUpdate, diff };
}

/**
 * A move needs the manage action over the new place as well as the old (the record is managed at
 * all): a new parent the caller manages by its own place, a new region in the caller's regions (or
 * the new parent's), a park or association that is the caller's. Re-parenting moves the subtree; an
 * organisation cannot move under its own subtree; leaving every parent needs the region.
 */
async function moveOrg(tx: Executor, actor: Actor, org: PartyOrgRow, set: PartyOrgUpdate): Promise<void> {
  const scope = requireAction(actor, 'org.manage');
  const parentId = set.parent_id === undefined ? org.parent_id : (set.parent_id as string | null);
  const regionCode = set.region_code === undefined ? org.region_code : (set.region_code as string | null);
  const parent = 'parent_id' in set && parentId
    ? await assertPlacementAllowed(tx, actor, { parentId, regionCode: null })
    : null;
  if (parent && (parent.id === org.id || parent.path.startsWith(`${org.path}.`))) {
    throw new AppError('VALIDATION_FAILED', '不能把党组织调整到其自身或下级组织之下', [{ field: 'parentId', code: 'CYCLE', message: '上级组织不能是自身或下级' }]);
  }
  const regionMoves = 'region_code' in set || ('parent_id' in set && !parentId);
  const regionOk = !regionMoves || regionInScope(scope, regionCode) || (!!parent && parent.region_code === regionCode);
  if (!regionOk) {
    throw new AppError('FORBIDDEN', '无权把党组织调整到该区划', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  await assertPlacesInScope(tx, scope, { parkId: set.park_id as string | null | undefined, associationId: set.association_id as string | null | undefined });
  await assertReferencesExist(tx, { regionCode: set.region_code as string | null | undefined, parkId: set.park_id as string | null | undefined, associationId: set.association_id as string | null | undefined });
  if (!('parent_id' in set)) return;
  const newPath = parent ? `${parent.path}.${org.id}` : org.id;
  if (newPath !== org.path) await movePaths(tx, org.path, newPath);
}

/** Dissolves (撤销) an organisation: ends its coverage and positions on that day, keeps the history. */
export async function dissolveOrg(db: Db, actor: Actor, id: string, input: PartyOrgDissolve): Promise<PartyOrg> {
  return db.transaction().execute(async (tx) => {
    const { org } = await requireManagedOrg(tx, actor, id);
    // 撤销 goes through the district's approval flow where one is configured (docs/approvals.md).
    await guardDirectWrite(tx, 'party_org', id, 'org.dissolution');
    return dissolveOrgIn(tx, actor, org, input);
  });
}

/**
 * The dissolution itself, once the caller is known to be entitled: a direct record (above) or the
 * approval engine's last level, whose decider was checked by the level's role over the organisation's own place.
 */
export async function dissolveOrgIn(tx: Executor, actor: Actor, org: PartyOrgView, input: PartyOrgDissolve): Promise<PartyOrg> {
  const id = org.id;
  if (org.version !== input.version) throw versionConflict();
  if (org.status !== 'active') throw new AppError('CONFLICT', '党组织已撤销');
  if (await countActiveChildren(tx, id)) throw new AppError('CONFLICT', '该组织下仍有未撤销的下级组织，请先调整或撤销下级组织');
  const row = await updateOrg(tx, id, input.version, { status: 'dissolved', dissolved_on: input.on });
  if (!row) throw versionConflict();
  const coverageEnded = await endOpenCoverage(tx, id, input.on);
  const positionsEnded = await endOpenPositions(tx, id, input.on);
  await insertOrgEvent(tx, { orgId: id, kind: 'dissolved', at: input.on, data: { reason: input.reason, coverageEnded, positionsEnded }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.dissolve', entity: 'party_org', entityId: id, before: toPartyOrg(org), after: toPartyOrg(row) });
  await refreshTasksFor(tx, actor, { partyOrgIds: [id], enterpriseIds: await enterprisesCoveredBy(tx, [id]) }, { trigger: 'party_org.dissolve' });
  return toPartyOrg({ ...row, owned: true, parent_visible: org.parent_visible });
}

/** Records a re-election (换届) held on `heldOn`: the new term ends `termYears` later. */
export async function reelectOrg(db: Db, actor: Actor, id: string, input: PartyOrgReelect): Promise<PartyOrg> {
  return db.transaction().execute(async (tx) => {
    const { org } = await requireManagedOrg(tx, actor, id);
    if (org.version !== input.version) throw versionConflict();
    if (org.status !== 'active') throw new AppError('CONFLICT', '党组织已撤销');
    if (org.temporary) throw new AppError('CONFLICT', '临时党支部不进行换届（支部工作条例，2018）');
    const termYears = input.termYears ?? defaultTermYears(org.org_type, input.heldOn, org.region_code);
    const termEndsOn = termEnd(input.heldOn, termYears);
    const row = await updateOrg(tx, id, input.version, { term_years: termYears, term_ends_on: termEndsOn });
    if (!row) throw versionConflict();
    await insertOrgEvent(tx, { orgId: id, kind: 'reelected', at: input.heldOn, data: { previousTermEndsOn: org.term_ends_on, termYears, termEndsOn }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'party_org.reelect', entity: 'party_org', entityId: id, before: toPartyOrg(org), after: toPartyOrg(row) });
    await refreshTasksFor(tx, actor, { partyOrgIds: [id] }, { trigger: 'party_org.reelect' });
    return toPartyOrg({ ...row, owned: true, parent_visible: org.parent_visible });
  });
}

/** A duplicate name (in the region) or code, raced past the import's lookup: 409 naming the field it hit. */
function uniqueName(err: unknown): never {
  const fault = constraintFault(err);
  throw fault?.code === 'DUPLICATE' ? faultToAppError(fault) : err;
}
