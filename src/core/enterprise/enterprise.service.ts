import type {
  EnterpriseDetail, EnterpriseFilter, EnterpriseList, EnterpriseListQuery, NamedEntity, PlacementUpdate,
} from '../../contracts/enterprise.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { listCorrections } from './enterprise-correct.repository.js';
import { toDetail, toListItem } from './enterprise.mapper.js';
import * as repo from './enterprise.repository.js';

/** The ledger's read and placement use cases: access → repository (→ tx + audit) → contract. */

import { decodeCursor, encodeCursor } from '../keyset-cursor.js';
import { placementStreetOf } from '../task/task-finder-placement.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';

export async function listEnterprises(db: Db, actor: Actor, query: EnterpriseListQuery): Promise<EnterpriseList> {
  const scope = requireAction(actor, 'enterprise.read');
  const { sort, order, cursor, limit, ...filter } = query;
  const rows = await repo.listEnterprises(db, scope, {
    filter, sort, order, after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: last.sort_key, id: String(last.id) }) : null,
    total: await repo.countEnterprises(db, scope, filter),
  };
}

export async function countEnterprises(db: Db, actor: Actor, filter: EnterpriseFilter): Promise<number> {
  return repo.countEnterprises(db, requireAction(actor, 'enterprise.read'), filter);
}

/**
 * `keyring`: to show the contact phone masked (the route passes it; without it a stored phone reads
 * 已登记 — nothing here ever answers the clear number).
 */
export async function getEnterprise(db: Db, actor: Actor, id: string, keyring?: () => Keyring): Promise<EnterpriseDetail> {
  const scope = requireAction(actor, 'enterprise.read');
  const row = await repo.findEnterprise(db, scope, id);
  if (!row) throw notFound('企业');
  const contactPhone = !row.contact_phone_enc ? null : keyring ? maskPhone(decryptPii(keyring(), row.contact_phone_enc)) : '已登记';
  return toDetail(row, await repo.listHistory(db, row.id), { contactPhone, corrections: await listCorrections(db, row.id) });
}

const versionConflict = () => new AppError('VERSION_CONFLICT', '该企业已被他人修改（属地或台账信息），请重新加载后再认定');

/** Places an enterprise by hand (the 待认定属地 queue): only inside the actor's own regions. */
export async function placeEnterprise(db: Db, actor: Actor, id: string, input: PlacementUpdate): Promise<EnterpriseDetail> {
  const { regionCode, version } = input;
  const scope = requireAction(actor, 'enterprise.place');
  await db.transaction().execute(async (tx) => {
    const row = await repo.findEnterprise(tx, scope, id);
    if (!row) throw notFound('企业');
    // Stale before anything else, even when the region sent is the one stored: the writer never saw it.
    if (row.version !== version) throw versionConflict();
    if (!(await repo.regionExists(tx, regionCode))) {
      throw new AppError('VALIDATION_FAILED', `区划代码 ${regionCode} 不存在`, [{ field: 'regionCode', code: 'REGION_UNKNOWN', message: '区划代码不存在' }]);
    }
    if (!regionInScope(scope, regionCode)) {
      throw new AppError('OUT_OF_SCOPE', `区划 ${regionCode} 不在您的管辖范围内`, [{ field: 'regionCode', code: 'OUT_OF_SCOPE' }]);
    }
    const before = await repo.setPlacement(tx, row.id, version, regionCode, actor.userId);
    if (!before) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'enterprise.place', entity: 'enterprise', entityId: row.id,
      before: { regionCode: before.region_code, placement: before.placement }, after: { regionCode, placement: 'manual' },
    });
    // The enterprise's tasks follow it to its street (属地变更) in the same transaction.
    const regionCodes = [placementStreetOf(before.region_code), placementStreetOf(regionCode)].filter((c): c is string => c !== null);
    await refreshTasksFor(tx, actor, { enterpriseIds: [row.id], regionCodes }, { trigger: 'enterprise.place' });
  });
  return getEnterprise(db, actor, id);
}

const named = (r: { id: string; name: string; region_code: string | null }): NamedEntity =>
  ({ id: String(r.id), name: r.name, regionCode: r.region_code });

/** The parks the caller's scope reaches (by grant or region), for filters and pickers. */
export async function listParks(db: Db, actor: Actor): Promise<NamedEntity[]> {
  return (await repo.listPlaces(db, 'park', requireAction(actor, 'enterprise.read'))).map(named);
}

export async function listAssociations(db: Db, actor: Actor): Promise<NamedEntity[]> {
  return (await repo.listPlaces(db, 'association', requireAction(actor, 'enterprise.read'))).map(named);
}
