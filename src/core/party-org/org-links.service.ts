import type { Db, Executor } from '../../db/schema.js';
import type { Coverage, CoverageAdd, IntervalEnd, Position, PositionAppoint } from '../../contracts/party-org.js';
import { AppError, notFound } from '../../domain/errors.js';
import { POSITION_LABEL } from '../../contracts/party-org.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedOrg } from './party-org.access.js';
import { enterpriseOutOfScope } from '../access/managed.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { insertOrgEvent, lockOrg } from './party-org.repository.js';
import { toPosition } from './party-org.mapper.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import {
  enterpriseInScopeById, findCoverage, findOpenSecretary, findOverlappingCoverage, findOverlappingPosition, findPosition, findVisibleEnterprise,
  insertCoverage, insertPosition, listPositions, setCoverageUntil, setPositionUntil,
} from './org-links.repository.js';

/** Opens the org for a link change: visible for org.manage, active, and locked so changes queue. */
async function openOrg(tx: Executor, actor: Actor, orgId: string) {
  const found = await requireManagedOrg(tx, actor, orgId);
  if (found.org.status !== 'active') throw new AppError('CONFLICT', '党组织已撤销，不能变更');
  await lockOrg(tx, orgId);
  return found;
}

/** The organisation starts covering an enterprise (组织覆盖) from `since`. */
export async function addCoverage(db: Db, actor: Actor, orgId: string, input: CoverageAdd): Promise<Coverage> {
  return db.transaction().execute(async (tx) => {
    const out = await addCoverageIn(tx, actor, orgId, input);
    // The inbox follows the change in its own transaction (docs/inbox.md, "Refresh"); an import refreshes once for all its rows.
    await refreshTasksFor(tx, actor, { partyOrgIds: [orgId], enterpriseIds: [out.enterpriseId] }, { trigger: 'party_org.coverage.add' });
    return out;
  });
}

export async function addCoverageIn(tx: Executor, actor: Actor, orgId: string, input: CoverageAdd): Promise<Coverage> {
  const { org, scope } = await openOrg(tx, actor, orgId);
  const ent = await findVisibleEnterprise(tx, scope, input.enterpriseId);
  if (!ent) throw notFound('企业', 'enterpriseId');
  if (await findOverlappingCoverage(tx, orgId, input.enterpriseId, input.since, null)) {
    throw new AppError('CONFLICT', `该组织已覆盖“${ent.name}”（时间段重叠）`);
  }
  const mode = input.mode ?? org.setup_mode;
  const id = await insertCoverage(tx, { orgId, enterpriseId: ent.id, mode, since: input.since });
  const out: Coverage = { id, orgId, enterpriseId: ent.id, enterpriseName: ent.name, mode, since: input.since, until: null };
  await insertOrgEvent(tx, { orgId, kind: 'coverage_added', at: input.since, data: { enterpriseId: ent.id, enterpriseName: ent.name, mode }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.coverage.add', entity: 'party_org', entityId: orgId, after: out });
  return out;
}

/** Ends a coverage from `until` (the first day it no longer holds). */
export async function endCoverage(db: Db, actor: Actor, orgId: string, coverageId: string, input: IntervalEnd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { scope } = await openOrg(tx, actor, orgId);
    const c = await findCoverage(tx, orgId, coverageId);
    if (!c) throw notFound('覆盖记录');
    if (!(await enterpriseInScopeById(tx, scope, c.enterprise_id))) throw enterpriseOutOfScope();
    if (c.until !== null) throw new AppError('CONFLICT', '该覆盖已结束');
    if (input.until <= c.since) throw badUntil(c.since);
    await setCoverageUntil(tx, coverageId, input.until);
    await insertOrgEvent(tx, { orgId, kind: 'coverage_ended', at: input.until, data: { enterpriseId: c.enterprise_id, reason: input.reason ?? null }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'party_org.coverage.end', entity: 'party_org', entityId: orgId, before: { coverageId, until: null }, after: { coverageId, until: input.until } });
    await refreshTasksFor(tx, actor, { partyOrgIds: [orgId], enterpriseIds: [c.enterprise_id] }, { trigger: 'party_org.coverage.end' });
  });
}

/** Appoints a person to a position. One secretary at a time: the current one must be ended first. */
export async function appointPosition(db: Db, actor: Actor, orgId: string, input: PositionAppoint): Promise<Position> {
  return db.transaction().execute(async (tx) => {
    const out = await appointPositionIn(tx, actor, orgId, input);
    await refreshTasksFor(tx, actor, { partyOrgIds: [orgId] }, { trigger: 'party_org.position.appoint' });
    return out;
  });
}

/**
 * `personByIdNumber`: the caller found the person by the full ID number it was given (an import
 * row), which proves it knows them; a form picks people from those the caller can see.
 */
export async function appointPositionIn(
  tx: Executor, actor: Actor, orgId: string, input: PositionAppoint, opts: { personByIdNumber?: boolean } = {},
): Promise<Position> {
  await openOrg(tx, actor, orgId);
  if (!opts.personByIdNumber) await requireVisiblePerson(tx, actor, input.personId, 'personId');
  if (await findOverlappingPosition(tx, orgId, input.personId, input.position, input.since)) {
    throw new AppError('CONFLICT', `此人已担任该组织的${POSITION_LABEL[input.position]}`, [{ field: 'personId', code: 'DUPLICATE', message: '此人已担任该职务' }]);
  }
  if (input.position === 'secretary' && (await findOpenSecretary(tx, orgId, input.since))) {
    throw new AppError('CONFLICT', '该组织已有在任书记，请先办理原书记离任');
  }
  const id = await insertPosition(tx, { orgId, personId: input.personId, position: input.position, since: input.since });
  const out = toPosition((await listPositions(tx, orgId)).find((p) => p.id === id)!);
  await insertOrgEvent(tx, { orgId, kind: 'position_appointed', at: input.since, data: { personId: input.personId, personName: out.personName, position: input.position }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.position.appoint', entity: 'party_org', entityId: orgId, after: out });
  return out;
}

/** Ends a position from `until`; a secretary post left empty shows as a vacancy. */
export async function endPosition(db: Db, actor: Actor, orgId: string, positionId: string, input: IntervalEnd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await endPositionIn(tx, actor, orgId, positionId, input);
    await refreshTasksFor(tx, actor, { partyOrgIds: [orgId] }, { trigger: 'party_org.position.end' });
  });
}

export async function endPositionIn(tx: Executor, actor: Actor, orgId: string, positionId: string, input: IntervalEnd): Promise<void> {
  await openOrg(tx, actor, orgId);
  const p = await findPosition(tx, orgId, positionId);
  if (!p) throw notFound('任职记录');
  if (p.until !== null) throw new AppError('CONFLICT', '该任职已结束');
  if (input.until <= p.since) throw badUntil(p.since);
  await setPositionUntil(tx, positionId, input.until);
  await insertOrgEvent(tx, { orgId, kind: 'position_ended', at: input.until, data: { personId: p.person_id, position: p.position, reason: input.reason ?? null }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.position.end', entity: 'party_org', entityId: orgId, before: { positionId, until: null }, after: { positionId, until: input.until } });
}

const badUntil = (since: string) =>
  new AppError('VALIDATION_FAILED', `结束日期须晚于开始日期 ${since}`, [{ field: 'until', code: 'UNTIL_BEFORE_SINCE', message: '结束日期须晚于开始日期' }]);
