import type { Db } from '../../db/schema.js';
import type { CongressSession, CongressUpdate, CongressView, Resolution, ResolutionAdd } from '../../contracts/union-congress.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { CONGRESS_KIND_LABELS, type CongressMatter, type CongressSessionFact } from '../../domain/union-committee.js';
import { explainUnionCongress, sessionVerdict } from '../../domain/rules/index.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertUnionEvent, lockUnion } from '../union/union.repository.js';
import { canManageUnion, openUnion, openUnionForRead } from '../union/union.service.js';
import { coveredEmployees } from './committee.repository.js';
import { findSession, insertResolution, listResolutions, listSessions, lockSession, updateSession, type ResolutionRow, type SessionRow } from './congress.repository.js';

const invalid = (field: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code, message }]);
const versionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');

const sessionFact = (s: SessionRow, resolutions: ResolutionRow[]): CongressSessionFact => ({
  id: s.id, heldOn: s.held_on, kind: s.kind, session: s.session, employees: s.employees, representatives: s.representatives, managers: s.managers,
  present: s.present, matters: s.matters as CongressMatter[],
  resolutions: resolutions.filter((r) => r.congress_id === s.id).map((r) => ({
    id: r.id, title: r.title, matter: r.matter as CongressMatter | null, votesFor: r.votes_for, votesAgainst: r.votes_against, votesAbstain: r.votes_abstain,
  })),
});

function toSession(s: SessionRow, resolutions: ResolutionRow[], union: { employees: number | null; provinceCode: string | null }, date: string): CongressSession {
  const window = '0000-01-01';
  const v = sessionVerdict(sessionFact(s, resolutions), union, window, date);
  return {
    id: s.id, unionId: s.union_id, heldOn: s.held_on, kind: s.kind, kindLabel: CONGRESS_KIND_LABELS[s.kind], session: s.session, notes: s.notes,
    employees: s.employees, representatives: s.representatives, managers: s.managers, present: s.present, matters: v.matters, version: s.version,
    quorumNeeded: v.quorumNeeded, quorum: v.quorum, quorumLabel: v.quorumLabel, representativeMin: v.representativeMin, managersMax: v.managersMax,
    resolutions: v.resolutions.map((r) => ({ ...r, id: r.id!, congressId: s.id })),
  };
}

/** GET /api/unions/:id/congress — the form, the province's representative rule, sessions with verdicts, findings. */
export async function getCongress(db: Db, actor: Actor, unionId: string, date = todayInChina()): Promise<CongressView> {
  const { union } = await openUnionForRead(db, actor, unionId);
  const [sessions, employees, manageable] = await Promise.all([listSessions(db, unionId), coveredEmployees(db, unionId, date), canManageUnion(db, actor, unionId)]);
  const resolutions = await listResolutions(db, sessions.map((s) => s.id));
  const provinceCode = union.region_code?.slice(0, 2) ?? null;
  const facts = { employees, foundedOn: union.founded_on, provinceCode, congresses: sessions.map((s) => sessionFact(s, resolutions)) };
  const c = explainUnionCongress(facts, date);
  return {
    unionId, manageable, employees, form: c.form, formText: c.formText, formSource: c.formSource, rule: c.rule, lastHeldOn: c.lastHeldOn, nextDueBy: c.nextDueBy,
    matters: c.matters, sessions: sessions.map((s) => toSession(s, resolutions, { employees, provinceCode }, date)), total: sessions.length,
    findings: c.findings.map(({ ruleId, severity, title, summary, message, source }) => ({ ruleId, severity, title, summary, message, source })),
  };
}

/** The session, its union managed by the caller (never through a link), locked for the change. */
async function lockedSession(tx: Parameters<typeof findSession>[0], actor: Actor, id: string) {
  const found = /^\d{1,18}$/.test(id) ? await findSession(tx, id) : undefined;
  if (!found) throw notFound('职代会记录');
  const { union } = await openUnion(tx, actor, found.union_id);
  if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能变更');
  await lockUnion(tx, found.union_id);
  return { session: (await lockSession(tx, id))!, union };
}

