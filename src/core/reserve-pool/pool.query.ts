import type { SecretaryCandidates, Talent, TalentListFilter, TalentPage } from '../../contracts/reserve-pool.js';
import type { Db, Executor } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { requireManagedOrg } from '../party-org/party-org.access.js';
import { canManageTalent, requireVisibleTalent } from './pool.access.js';
import { toTalent, toTalentSummary } from './pool.mapper.js';
import * as repo from './pool.repository.js';

/** Reading the pool (docs/reserve-pool.md): the list with its total, one entry with its placements, a vacancy's candidates. */
export async function listTalentPage(db: Db, actor: Actor, f: TalentListFilter): Promise<TalentPage> {
  const scope = requireAction(actor, 'org.read');
  const rows = await repo.listTalents(db, scope, f);
  const placements = await repo.placementsOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => toTalentSummary(r, placements)), total: rows.length };
}

export async function getTalentIn(db: Executor, actor: Actor, id: string): Promise<Talent> {
  const { t } = await requireVisibleTalent(db, actor, id);
  const [placements, manageable] = await Promise.all([repo.placementsOf(db, [id]), canManageTalent(db, actor, id)]);
  return toTalent(t, placements, manageable);
}

/**
 * A secretary post to fill: the organisation must be the caller's to manage (placing is theirs); the
 * offer is the usable entries (储备中, not 暂不能任职) the caller sees, those kept under the
 * organisation's street first, then by the latest recommendation.
 */
export async function secretaryCandidates(db: Db, actor: Actor, orgId: string): Promise<SecretaryCandidates> {
  const { org, scope } = await requireManagedOrg(db, actor, orgId);
  const [vacant, rows] = await Promise.all([repo.secretaryInPost(db, orgId, today()).then((x) => !x), repo.listTalents(db, scope, { usable: true })]);
  const street = repo.streetOf(org.region_code);
  const near = (r: repo.TalentView) => (street && (r.region_code?.startsWith(street) || r.org_id === orgId) ? 0 : 1);
  const sorted = [...rows].sort((a, b) => near(a) - near(b));
  const placements = await repo.placementsOf(db, sorted.map((r) => r.id));
  return { orgId, vacant, items: sorted.map((r) => toTalentSummary(r, placements)), total: sorted.length };
}
