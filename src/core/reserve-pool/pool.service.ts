import type { PlacementInput, Talent, TalentInput, TalentUpdate } from '../../contracts/reserve-pool.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { requireManagedTalent } from './pool.access.js';
import { talentAudit } from './pool.mapper.js';
import { getTalentIn } from './pool.query.js';
import * as repo from './pool.repository.js';

/**
 * The reserve pool's changes (docs/reserve-pool.md): recommending a person the caller sees, kept
 * under a region the caller manages and/or an organisation they manage; editing; placing them in an
 * organisation the caller manages (the history; appointing the secretary stays in the organisation's
 * own flow). Each write in one transaction, versioned, audited.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' | 'FORBIDDEN' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

async function managedOrg(tx: Executor, actor: Actor, orgId: string) {
  const { org } = await requireManagedOrg(tx, actor, orgId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党组织', 'orgId') : e;
  });
  if (org.status !== 'active') throw field('orgId', 'ORG_DISSOLVED', '该党组织已撤销', 'CONFLICT');
  return org;
}

export async function createTalent(db: Db, actor: Actor, input: TalentInput): Promise<Talent> {
  return db.transaction().execute(async (tx) => {
    const scope = requireAction(actor, 'org.manage');
    const person = await requireVisiblePerson(tx, actor, input.personId, 'personId');
    const org = input.orgId ? await managedOrg(tx, actor, input.orgId) : null;
    let region = input.regionCode ?? null;
    if (region && !(await tx.selectFrom('region').select('code').where('code', '=', region).executeTakeFirst())) throw notFound('区划', 'regionCode');
    if (region && !regionInScope(scope, region)) throw field('regionCode', 'OUT_OF_SCOPE', '该区划不在您的管理范围内', 'FORBIDDEN');
    // Left out: the person's own region when the caller manages it, else only the organisation.
    if (!input.regionCode) region = person.region_code && regionInScope(scope, person.region_code) ? person.region_code : null;
    if (!region && !org) throw field('regionCode', 'PLACE_REQUIRED', '请选择入库的区划或推荐的党组织（须在您的管理范围内）');
    if (input.recommendedOn > today()) throw field('recommendedOn', 'FUTURE_DATE', '推荐日期不能晚于今天');
    if (await repo.liveEntryOf(tx, input.personId)) throw field('personId', 'ALREADY_IN_POOL', '该人员已在后备人才库中', 'CONFLICT');
    const row = await repo.insertTalent(tx, {
      person_id: input.personId, region_code: region, org_id: input.orgId ?? null, recommender: input.recommender, recommended_on: input.recommendedOn,
      skills: input.skills, availability: input.availability, note: input.note || null,
    });
    await recordAudit(tx, actor, { action: 'reserve_talent.create', entity: 'reserve_talent', entityId: row.id, after: talentAudit(row) });
    return getTalentIn(tx, actor, row.id);
  });
}

export async function updateTalent(db: Db, actor: Actor, id: string, input: TalentUpdate): Promise<Talent> {
  return db.transaction().execute(async (tx) => {
    await requireManagedTalent(tx, actor, id);
    const before = await repo.lockTalent(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    if (input.recommendedOn > today()) throw field('recommendedOn', 'FUTURE_DATE', '推荐日期不能晚于今天');
    const status = input.status === 'withdrawn' ? 'withdrawn' : before.status === 'withdrawn' && input.status === 'active' ? 'active' : before.status;
    if (status === 'active' && before.status === 'withdrawn' && (await repo.liveEntryOf(tx, before.person_id))) throw field('status', 'ALREADY_IN_POOL', '该人员已有另一条在库记录', 'CONFLICT');
    const after = await repo.updateTalent(tx, id, input.version, {
      recommender: input.recommender, recommended_on: input.recommendedOn, skills: input.skills, availability: input.availability, status, note: input.note || null,
    });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'reserve_talent.update', entity: 'reserve_talent', entityId: id, before: talentAudit(before), after: talentAudit(after) });
    return getTalentIn(tx, actor, id);
  });
}

/** Placing a pool entry in an organisation the caller manages: a history row, the entry marked 已使用. */
export async function placeTalent(db: Db, actor: Actor, id: string, input: PlacementInput): Promise<Talent> {
  return db.transaction().execute(async (tx) => {
    await requireManagedTalent(tx, actor, id);
    const before = await repo.lockTalent(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    if (before.status === 'withdrawn') throw field('status', 'WITHDRAWN', '该人员已退出后备人才库', 'CONFLICT');
    await managedOrg(tx, actor, input.orgId);
    if (input.placedOn > today()) throw field('placedOn', 'FUTURE_DATE', '使用日期不能晚于今天');
    if (input.placedOn < before.recommended_on) throw field('placedOn', 'BEFORE_RECOMMENDED', '使用日期不能早于推荐入库日期');
    const p = await repo.insertPlacement(tx, { talent_id: id, org_id: input.orgId, position: input.position, placed_on: input.placedOn, note: input.note || null, recorded_by: actor.userId });
    const after = await repo.updateTalent(tx, id, input.version, { status: 'placed' });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'reserve_talent.place', entity: 'reserve_talent', entityId: id, before: talentAudit(before),
      after: { ...talentAudit(after), placement: { id: p.id, orgId: input.orgId, position: input.position, placedOn: input.placedOn } },
    });
    return getTalentIn(tx, actor, id);
  });
}
