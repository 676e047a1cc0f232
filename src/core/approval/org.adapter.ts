import { PartyOrgDissolve } from '../../contracts/party-org.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE } from '../../domain/approval.js';
import { dissolutionFindings } from '../../domain/approval-checks.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/scope.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { countActiveChildren, findOrg, insertOrgEvent, lockOrg } from '../party-org/party-org.repository.js';
import { dissolveOrgIn } from '../party-org/party-org.service.js';
import type { ApprovalAdapter, Payload } from './adapter.js';
import { blocking, dryRun, parsePayload, without } from './adapter-helpers.js';

/**
 * 撤销党组织 (docs/approvals.md, "Kinds"): the request is about the organisation itself, its payload
 * the reason as the dissolution form takes it. The organisation is dissolved by the party-org
 * module's own code when the last level agrees, on that day (the higher organisation's approval is
 * the dissolution's date). 成立 and 合并 are not wired yet (docs/approvals.md, "What is left").
 */
type Kind = 'org.dissolution';
const ALL: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };
const parse = (payload: Payload, version: number, on: string) => parsePayload(PartyOrgDissolve, 'org.dissolution', { ...without(payload, 'version', 'on'), version, on });

async function prepare(tx: Executor, _k: unknown, actor: Actor, kind: Kind, id: string, payload: Payload, version?: number) {
  const { org } = await requireManagedOrg(tx, actor, id);
  await lockOrg(tx, id);
  if (version !== undefined && org.version !== version) throw versionConflict();
  const input = parse(payload, org.version, today());
  await dryRun(tx, () => dissolveOrgIn(tx, actor, org, input));
  return {
    subject: { orgId: id, regionCode: org.region_code, label: `${org.name}（${APPROVAL_KIND_CATALOGUE[kind].label}）` },
    payload: without(input, 'version', 'on'),
  };
}

async function blockers(tx: Executor, _kind: Kind, id: string) {
  const org = await findOrg(tx, ALL, id);
  if (!org) return [];
  const roster = await tx.selectFrom('party_member').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', id).where('status', '!=', 'left').executeTakeFirstOrThrow();
  const found = dissolutionFindings({ orgName: org.name, rosterMembers: Number(roster.n), activeChildren: await countActiveChildren(tx, id) });
  return blocking(found, ['org.dissolveMembersRemain', 'org.dissolveChildrenRemain']);
}

/** Dissolved by the decider, on the decision day. */
async function apply(tx: Executor, _k: unknown, actor: Actor, _kind: Kind, id: string, payload: Payload) {
  await lockOrg(tx, id);
  const org = await findOrg(tx, ALL, id);
  if (!org) throw versionConflict();
  await dissolveOrgIn(tx, actor, org, parse(payload, org.version, today()));
}

async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>) {
  await insertOrgEvent(tx, { orgId: id, kind: 'approval', at: today(), data, actorId: actor.userId });
}

async function asked(_db: Executor, _kind: Kind, p: Payload) {
  return [{ label: '撤销原因', value: typeof p.reason === 'string' ? p.reason : '—' }, { label: '撤销日期', value: '上级批准之日' }];
}

export const orgAdapter: ApprovalAdapter<Kind> = { subjectTable: 'party_org', prepare, blockers, apply, note, asked };
