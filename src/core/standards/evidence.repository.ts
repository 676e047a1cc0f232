import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { RecordRef } from '../../db/tables/standards.js';
import { MEETING_KIND_LABELS } from '../../domain/rules/life-catalogue.js';
import type { RecordNeed, StandardOrgKind } from '../../domain/standards/standards-types.js';

/**
 * What the records already hold for a checklist item (docs/standards.md, "Evidence found"): one
 * query per need, each answering the record it found — a label in Chinese and the page that shows
 * it — or null. Reads are unscoped: the caller has passed the owner's access check already.
 */
type Ctx = { kind: StandardOrgKind; id: string; year: number; today: string };
const yearEnd = (c: Ctx) => (`${c.year}-12-31` < c.today ? `${c.year}-12-31` : c.today);

async function partyOrg(db: Executor, need: RecordNeed, c: Ctx): Promise<RecordRef | null> {
  const org = `/orgs/${c.id}`;
  switch (need.record) {
    case 'secretaryInPost': {
      const r = await db.selectFrom('org_position as p').innerJoin('person as pe', 'pe.id', 'p.person_id').select(['pe.name', 'p.since'])
        .where('p.org_id', '=', c.id).where('p.position', '=', 'secretary').where('p.since', '<=', c.today)
        .where((eb) => eb.or([eb('p.until', 'is', null), eb('p.until', '>', c.today)])).orderBy('p.since', 'desc').executeTakeFirst();
      return r ? { label: `书记 ${r.name}（${r.since}起在任）`, link: org, at: r.since } : null;
    }
    case 'committeeElected': {
      const r = await db.selectFrom('org_position').select(sql<number>`count(*)::int`.as('n')).select(sql<string | null>`max(since)::text`.as('since'))
        .where('org_id', '=', c.id).where('since', '<=', c.today).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', c.today)])).executeTakeFirstOrThrow();
      return r.n >= need.minPositions ? { label: `支部委员会在任委员${r.n}名`, link: org, at: r.since } : null;
    }
    case 'meetingsHeld': {
      const r = await db.selectFrom('meeting').select(sql<number>`count(*)::int`.as('n')).select(sql<string | null>`max(held_on)::text`.as('last'))
        .where('org_id', '=', c.id).where('kind', '=', need.kind).where('deleted_at', 'is', null)
        .where('held_on', '>=', `${c.year}-01-01`).where('held_on', '<=', yearEnd(c)).executeTakeFirstOrThrow();
      return r.n >= need.min ? { label: `${c.year}年已召开${MEETING_KIND_LABELS[need.kind]}${r.n}次`, link: `${org}/life?year=${c.year}`, at: r.last } : null;
    }
    case 'membersOnRoster': {
      const r = await db.selectFrom('party_member').select(sql<number>`count(*) FILTER (WHERE category = 'full')::int`.as('n'))
        .where('org_id', '=', c.id).where('status', 'not in', ['left', 'suspended']).executeTakeFirstOrThrow();
      return r.n >= need.min ? { label: `党员名册在册正式党员${r.n}名`, link: org } : null;
    }
    default: return null;
  }
}

async function union(db: Executor, need: RecordNeed, c: Ctx): Promise<RecordRef | null> {
  const link = `/unions/${c.id}`;
  const u = await db.selectFrom('union_org').select(['organiser_person_id', 'has_committee', 'has_women_committee', 'women_committee_member', 'funds_basis'])
    .where('id', '=', c.id).executeTakeFirstOrThrow();
  switch (need.record) {
    case 'unionChair': return u.organiser_person_id ? { label: '工会主席（组织员）已登记', link } : null;
    case 'unionCommittee': return u.has_committee ? { label: '已建立工会委员会', link } : null;
    case 'unionWomenCommittee': return u.has_women_committee || u.women_committee_member
      ? { label: u.has_women_committee ? '已建立女职工委员会' : '已配备女职工委员', link } : null;
    case 'unionFunds': return u.funds_basis ? { label: `工会经费：${u.funds_basis}`, link } : null;
    case 'unionCongressHeld': {
      const r = await db.selectFrom('union_congress').select(['held_on', 'kind']).where('union_id', '=', c.id)
        .where('held_on', '>=', `${c.year}-01-01`).where('held_on', '<=', yearEnd(c)).orderBy('held_on', 'desc').executeTakeFirst();
      return r ? { label: `${r.held_on}召开${r.kind === 'congress' ? '职工代表大会' : '职工大会'}`, link, at: r.held_on } : null;
    }
    case 'collectiveContract': {
      const r = await db.selectFrom('union_contract').select(['signed_on', 'ends_on']).where('union_id', '=', c.id).where('kind', '=', 'collective')
        .where('starts_on', '<=', c.today).where('ends_on', '>', c.today).orderBy('ends_on', 'desc').executeTakeFirst();
      return r ? { label: `集体合同${r.signed_on}签订，${r.ends_on}到期`, link, at: r.signed_on } : null;
    }
    default: return null;
  }
}

export function findRecord(db: Executor, need: RecordNeed, c: Ctx): Promise<RecordRef | null> {
  return c.kind === 'partyOrg' ? partyOrg(db, need, c) : union(db, need, c);
}
