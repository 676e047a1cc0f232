import type { Executor } from '../../db/schema.js';
import { findingsText, isProblem, VISIT_FINDING_LABEL, VISIT_RESOLVED_REASON, type VisitFinding } from '../../domain/fieldwork.js';
import type { Actor } from '../access/actor.js';
import { closeTask, openTask } from '../task/task-writer.js';
import { findingsSinceResolved } from './fieldwork.repository.js';

/**
 * What a visit does to the enterprise's 实地走访发现问题 task (kind visit.finding), in the visit's own
 * transaction: a problem found opens it (or, already open, adds to what its label lists); 问题已整改
 * closes it as 实地核实已整改. Both the instructor's own visit and one an officer enters come here.
 */
export type VisitForTasks = { enterpriseId: string; enterpriseName: string; regionCode: string | null; findings: readonly VisitFinding[] };

const SUBJECT = { kind: 'visit.finding', subjectTable: 'enterprise' } as const;

export async function applyVisitFindings(tx: Executor, actor: Actor, v: VisitForTasks): Promise<string | null> {
  if (v.findings.includes('resolved')) {
    return closeTask(tx, actor, { ...SUBJECT, subjectId: v.enterpriseId, closedBy: 'visit.resolved', reason: VISIT_RESOLVED_REASON });
  }
  const found = v.findings.filter(isProblem);
  if (!found.length) return null;
  // The visit is already written: the label lists everything found since the last 整改, this visit included.
  const all = await findingsSinceResolved(tx, v.enterpriseId);
  return openTask(tx, actor, {
    ...SUBJECT, subjectId: v.enterpriseId, subjectLabel: `${v.enterpriseName}：${findingsText(all)}`, linkPath: `/enterprises/${v.enterpriseId}`,
    anchor: { enterpriseId: v.enterpriseId }, regionCode: v.regionCode,
    reason: `实地走访发现：${found.map((f) => VISIT_FINDING_LABEL[f]).join('、')}`,
  });
}
