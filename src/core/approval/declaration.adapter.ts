import { DeclarationConfirm } from '../../contracts/member-transfer.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE } from '../../domain/approval.js';
import { NO_ANCHOR_MESSAGE, declarationAnchor, declarationFindings } from '../../domain/declaration-checks.js';
import { AppError } from '../../domain/errors.js';
import { MEMBER_CATEGORY_LABELS } from '../../domain/member.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { scopeFor } from '../access/scope.js';
import type { Keyring } from '../crypto/keyring.js';
import { requireDecidableDeclaration } from '../member-declaration/declaration.access.js';
import * as decl from '../member-declaration/declaration.repository.js';
import { confirmDeclarationIn } from '../member-declaration/declaration.service.js';
import { findMembershipOfPerson, insertMemberEvent } from '../member/member.repository.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { findPersonByIdNumberIndex } from '../person/person.repository.js';
import type { ApprovalAdapter, Payload } from './adapter.js';
import { blocking, dryRun, parsePayload, without } from './adapter-helpers.js';
import { openRequestOf, orgName } from './approval.repository.js';

/**
 * 亮身份确认 (docs/approvals.md, "Adapters"): the request is about the declaration
 * (member_declaration), its payload the confirmation as the confirm form takes it (the organisation
 * to register in, the joining date) — never the person's ID number, which stays sealed on the
 * declaration. It hangs on the anchor organisation (src/domain/declaration-checks.ts), whose owners
 * by place decide; the last level confirms through the declaration module's own code, registering
 * the member without the decider's own access (a 社区 level holds no 管理党组织).
 */
type Kind = 'member.declaration';
const BLOCKING = ['declaration.leftParty', 'declaration.alreadyOnRoll'] as const;

// A null sent on resubmission clears a choice (the organisation to register in): the form's schema takes none.
const present = (p: Payload): Payload => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));
const parse = (payload: Payload, version: number) => parsePayload(DeclarationConfirm, 'member.declaration', { ...without(present(payload), 'version'), version });

async function prepare(tx: Executor, keyring: Keyring, actor: Actor, kind: Kind, id: string, payload: Payload, version?: number) {
  await requireDecidableDeclaration(tx, actor, id);
  const row = await decl.lockDeclaration(tx, id);
  if (!row || (version !== undefined && row.version !== version)) throw versionConflict();
  const input = parse(payload, row.version);
  await dryRun(tx, () => confirmDeclarationIn(tx, keyring, actor, id, input, 'registrar'));
  // A resubmission keeps the organisation its request hangs on (the same deciders), whatever it now chooses.
  const open = await openRequestOf(tx, 'member_declaration', id);
  const anchorId = open?.party_org_id
    ?? declarationAnchor(input.orgId, input.orgId ? [] : await decl.managedCoveringOrgs(tx, scopeFor(actor, 'org.manage'), row.enterprise_id));
  if (!anchorId) throw new AppError('VALIDATION_FAILED', NO_ANCHOR_MESSAGE, [{ field: 'payload.orgId', code: 'NO_ANCHOR', message: NO_ANCHOR_MESSAGE }]);
  const anchor = await tx.selectFrom('party_org').select('region_code').where('id', '=', anchorId).executeTakeFirstOrThrow();
  return {
    subject: { orgId: anchorId, regionCode: anchor.region_code, label: `${row.name}（${APPROVAL_KIND_CATALOGUE[kind].label}）` },
    payload: without(input, 'version'),
  };
}

/** The person as the roll stands on the decision day: one who left, or one already on a roll that the request would register again. */
async function blockers(tx: Executor, _kind: Kind, id: string, payload: Payload) {
  const d = await decl.declarationFacts(tx, id);
  if (!d) return [];
  const person = await findPersonByIdNumberIndex(tx, d.id_number_index);
  const m = person ? await findMembershipOfPerson(tx, person.id) : undefined;
  return blocking(declarationFindings({ name: d.name, membership: m ? { status: m.status } : null, registers: typeof payload.orgId === 'string' }), BLOCKING);
}

/** Confirmed by the decider, through the declaration's own code. */
async function apply(tx: Executor, keyring: Keyring, actor: Actor, _kind: Kind, id: string, payload: Payload) {
  const row = await decl.lockDeclaration(tx, id);
  if (!row) throw versionConflict();
  await confirmDeclarationIn(tx, keyring, actor, id, parse(payload, row.version), 'approval');
}

/**
 * A declaration keeps no history of its own (its request's steps are its record): the line goes on
 * the 党员历程 of the membership the ID number holds, when there is one.
 */
async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>) {
  const d = await decl.declarationFacts(tx, id);
  const person = d ? await findPersonByIdNumberIndex(tx, d.id_number_index) : undefined;
  const m = person ? await findMembershipOfPerson(tx, person.id) : undefined;
  if (m) await insertMemberEvent(tx, { memberId: m.id, kind: 'approval', at: today(), data: { ...data, declarationId: id }, actorId: actor.userId });
}

async function asked(db: Executor, _kind: Kind, p: Payload, id: string) {
  const d = await decl.declarationFacts(db, id);
  const org = typeof p.orgId === 'string' ? await orgName(db, p.orgId) : undefined;
  return [
    { label: '申报人', value: d?.name ?? '—' },
    { label: '工作单位', value: d?.enterprise_name ?? '—' },
    { label: '工作岗位', value: d?.post ?? '—' },
    { label: '申报的组织关系所在党组织', value: d?.named_org ?? '—' },
    { label: '党员类别', value: d ? MEMBER_CATEGORY_LABELS[d.category] : '—' },
    { label: '入党日期', value: typeof p.joinedOn === 'string' ? p.joinedOn : d?.joined_on ?? '—' },
    { label: '登记入册的党组织', value: org ?? '不登记（已在册的记为在该企业工作；未在册的按申报的党组织记录）' },
  ];
}

export const declarationAdapter: ApprovalAdapter<Kind> = { subjectTable: 'member_declaration', prepare, blockers, apply, note, asked };
