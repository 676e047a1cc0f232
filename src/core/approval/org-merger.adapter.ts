import { PartyOrgMerge } from '../../contracts/party-org-merger.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE } from '../../domain/approval.js';
import { mergerFindings } from '../../domain/approval-checks.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/scope.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { lettersInFlight } from '../party-org/org-merger.repository.js';
import { mergeOrgIn } from '../party-org/org-merger.service.js';
import { findOrg, insertOrgEvent, lockOrg } from '../party-org/party-org.repository.js';
import type { ApprovalAdapter, Payload } from './adapter.js';
import { blocking, dryRun, parsePayload, without } from './adapter-helpers.js';
import { orgName } from './approval.repository.js';

/**
 * 党组织合并 (docs/approvals.md, "Kinds"): the request is about the organisation merged (被合并, A),
 * whose managers ask and whose owners by place decide; its payload the receiving organisation (B)
 * and the reason, as the merge form takes them. The merger is made by the party-org module's own
 * code when the last level agrees, on that day, at the versions the two organisations then stand at;
 * the decider must manage B as well (a merger into an organisation they only see is refused there).
 */
type Kind = 'org.merger';
const ALL: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };

async function parse(tx: Executor, payload: Payload, version: number, on: string) {
  const intoId = typeof payload.intoOrgId === 'string' && /^\d{1,18}$/.test(payload.intoOrgId) ? payload.intoOrgId : undefined;
  const into = intoId ? await findOrg(tx, ALL, intoId) : undefined;
  return parsePayload(PartyOrgMerge, 'org.merger', { ...without(payload, 'version', 'intoVersion', 'on'), version, intoVersion: into?.version ?? 1, on });
}

async function prepare(tx: Executor, _k: unknown, actor: Actor, kind: Kind, id: string, payload: Payload, version?: number) {
  const { org } = await requireManagedOrg(tx, actor, id);
  await lockOrg(tx, id);
  if (version !== undefined && org.version !== version) throw versionConflict();
  const input = await parse(tx, payload, org.version, today());
  await dryRun(tx, () => mergeOrgIn(tx, actor, org, input));
  const into = await orgName(tx, input.intoOrgId);
  return {
    subject: { orgId: id, regionCode: org.region_code, label: `${org.name}并入${into}（${APPROVAL_KIND_CATALOGUE[kind].label}）` },
    payload: without(input, 'version', 'intoVersion', 'on'),
  };
}

/** Letters still waiting refuse the last level: the members they name cannot follow the merger. */
async function blockers(tx: Executor, _kind: Kind, id: string) {
  const org = await findOrg(tx, ALL, id);
  if (!org) return [];
  const letters = await lettersInFlight(tx, id, today());
  return blocking(mergerFindings({ orgName: org.name, lettersWaiting: letters.map((l) => l.name) }), ['org.mergeLettersWaiting']);
}

/** Merged by the decider, on the decision day, at the versions A and B stand at then. */
async function apply(tx: Executor, _k: unknown, actor: Actor, _kind: Kind, id: string, payload: Payload) {
  await lockOrg(tx, id);
  const org = await findOrg(tx, ALL, id);
  if (!org) throw versionConflict();
  await mergeOrgIn(tx, actor, org, await parse(tx, payload, org.version, today()));
}

/** A line on the history of both organisations: the one merged and the one it is merged into (named by the request). */
async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>) {
  await insertOrgEvent(tx, { orgId: id, kind: 'approval', at: today(), data, actorId: actor.userId });
  const request = typeof data.approvalId === 'string'
    ? await tx.selectFrom('approval_request').select('payload').where('id', '=', data.approvalId).executeTakeFirst() : undefined;
  const into = (request?.payload as Payload | undefined)?.intoOrgId;
  if (typeof into === 'string' && into !== id) await insertOrgEvent(tx, { orgId: into, kind: 'approval', at: today(), data, actorId: actor.userId });
}

async function asked(db: Executor, _kind: Kind, p: Payload) {
  const into = typeof p.intoOrgId === 'string' ? await orgName(db, p.intoOrgId) : undefined;
  return [
    { label: '合并后保留的党组织', value: into ?? '—' },
    { label: '合并原因', value: typeof p.reason === 'string' ? p.reason : '—' },
    { label: '合并日期', value: '上级批准之日' },
  ];
}

export const orgMergerAdapter: ApprovalAdapter<Kind> = { subjectTable: 'party_org', prepare, blockers, apply, note, asked };
