import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { OrgPairingTable, OrgRecognitionTable } from '../../db/tables/standards.js';
import { asColumn, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

/** SQL for an organisation's recognitions and pairings (0032); the organisation's access is checked before. */
export async function recognitionsOf(db: Executor, orgId: string) {
  return db.selectFrom('org_recognition as r').leftJoin('party_member as m', 'm.id', 'r.member_id').leftJoin('person as p', 'p.id', 'm.person_id')
    .selectAll('r').select('p.name as member_name').where('r.party_org_id', '=', orgId).orderBy('r.granted_on', 'desc').orderBy('r.id', 'desc').execute();
}

/** Pairings naming the organisation either way; the other side's name only where the reader's scope sees it. */
export async function pairingsOf(db: Executor, scope: Scope, orgId: string) {
  const r = await sql<{ id: string; since: string; content: string | null; other_id: string; other_name: string; seen: boolean; direction: 'ours' | 'theirs' }>`
    SELECT pr.id::text AS id, pr.since::text AS since, pr.content, o.id::text AS other_id, o.name AS other_name, ${asColumn(visibleInScope(scope, 'org', 'o'))} AS seen,
      CASE WHEN pr.party_org_id = ${orgId} THEN 'ours' ELSE 'theirs' END AS direction
    FROM org_pairing pr JOIN party_org o ON o.id = CASE WHEN pr.party_org_id = ${orgId} THEN pr.partner_org_id ELSE pr.party_org_id END
    WHERE pr.party_org_id = ${orgId} OR pr.partner_org_id = ${orgId}
    ORDER BY pr.since DESC, pr.id DESC`.execute(db);
  return r.rows;
}

export async function insertRecognition(tx: Executor, row: Insertable<OrgRecognitionTable>) {
  return tx.insertInto('org_recognition').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertPairing(tx: Executor, row: Insertable<OrgPairingTable>) {
  return tx.insertInto('org_pairing').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}

export async function memberOfOrg(db: Executor, orgId: string, memberId: string) {
  return db.selectFrom('party_member').select('id').where('id', '=', memberId).where('org_id', '=', orgId).where('status', '!=', 'left').executeTakeFirst();
}
