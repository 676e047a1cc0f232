import { sql } from 'kysely';
import type { CompetitionAdd, HonourAdd, PersonHonours, UnionCompetitions, UnionServicesSummary } from '../../contracts/union-services.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { HONOUR_KIND_LABELS, HONOUR_LEVEL_LABELS } from '../../domain/union-services.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { visibleInScope } from '../access/party-org-scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertMemberEvent as insertPartyMemberEvent } from '../member/member.repository.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { insertMemberEvent as insertUnionMemberEvent } from '../union-member/union-member.repository.js';
import { insertUnionEvent } from '../union/union.repository.js';
import { hardshipCounts } from './hardship.repository.js';
import * as funds from './funds.repository.js';
import { periodOf } from './funds.query.js';
import { fieldError, manageUnion, mayManageUnion, readUnion } from './services.access.js';

/**
 * 劳动竞赛 and honours (劳动模范, 五一劳动奖章, 工匠, 技术能手). An honour is recorded by a union on a
 * person the recorder sees and, as recognition does for Party awards, written on the person's
 * history: the union's history, the person's live union membership and Party membership if any.
 */
export async function listCompetitions(db: Db, actor: Actor, unionId: string): Promise<UnionCompetitions> {
  await readUnion(db, actor, unionId);
  const [competitions, honours, manageable] = await Promise.all([
    db.selectFrom('union_competition as c').selectAll('c')
      .select((eb) => eb.selectFrom('person_honour as h').whereRef('h.competition_id', '=', 'c.id').select(eb.fn.countAll<string>().as('n')).as('honours'))
      .where('c.union_id', '=', unionId).orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').execute(),
    honourRows(db).where('h.union_id', '=', unionId).execute(),
    mayManageUnion(db, actor, unionId),
  ]);
  return {
    competitions: competitions.map((c) => ({ id: c.id, unionId: c.union_id, name: c.name, startsOn: c.starts_on, endsOn: c.ends_on, participants: c.participants, honours: Number(c.honours ?? 0) })),
    honours: honours.map((h) => toHonour(h, true)), total: competitions.length, manageable,
  };
}

const honourRows = (db: Db) => db.selectFrom('person_honour as h').innerJoin('person as p', 'p.id', 'h.person_id').innerJoin('union_org as u', 'u.id', 'h.union_id')
  .leftJoin('union_competition as c', 'c.id', 'h.competition_id')
  .select(['h.id', 'h.person_id', 'p.name', 'h.kind', 'h.level', 'h.year', 'h.awarded_by', 'h.union_id', 'u.name as union_name', 'c.name as competition_name'])
  .orderBy('h.year', 'desc').orderBy('h.id', 'desc');
type HonourRow = Awaited<ReturnType<ReturnType<typeof honourRows>['execute']>>[number];
const toHonour = (h: HonourRow, unionSeen: boolean) => ({
  id: h.id, personId: h.person_id, name: h.name, kind: h.kind as 'modelWorker', level: h.level as 'national', year: h.year, awardedBy: h.awarded_by,
  unionId: h.union_id, unionName: unionSeen ? h.union_name : null, competitionName: unionSeen ? h.competition_name : null,
});

