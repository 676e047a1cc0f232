import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, isApprovalKind } from '../../domain/approval.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireManagedOrg } from './party-org.access.js';
import type { PartyOrgView } from './party-org.repository.js';
import { endingRequestOf, groupNamesTaken, lettersInFlight, liveGroups, requestsUnderWay } from './org-merger.repository.js';

/**
 * The refusals of 党组织合并 (docs/organisations.md, "Merging"), each with a stable code on the field
 * at fault. What follows the members (their open cases, their groups, sub-organisations, coverage) is
 * moved by the merger; what cannot follow — a letter still waiting, a request still before a higher
 * level — is named here so the official finishes it first.
 */
const refuse = (field: string, code: string, message: string, status: 'CONFLICT' | 'VALIDATION_FAILED' = 'CONFLICT') =>
  new AppError(status, message, [{ field, code, message }]);

const names = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join('、')}等${xs.length}人` : xs.join('、'));

/** The receiving organisation, managed by the actor by its own place: seeing it through a link is not managing it. */
export async function requireReceivingOrg(tx: Executor, actor: Actor, intoOrgId: string): Promise<PartyOrgView> {
  try {
    return (await requireManagedOrg(tx, actor, intoOrgId)).org;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound('合并后保留的党组织', 'intoOrgId');
    if (e instanceof AppError && e.code === 'FORBIDDEN') {
      throw new AppError('FORBIDDEN', '合并后保留的党组织由其他单位管理，您只能查看，不能将党组织并入', [{ field: 'intoOrgId', code: 'NOT_MANAGED', message: '合并后保留的党组织不在您的管理范围内' }]);
    }
    throw e;
  }
}

/** The two organisations as they stand: the checks that need no reading beyond them. */
export function assertPair(a: PartyOrgView, b: PartyOrgView, on: string): void {
  if (a.id === b.id) throw refuse('intoOrgId', 'SAME_ORG', '合并后保留的党组织不能是被合并的党组织本身', 'VALIDATION_FAILED');
  if (a.status !== 'active') throw refuse('id', 'ORG_DISSOLVED', '被合并的党组织已撤销，不能合并');
  if (b.status !== 'active') throw refuse('intoOrgId', 'ORG_DISSOLVED', '合并后保留的党组织已撤销，不能并入');
  if (b.path.startsWith(`${a.path}.`)) {
    throw refuse('intoOrgId', 'BELOW_MERGED', `“${b.name}”是“${a.name}”的下级组织，不能把上级组织并入下级组织`, 'VALIDATION_FAILED');
  }
  if (on > today()) throw refuse('on', 'FUTURE_DATE', '合并日期不能晚于今天', 'VALIDATION_FAILED');
  for (const o of [a, b]) {
    if (o.founded_on && on < o.founded_on) throw refuse('on', 'BEFORE_FOUNDED', `合并日期不能早于“${o.name}”的成立日期（${o.founded_on}）`, 'VALIDATION_FAILED');
  }
}

/** What cannot follow the members, and what the receiving organisation cannot take. */
export async function assertNothingStuck(tx: Executor, a: PartyOrgView, b: PartyOrgView, hasChildren: boolean): Promise<void> {
  // 《中国共产党支部工作条例（试行）》: a 党支部 has 党小组 under it, not organisations; a 党委 or 党总支 has organisations, not 党小组.
  if (hasChildren && b.org_type === 'branch') {
    throw refuse('intoOrgId', 'BRANCH_HAS_NO_CHILDREN', `“${a.name}”设有下级党组织，党支部不设下级党组织，请并入党委或党总支，或先调整其下级组织`);
  }
  const groups = await liveGroups(tx, a.id);
  if (groups.length && b.org_type !== 'branch') {
    throw refuse('intoOrgId', 'GROUPS_NEED_BRANCH', `“${a.name}”设有党小组，党小组设在党支部，请并入党支部，或先撤销其党小组`);
  }
  const clash = await groupNamesTaken(tx, b.id, groups.map((g) => g.name));
  if (clash.length) throw refuse('intoOrgId', 'GROUP_NAME_TAKEN', `“${b.name}”已有同名党小组（${clash.join('、')}），请先修改其中一个党小组的名称`);
  const letters = await lettersInFlight(tx, a.id, today());
  if (letters.length) {
    throw refuse('id', 'TRANSFERS_IN_FLIGHT', `${names(letters.map((l) => l.name))}的组织关系介绍信尚未办结（待接收），请先办结、退回或撤回后再合并`);
  }
  const open = await requestsUnderWay(tx, a.id);
  if (open.length) {
    const what = open.slice(0, 3).map((r) => r.label).join('、');
    throw refuse('id', 'APPROVALS_UNDER_WAY', `“${a.name}”还有${open.length}件上级审批尚未结束（${what}），请待审批结束后再合并`);
  }
  const ending = await endingRequestOf(tx, b.id);
  if (ending) {
    const label = isApprovalKind(ending.kind) ? APPROVAL_KIND_CATALOGUE[ending.kind].label : '上级审批';
    throw refuse('intoOrgId', 'INTO_AWAITING_APPROVAL', `合并后保留的党组织正在办理“${label}”审批，不能并入`);
  }
}
