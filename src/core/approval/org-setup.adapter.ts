import { ORG_TYPE_LABEL, PartyOrgCreate, SETUP_MODE_LABEL } from '../../contracts/party-org.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE } from '../../domain/approval.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { createRuleContext, explainOrg } from '../../domain/rules/index.js';
import type { Actor } from '../access/actor.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { insertOrgEvent, lockOrg } from '../party-org/party-org.repository.js';
import { createOrgIn } from '../party-org/party-org.service.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import type { ApprovalAdapter, Payload } from './adapter.js';
import { blocking, dryRun, parsePayload, without } from './adapter-helpers.js';

/**
 * 成立党组织 (docs/approvals.md, "Kinds"): the organisation does not exist yet, so the request is
 * about its 上级党组织 (party_org, the parent) — whose managers ask and whose owners by place decide —
 * and its payload is the new organisation as the create form takes it. The organisation is created
 * by the party-org module's own code when the last level agrees; its 成立日期, when not given, is that
 * day. An organisation with no parent (placed directly in a region) is created directly, as before.
 */
type Kind = 'org.setup';
/** The org rules that make a new organisation wrong, not merely due for a step. */
const BLOCKING = ['org.belowStandaloneThreshold'] as const;

const parse = (payload: Payload, parentId: string) => parsePayload(PartyOrgCreate, 'org.setup', { ...without(payload, 'parentId'), parentId });

async function prepare(tx: Executor, _k: unknown, actor: Actor, kind: Kind, id: string, payload: Payload, version?: number) {
  const { org: parent } = await requireManagedOrg(tx, actor, id);
  await lockOrg(tx, id);
  if (version !== undefined && parent.version !== version) throw versionConflict();
  const input = parse(payload, id);
  await dryRun(tx, () => createOrgIn(tx, actor, { ...input, foundedOn: input.foundedOn ?? today() }));
  return { subject: { orgId: id, regionCode: parent.region_code, label: `${input.name}（${APPROVAL_KIND_CATALOGUE[kind].label}）` }, payload: without(input, 'parentId') };
}

/** The org rules on the organisation as it would stand the day it is set up (no positions, no covered enterprises yet). */
async function blockers(_tx: Executor, _kind: Kind, id: string, payload: Payload) {
  const input = parse(payload, id);
  const day = today();
  const why = explainOrg({
    id: '0', name: input.name, regionCode: input.regionCode ?? null, orgType: input.orgType, setupMode: input.setupMode, temporary: input.temporary ?? false,
    foundedOn: input.foundedOn ?? day, fullMembers: input.fullMembers ?? 0, probationaryMembers: input.probationaryMembers ?? 0, positions: [], coveredEnterprises: [],
  }, createRuleContext(day));
  // On a standing organisation 正式党员不足 is a hint (members come and go); setting one up so is refused.
  return blocking([...why.alerts, ...why.nextSteps], BLOCKING, true);
}

async function apply(tx: Executor, _k: unknown, actor: Actor, _kind: Kind, id: string, payload: Payload) {
  const input = parse(payload, id);
  const out = await createOrgIn(tx, actor, { ...input, foundedOn: input.foundedOn ?? today() });
  await refreshTasksFor(tx, actor, { partyOrgIds: [out.id] }, { trigger: 'party_org.create' });
}

async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>) {
  await insertOrgEvent(tx, { orgId: id, kind: 'approval', at: today(), data, actorId: actor.userId });
}

async function asked(_db: Executor, _kind: Kind, p: Payload) {
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '—');
  const n = (k: string) => (typeof p[k] === 'number' ? `${p[k]}人` : '—');
  return [
    { label: '党组织名称', value: s('name') },
    { label: '组织类别', value: ORG_TYPE_LABEL[p.orgType as keyof typeof ORG_TYPE_LABEL] ?? '—' },
    { label: '组建方式', value: SETUP_MODE_LABEL[p.setupMode as keyof typeof SETUP_MODE_LABEL] ?? '—' },
    { label: '正式党员', value: n('fullMembers') }, { label: '预备党员', value: n('probationaryMembers') },
    { label: '成立日期', value: typeof p.foundedOn === 'string' ? p.foundedOn : '上级批准之日' },
  ];
}

export const orgSetupAdapter: ApprovalAdapter<Kind> = { subjectTable: 'party_org', prepare, blockers, apply, note, asked };