export async function addCompetition(db: Db, actor: Actor, unionId: string, input: CompetitionAdd): Promise<UnionCompetitions> {
  await db.transaction().execute(async (tx) => {
    await manageUnion(tx, actor, unionId);
    if (input.startsOn > today()) throw fieldError('startsOn', 'FUTURE_DATE', '开始日期不能晚于今天');
    const row = await tx.insertInto('union_competition').values({ union_id: unionId, name: input.name, starts_on: input.startsOn, ends_on: input.endsOn, participants: input.participants, recorded_by: actor.userId })
      .returning('id').executeTakeFirstOrThrow();
    await insertUnionEvent(tx, { unionId, kind: 'competition', at: input.startsOn, data: { name: input.name, participants: input.participants }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.competition.create', entity: 'union_competition', entityId: row.id, after: { unionId, ...input } });
  });
  return listCompetitions(db, actor, unionId);
}

export async function addHonour(db: Db, actor: Actor, unionId: string, input: HonourAdd): Promise<UnionCompetitions> {
  await db.transaction().execute(async (tx) => {
    await manageUnion(tx, actor, unionId);
    const now = today();
    if (input.year > Number(now.slice(0, 4))) throw fieldError('year', 'FUTURE_YEAR', '授予年度不能晚于今年');
    const person = await requireVisiblePerson(tx, actor, input.personId, 'personId');
    if (input.competitionId) {
      const c = await tx.selectFrom('union_competition').select('id').where('id', '=', input.competitionId).where('union_id', '=', unionId).executeTakeFirst();
      if (!c) throw fieldError('competitionId', 'NOT_FOUND', '本工会没有该劳动竞赛');
    }
    const dup = await tx.selectFrom('person_honour').select('id').where('person_id', '=', person.id).where('kind', '=', input.kind).where('level', '=', input.level).where('year', '=', input.year).executeTakeFirst();
    if (dup) throw fieldError('kind', 'DUPLICATE', '该人员本年度已登记同一级别的同一荣誉', 'CONFLICT');
    const row = await tx.insertInto('person_honour').values({
      person_id: person.id, union_id: unionId, kind: input.kind, level: input.level, year: input.year, awarded_by: input.awardedBy,
      competition_id: input.competitionId ?? null, recorded_by: actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    // The history's date: the day recorded for this year's honour, else the year's last day (an honour carries a year, not a day).
    const at = input.year === Number(now.slice(0, 4)) ? now : `${input.year}-12-31`;
    const data = { kind: HONOUR_KIND_LABELS[input.kind], title: `${HONOUR_LEVEL_LABELS[input.level]}${HONOUR_KIND_LABELS[input.kind]}`, level: HONOUR_LEVEL_LABELS[input.level], grantedBy: input.awardedBy, year: input.year };
    await insertUnionEvent(tx, { unionId, kind: 'honour', at, data: { ...data, name: person.name }, actorId: actor.userId });
    const [um, pm] = await Promise.all([
      tx.selectFrom('union_member').select('id').where('person_id', '=', person.id).where('status', 'in', ['active', 'retained']).executeTakeFirst(),
      tx.selectFrom('party_member').select('id').where('person_id', '=', person.id).where('status', '<>', 'left').executeTakeFirst(),
    ]);
    if (um) await insertUnionMemberEvent(tx, { memberId: um.id, kind: 'award', at, data, actorId: actor.userId });
    if (pm) await insertPartyMemberEvent(tx, { memberId: pm.id, kind: 'award', at, data, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.honour.create', entity: 'person_honour', entityId: row.id, after: { unionId, ...input, personId: person.id } });
  });
  return listCompetitions(db, actor, unionId);
}

/** A person's honours, wherever recorded; the recording union is named only to who sees it. */
export async function personHonours(db: Db, actor: Actor, personId: string): Promise<PersonHonours> {
  const person = await requireVisiblePerson(db, actor, personId);
  const rows = await honourRows(db).where('h.person_id', '=', person.id).execute();
  const seen = new Set<string>();
  if (rows.length && holdsAction(actor, 'union.read')) {
    const scope = requireAction(actor, 'union.read');
    const r = await sql<{ id: string }>`SELECT u.id::text FROM union_org u WHERE u.id IN (${sql.join(rows.map((h) => h.union_id))}) AND ${visibleInScope(scope, 'union', 'u')}`.execute(db);
    for (const x of r.rows) seen.add(x.id);
  }
  const items = rows.map((h) => toHonour(h, seen.has(h.union_id)));
  return { personId: person.id, name: person.name, items, total: items.length };
}

/** The union page's 工会服务 card. */
export async function unionServicesSummary(db: Db, actor: Actor, unionId: string): Promise<UnionServicesSummary> {
  const { scope } = await readUnion(db, actor, unionId);
  const on = today();
  const year = Number(on.slice(0, 4));
  const f = { ...periodOf(year), unionId };
  const [h, s, last, comps, honours, manageable] = await Promise.all([
    hardshipCounts(db, unionId, `${year}-01-01`, on), funds.sumFunds(db, scope, f, on),
    db.selectFrom('union_funds_month').select('month').where('union_id', '=', unionId).orderBy('month', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('union_competition').select((eb) => eb.fn.countAll<string>().as('n')).where('union_id', '=', unionId).executeTakeFirstOrThrow(),
    db.selectFrom('person_honour').select((eb) => eb.fn.countAll<string>().as('n')).where('union_id', '=', unionId).executeTakeFirstOrThrow(),
    mayManageUnion(db, actor, unionId),
  ]);
  return {
    unionId, manageable,
    hardship: { applied: h.applied, approved: h.approved, overdue: h.overdue, closed: h.closed, paidFenThisYear: Number(h.paid_fen) },
    funds: { year, sums: { lines: s.lines, dueFen: Number(s.due_fen), paidFen: Number(s.paid_fen), arrearsFen: Number(s.arrears_fen), arrearsLines: s.arrears_lines }, lastMonth: last ? last.month.slice(0, 7) : null },
    competitions: Number(comps.n), honours: Number(honours.n),
  };
}