export async function updateCongressSession(db: Db, actor: Actor, id: string, input: CongressUpdate): Promise<CongressSession> {
  return db.transaction().execute(async (tx) => {
    const { session, union } = await lockedSession(tx, actor, id);
    if (session.version !== input.version) throw versionConflict();
    if (input.heldOn && input.heldOn > todayInChina()) throw invalid('heldOn', 'DATE_IN_FUTURE', '日期不能晚于今天');
    const reps = input.representatives !== undefined ? input.representatives : session.representatives;
    const present = input.present !== undefined ? input.present : session.present;
    const managers = input.managers !== undefined ? input.managers : session.managers;
    if (reps != null && present != null && present > reps) throw invalid('present', 'PRESENT_OVER', '实到人数不能多于应到人数');
    if (reps != null && managers != null && managers > reps) throw invalid('managers', 'MANAGERS_OVER', '管理人员代表不能多于代表总数');
    const resolutions = await listResolutions(tx, [id]);
    if (reps != null && resolutions.some((r) => r.votes_for + r.votes_against + r.votes_abstain > reps)) {
      throw invalid('representatives', 'VOTES_OVER', '已登记决议的票数之和多于应到人数');
    }
    const set = {
      ...(input.heldOn !== undefined ? { held_on: input.heldOn } : {}), ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.session !== undefined ? { session: input.session } : {}), ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.employees !== undefined ? { employees: input.employees } : {}), ...(input.representatives !== undefined ? { representatives: input.representatives } : {}),
      ...(input.managers !== undefined ? { managers: input.managers } : {}), ...(input.present !== undefined ? { present: input.present } : {}),
      ...(input.matters !== undefined ? { matters: JSON.stringify(input.matters) } : {}),
    };
    if (!(await updateSession(tx, id, input.version, set))) throw versionConflict();
    const after = (await findSession(tx, id))!;
    const provinceCode = union.region_code?.slice(0, 2) ?? null;
    const out = toSession(after, resolutions, { employees: null, provinceCode }, todayInChina());
    await insertUnionEvent(tx, { unionId: session.union_id, kind: 'congress_updated', at: after.held_on, actorId: actor.userId, data: { congressId: id, heldOn: after.held_on } });
    await recordAudit(tx, actor, { action: 'union.congress.update', entity: 'union', entityId: session.union_id, before: { ...session }, after: out });
    return out;
  });
}

/** A resolution put to the vote; its verdict is computed from the session's counts. */
export async function addResolution(db: Db, actor: Actor, congressId: string, input: ResolutionAdd): Promise<Resolution> {
  return db.transaction().execute(async (tx) => {
    const { session, union } = await lockedSession(tx, actor, congressId);
    const votes = input.votesFor + (input.votesAgainst ?? 0) + (input.votesAbstain ?? 0);
    if (session.present != null && votes > session.present) throw invalid('votesFor', 'VOTES_OVER_PRESENT', `票数之和（${votes}）多于实到人数（${session.present}）`);
    if (session.representatives != null && votes > session.representatives) throw invalid('votesFor', 'VOTES_OVER', `票数之和（${votes}）多于应到人数（${session.representatives}）`);
    const row = await insertResolution(tx, {
      congressId, title: input.title, matter: input.matter ?? null, votesFor: input.votesFor, votesAgainst: input.votesAgainst ?? 0, votesAbstain: input.votesAbstain ?? 0, actorId: actor.userId,
    });
    const provinceCode = union.region_code?.slice(0, 2) ?? null;
    const out = toSession(session, [row], { employees: null, provinceCode }, todayInChina()).resolutions[0]!;
    await insertUnionEvent(tx, { unionId: session.union_id, kind: 'congress_resolution', at: session.held_on, actorId: actor.userId, data: { congressId, title: out.title, outcome: out.outcomeLabel } });
    await recordAudit(tx, actor, { action: 'union.congress.resolution.add', entity: 'union', entityId: session.union_id, after: out });
    return out;
  });
}
