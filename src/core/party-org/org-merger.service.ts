import type { PartyOrgMerge, PartyOrgMergeResult } from '../../contracts/party-org-merger.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { letterMaxDaysOf, letterValidUntil } from '../../domain/member-transfer.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/scope.js';
import { guardDirectWrite } from '../approval/approval-guard.js';
import { recordAudit } from '../audit/audit.service.js';
import { acceptTransferIn, writeTransferIn } from '../member-transfer/transfer.service.js';
import { lockOrgMembers } from '../member-transfer/transfer.repository.js';
import { caseAuditView } from '../recruitment/recruitment.mapper.js';
import { insertCaseEvent, lockCase, updateCase } from '../recruitment/recruitment.repository.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { insertCoverage } from './org-links.repository.js';
import { assertNothingStuck, assertPair, requireReceivingOrg } from './org-merger-checks.js';
import {
  activeChildren, groupOfMembers, liveGroups, moveGroups, moveMobileMembers, openCaseIds, openCoverage,
} from './org-merger.repository.js';
import { requireManagedOrg, versionConflict } from './party-org.access.js';
import { toPartyOrg } from './party-org.mapper.js';
import { findOrg, insertOrgEvent, lockOrg, movePaths, updateOrg, type PartyOrgView } from './party-org.repository.js';
import { dissolveOrgIn } from './party-org.service.js';

/**
 * 党组织合并 (docs/organisations.md, "Merging"): organisation A (被合并) is merged into B (合并后保留的).
 * A's members move to B as the 整建制转接 moves them (a letter each, accepted at once, their 党员历程
 * says so; a 预备党员's case follows), its open 发展党员 cases, 党小组, sub-organisations and covered
 * enterprises follow, and A is dissolved (reason 合并) — one transaction, both versions checked,
 * audited, both organisations' tasks refreshed.
 */
export async function mergeOrg(db: Db, actor: Actor, id: string, input: PartyOrgMerge): Promise<PartyOrgMergeResult> {
  return db.transaction().execute(async (tx) => {
    const { org } = await requireManagedOrg(tx, actor, id);
    // 合并 goes through the district's approval flow where one is configured (docs/approvals.md).
    await guardDirectWrite(tx, 'party_org', id, 'org.merger');
    return mergeOrgIn(tx, actor, org, input);
  });
}

const ALL: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };
// The same ceiling the transfer routes read: the members' letters are dated the merger day and accepted at once.
const maxDays = () => letterMaxDaysOf(process.env.LX_TRANSFER_LETTER_MAX_DAYS);

/**
 * The merger itself, once the caller is known to manage A: a direct record (above) or the approval
 * engine's last level. B must be managed by the caller by its own place in either case.
 */
export async function mergeOrgIn(tx: Executor, actor: Actor, a: PartyOrgView, input: PartyOrgMerge): Promise<PartyOrgMergeResult> {
  const b = await requireReceivingOrg(tx, actor, input.intoOrgId);
  if (a.version !== input.version || b.version !== input.intoVersion) throw versionConflict();
  assertPair(a, b, input.on);
  if (letterValidUntil(input.on, maxDays()) < today()) {
    const message = `合并日期距今不能超过${maxDays()}天（党员组织关系介绍信的有效期），更早的合并请先逐项补录转接和撤销`;
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'on', code: 'TOO_EARLY', message }]);
  }
  // One order for the two row locks, so two mergers of the same pair queue instead of deadlocking.
  for (const id of [a.id, b.id].sort((x, y) => Number(x) - Number(y))) await lockOrg(tx, id);
  // Read again under the locks: a merger committed meanwhile (READ COMMITTED) shows here as a moved version.
  const [aNow, bNow] = [await findOrg(tx, ALL, a.id), await findOrg(tx, ALL, b.id)];
  if (aNow?.version !== input.version || bNow?.version !== input.intoVersion) throw versionConflict();
  const children = await activeChildren(tx, a.id);
  await assertNothingStuck(tx, a, b, children.length > 0);

  const bAfter = await updateOrg(tx, b.id, b.version, typedCounts(a, b));
  if (!bAfter) throw versionConflict();
  const groups = await liveGroups(tx, a.id);
  const membersMoved = await moveMembers(tx, actor, a, b, input.on, groups.map((g) => g.id));
  const casesMoved = await moveCases(tx, actor, a, b, input.on);
  const childrenMoved = await moveChildren(tx, actor, children, b, input.on);
  const coverage = await moveCoverage(tx, actor, a, b, input.on);
  const mobileMoved = await moveMobileMembers(tx, a.id, b.id);
  const counts = { membersMoved, casesMoved, groupsMoved: groups.length, childrenMoved, coverageMoved: coverage.length };

  const merged = await dissolveOrgIn(tx, actor, a, { version: a.version, on: input.on, reason: `合并：并入${b.name}（${input.reason}）` });
  const data = { mergedOrgId: a.id, mergedOrgName: a.name, intoOrgId: b.id, intoOrgName: b.name, reason: input.reason, ...counts, mobileMoved };
  await insertOrgEvent(tx, { orgId: b.id, kind: 'merged', at: input.on, data, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'party_org.merge', entity: 'party_org', entityId: a.id, before: { merged: toPartyOrg(a), into: toPartyOrg(b) }, after: data });
  await recordAudit(tx, actor, { action: 'party_org.merge', entity: 'party_org', entityId: b.id, before: toPartyOrg(b), after: { ...toPartyOrg(bAfter), ...data } });
  // The inbox follows both organisations in this transaction (docs/inbox.md, "Refresh"): A's tasks close, B's open or close.
  await refreshTasksFor(tx, actor, { partyOrgIds: [a.id, b.id, ...children.map((c) => c.id)], enterpriseIds: coverage }, { trigger: 'party_org.merge' });
  const into = await findOrg(tx, ALL, b.id);
  return { merged, into: toPartyOrg({ ...into!, owned: true, parent_visible: b.parent_visible }), ...counts };
}

