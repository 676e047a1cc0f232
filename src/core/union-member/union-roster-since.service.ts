import type { Union } from '../../contracts/union.js';
import type { UnionRosterSince } from '../../contracts/union-member.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { toUnion } from '../union/union.mapper.js';
import { findUnion, insertUnionEvent, updateUnion } from '../union/union.repository.js';
import { openUnion } from '../union/union.service.js';

const invalid = (code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field: 'rosterSince', code, message }]);
const versionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');

/**
 * 会员名册启用日期 (docs/unions.md, "会员实名制"): from this date the union's 会员 / 女会员 are counted
 * from its roster and the typed numbers no longer apply. Its managers by its own place; at its
 * version; an `adjusted` history event and a `union.roster_since` audit entry. Not after today, not
 * before the founding date. As party_org's (src/core/party-org/roster-since.service.ts).
 */
export async function setUnionRosterSince(db: Db, actor: Actor, id: string, input: UnionRosterSince): Promise<Union> {
  return db.transaction().execute(async (tx) => {
    const { union, scope } = await openUnion(tx, actor, id);
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能设定会员名册启用日期');
    if (union.version !== input.version) throw versionConflict();
    if (input.rosterSince > today()) throw invalid('NOT_FUTURE', '会员名册启用日期不能晚于今天');
    if (union.founded_on && input.rosterSince < union.founded_on) throw invalid('BEFORE_FOUNDED', `会员名册启用日期不能早于工会成立日期（${union.founded_on}）`);
    const row = await updateUnion(tx, id, input.version, { roster_since: input.rosterSince });
    if (!row) throw versionConflict();
    await insertUnionEvent(tx, {
      unionId: id, kind: 'adjusted', at: input.rosterSince, data: { changes: { rosterSince: [union.roster_since, input.rosterSince] }, reason: null }, actorId: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'union.roster_since', entity: 'union', entityId: id, before: toUnion(union), after: toUnion(row) });
    // Read again with the roster's counts (the row an UPDATE returns carries the typed ones).
    return toUnion((await findUnion(tx, scope, id, 'owned')) ?? { ...row, owned: true, parent_visible: union.parent_visible });
  });
}
