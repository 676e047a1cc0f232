import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { TEMPLATE_LABELS } from '../../domain/standards/standards-catalogue.js';
import { LEVEL_OF_ROLE, checklistLevels } from '../../domain/standards/standards-levels.js';
import { resultLabel } from '../../domain/standards/standards-score.js';
import { TEMPLATE_IDS, type TemplateId } from '../../domain/standards/standards-types.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { insertOrgEvent } from '../party-org/party-org.repository.js';
import * as checklists from '../standards/assessment.repository.js';
import { versionOf } from '../standards/assessment.view.js';
import { applyResultIn, field, recordLevelIn } from '../standards/review-level.js';
import { requireManagedOwner } from '../standards/standards.access.js';
import type { ApprovalAdapter, LevelDecision, Payload } from './adapter.js';

/**
 * 规范化建设达标复核 (docs/approvals.md, "Kinds"; docs/standards.md): the request is about a Party
 * organisation's checklist, submitted by the checklist's own 提交审核 (the evidence kept as found
 * then). Each level's decider marks every item — the marks are checked against the template and
 * kept by the standards module (`checklist_review`), and on the engine's step; a return sends the
 * checklist back to the organisation; the last level's pass sets the result through the module's own
 * code (its audit entry and the organisation's history). The rule engine holds no rule on checklists,
 * so nothing blocks the last level but the marks themselves (below the pass mark: return it).
 */
type Kind = 'standards.review';

async function checklistOf(db: Executor, id: string) {
  const row = /^\d{1,18}$/.test(id) ? await checklists.findAssessment(db, id) : undefined;
  if (!row) throw notFound('标准化建设自评', 'subjectId');
  if (!row.party_org_id) {
    throw field('subjectId', 'UNION_CHECKLIST', '工会的标准化建设自评由街道、区县在自评页面审核，不经党组织审批流程');
  }
  return { row, orgId: row.party_org_id };
}

/** The requester manages the organisation by its own place, and the checklist stands submitted (by its own page). */
async function prepare(tx: Executor, _k: unknown, actor: Actor, _kind: Kind, id: string, _p: Payload, version?: number) {
  const { row, orgId } = await checklistOf(tx, id);
  const owner = await requireManagedOwner(tx, actor, 'partyOrg', orgId);
  const locked = await checklists.lockAssessment(tx, id);
  if (!locked || (version !== undefined && locked.version !== version)) throw versionConflict();
  if (locked.status !== 'submitted') {
    throw field('subjectId', 'SUBMIT_FROM_CHECKLIST', '请在标准化建设自评页面补齐佐证后点“提交审核”', 'CONFLICT');
  }
  const v = versionOf(row);
  return {
    subject: { orgId, regionCode: owner.place.region_code, label: `${owner.place.name}${row.year}年“${v.name}”` },
    payload: { templateId: row.template_id, year: row.year },
  };
}

async function levels(db: Executor, _kind: Kind, id: string, flow: Parameters<NonNullable<ApprovalAdapter['levels']>>[3]) {
  const { row } = await checklistOf(db, id);
  return checklistLevels(versionOf(row).reviewLevels, flow);
}

/** A level's marks, kept by the module; the step keeps them too, with the total in words. */
async function decided(tx: Executor, actor: Actor, _kind: Kind, id: string, d: LevelDecision) {
  if (!d.marks) throw field('marks', 'REQUIRED', '请在自评页面逐项打分后再审核');
  if (d.comment && d.comment.length > 500) throw field('comment', 'TOO_LONG', '意见不超过500字');
  const row = await checklists.findAssessment(tx, id);
  if (row?.submitted_by && row.submitted_by === actor.userId) throw field('version', 'SELF_REVIEW', '不能审核本人提交的自评', 'FORBIDDEN');
  const level = LEVEL_OF_ROLE[d.levels[d.index]!];
  const next = d.last ? null : LEVEL_OF_ROLE[d.levels[d.index + 1]!];
  const decision = d.decision === 'approve' ? 'pass' : 'return';
  const r = await recordLevelIn(tx, actor, id, level, next, { decision, marks: d.marks, comment: d.comment });
  const summary = decision === 'pass' ? `评分${r.total_}分（${resultLabel(r.stars_)}）` : `评分${r.total_}分`;
  return { marks: d.marks, total: r.total_, stars: r.stars_, summary };
}

async function apply(tx: Executor, _k: unknown, actor: Actor, _kind: Kind, id: string) {
  await applyResultIn(tx, actor, id);
}

/** 撤回: a checklist waiting at a level goes back to the organisation (as a return would), to be edited and submitted afresh. */
async function withdrawn(tx: Executor, actor: Actor, _kind: Kind, id: string) {
  const locked = await checklists.lockAssessment(tx, id);
  if (locked?.status !== 'submitted') return;
  const after = (await checklists.bumpAssessment(tx, id, locked.version, { status: 'returned', stage: null }))!;
  await recordAudit(tx, actor, { action: 'checklist.withdraw', entity: 'checklist', entityId: id, before: { status: locked.status, stage: locked.stage, version: locked.version }, after: { status: after.status, stage: after.stage, version: after.version } });
}

/** The organisation's history carries each step (the checklist has none of its own). */
async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>) {
  const row = await checklists.findAssessment(tx, id);
  if (row?.party_org_id) await insertOrgEvent(tx, { orgId: row.party_org_id, kind: 'approval', at: today(), data, actorId: actor.userId });
}

async function asked(_db: Executor, _kind: Kind, p: Payload) {
  const t = (TEMPLATE_IDS as readonly string[]).includes(String(p.templateId)) ? TEMPLATE_LABELS[p.templateId as TemplateId] : '—';
  return [{ label: '标准', value: t }, { label: '年度', value: p.year ? `${String(p.year)}年` : '—' }, { label: '审核方式', value: '每一级逐项打分，末级通过后记入结果' }];
}

export const standardsAdapter: ApprovalAdapter<Kind> = { subjectTable: 'checklist_assessment', prepare, blockers: async () => [], apply, note, asked, levels, decided, withdrawn };