/**
 * B's typed counts (填报数) take A's members when B counts by hand; a roster-kept B counts its roster,
 * which the members' moves fill. The update also takes B's version: a stale `intoVersion` is a 409.
 */
function typedCounts(a: PartyOrgView, b: PartyOrgView) {
  if (b.roster_since !== null) return {};
  const full = a.roster_since !== null ? Number(a.roster_full_members) : a.full_members;
  const probationary = a.roster_since !== null ? Number(a.roster_probationary_members) : a.probationary_members;
  return { full_members: b.full_members + full, probationary_members: b.probationary_members + probationary };
}

/** Each member as the 整建制转接 moves them: a letter dated the merger day, accepted at once by B. */
async function moveMembers(tx: Executor, actor: Actor, a: PartyOrgView, b: PartyOrgView, on: string, groupIds: string[]): Promise<number> {
  const grouped = await groupOfMembers(tx, a.id);
  const members = await lockOrgMembers(tx, a.id);
  const ids: string[] = [];
  for (const m of members) {
    const row = await writeTransferIn(tx, actor, { id: m.id, org_id: a.id, status: 'normal' },
      { memberId: m.id, toOrgId: b.id, issuedOn: on, note: `党组织合并：${a.name}并入${b.name}` }, maxDays(), ids[0] ?? null);
    ids.push(row.id);
  }
  if (ids.length) await tx.updateTable('member_transfer').set({ batch_id: ids[0] }).where('id', 'in', ids).execute();
  // Tasks of A and B are refreshed once, after everything has moved (mergeOrgIn), not once per member.
  for (const id of ids) await acceptTransferIn(tx, actor, id, { version: 1, on }, { refreshTasks: false });
  // 党小组 go with their members (the move cleared each member's group; they are put back in it at B).
  await moveGroups(tx, groupIds, b.id, grouped);
  return ids.length;
}

/** Open cases still held by A (applicants, activists, candidates — a 预备党员's case followed the member). */
async function moveCases(tx: Executor, actor: Actor, a: PartyOrgView, b: PartyOrgView, on: string): Promise<number> {
  const ids = await openCaseIds(tx, a.id);
  for (const id of ids) {
    const row = (await lockCase(tx, id))!;
    const after = await updateCase(tx, id, row.version, { org_id: b.id });
    if (!after) throw versionConflict();
    const data = { fromOrgId: a.id, toOrgId: b.id, reason: `党组织合并：${a.name}并入${b.name}` };
    await insertCaseEvent(tx, { caseId: id, kind: 'transferred', at: on, data, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'recruitment.transfer', entity: 'recruitment_case', entityId: id, before: caseAuditView(row), after: { ...caseAuditView(after), ...data } });
  }
  return ids.length;
}

/** A's sub-organisations go under B with their subtrees, each with an `adjusted` event and audit entry. */
async function moveChildren(tx: Executor, actor: Actor, children: Array<{ id: string; path: string }>, b: PartyOrgView, on: string): Promise<number> {
  for (const c of children) {
    const before = await findOrg(tx, ALL, c.id);
    const row = await updateOrg(tx, c.id, before!.version, { parent_id: b.id });
    if (!row) throw versionConflict();
    await movePaths(tx, c.path, `${b.path}.${c.id}`);
    await insertOrgEvent(tx, { orgId: c.id, kind: 'adjusted', at: on, data: { changes: { parentId: [before!.parent_id, b.id] }, reason: `上级党组织合并，改隶${b.name}` }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'party_org.adjust', entity: 'party_org', entityId: c.id, before: toPartyOrg(before!), after: toPartyOrg(row) });
  }
  return children.length;
}

/**
 * The enterprises A covered are covered by B from the merger day (A's coverage ends with its
 * dissolution): a 联合 coverage when B stood alone in its own enterprise, else B's own setup mode.
 */
async function moveCoverage(tx: Executor, actor: Actor, a: PartyOrgView, b: PartyOrgView, on: string): Promise<string[]> {
  const mode = b.setup_mode === 'standalone' ? 'joint' : b.setup_mode;
  const moved: string[] = [];
  for (const c of await openCoverage(tx, a.id, b.id)) {
    if (c.covered) continue;
    await insertCoverage(tx, { orgId: b.id, enterpriseId: c.enterprise_id, mode, since: on });
    await insertOrgEvent(tx, { orgId: b.id, kind: 'coverage_added', at: on, data: { enterpriseId: c.enterprise_id, enterpriseName: c.enterprise_name, mode, reason: `由${a.name}合并转入` }, actorId: actor.userId });
    moved.push(c.enterprise_id);
  }
  return moved;
}
