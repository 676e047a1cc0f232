import type { PartyOrg, PartyOrgRosterSince } from '../../contracts/party-org.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedOrg, versionConflict } from './party-org.access.js';
import { toPartyOrg } from './party-org.mapper.js';
import { insertOrgEvent, updateOrg } from './party-org.repository.js';

const invalid = (code: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ field: 'rosterSince', code, message }]);

/**
 * 党员名册启用日期 (docs/members.md, "Counts"): from this date the organisation's 正式/预备党员 are
 * counted from its roster, and the typed numbers (填报数) no longer apply. The organisation's
 * managers by its own place (never through a link); version-checked, an `adjusted` history event
 * and a `party_org.roster_since` audit entry. Not after today, not before the founding date.
 */
export async function setRosterSince(db: Db, actor: Actor, id: string, input: PartyOrgRosterSince): Promise<PartyOrg> {
  return db.transaction().execute(async (tx) => {
    const { org } = await requireManagedOrg(tx, actor, id);
    if (org.status !== 'active') throw new AppError('CONFLICT', '党组织已撤销，不能设定党员名册启用日期');
    if (org.version !== input.version) throw versionConflict();
    if (input.rosterSince > today()) throw invalid('NOT_FUTURE', '党员名册启用日期不能晚于今天');
    if (org.founded_on && input.rosterSince < org.founded_on) throw invalid('BEFORE_FOUNDED', `党员名册启用日期不能早于党组织成立日期（${org.founded_on}）`);
    const row = await updateOrg(tx, id, input.version, { roster_since: input.rosterSince });
    if (!row) throw versionConflict();
    await insertOrgEvent(tx, {
      orgId: id, kind: 'adjusted', at: input.rosterSince, data: { changes: { rosterSince: [org.roster_since, input.rosterSince] }, reason: null }, actorId: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'party_org.roster_since', entity: 'party_org', entityId: id, before: toPartyOrg(org), after: toPartyOrg(row) });
    return toPartyOrg({ ...row, owned: true, parent_visible: org.parent_visible });
  });
}
