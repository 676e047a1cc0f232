import type { Assessment, AssessmentCreate, EvidenceInput } from '../../contracts/standards.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { checklistVersionOn, TEMPLATE_LABELS } from '../../domain/standards/standards-catalogue.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeAttachment, type Received } from '../attachment/attachment.service.js';
import type { AttachmentStore } from '../attachment/attachment.store.js';
import type { Keyring } from '../crypto/keyring.js';
import { versionConflict } from '../party-org/party-org.access.js';
import * as repo from './assessment.repository.js';
import { assessmentView, getAssessmentIn, liveRecords, loadVisible, versionOf } from './assessment.view.js';
import { findRecord } from './evidence.repository.js';
import { submitForReviewIn } from './standards-approval.js';
import { requireManagedOwner, requireSomeManage } from './standards.access.js';

/**
 * Self-assessment (docs/standards.md): an organisation's manager, by its own place (never through a
 * link), opens a year's checklist, gives the evidence the records do not hold — an upload or an
 * attestation — and submits; what the records hold is kept as found at submission. Every write is
 * versioned (409 with `current`) and audited in its transaction.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

export async function createAssessment(db: Db, actor: Actor, input: AssessmentCreate): Promise<Assessment> {
  return db.transaction().execute(async (tx) => {
    const owner = await requireManagedOwner(tx, actor, input.orgKind, input.orgId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound(input.orgKind === 'partyOrg' ? '党组织' : '工会', 'orgId') : e;
    });
    if (owner.place.status !== 'active') throw field('orgId', 'ORG_DISSOLVED', '该组织已撤销，不能开展标准化建设自评', 'CONFLICT');
    const year = Number(today().slice(0, 4));
    if (input.year > year) throw field('year', 'FUTURE_YEAR', '不能为以后的年度自评');
    const day = `${input.year}-12-31` < today() ? `${input.year}-12-31` : today();
    const v = checklistVersionOn(input.templateId, day);
    if (!v) throw field('templateId', 'NOT_IN_FORCE', `${input.year}年该标准尚未施行`);
    if (v.orgKind !== input.orgKind) throw field('templateId', 'WRONG_ORG_KIND', `“${TEMPLATE_LABELS[input.templateId]}”不适用于${input.orgKind === 'partyOrg' ? '党组织' : '工会'}`);
    const row = await repo.insertAssessment(tx, {
      template_id: v.templateId, template_version: v.validFrom, year: input.year, created_by: actor.userId,
      party_org_id: input.orgKind === 'partyOrg' ? input.orgId : null, union_id: input.orgKind === 'union' ? input.orgId : null,
    });
    if (!row) throw field('templateId', 'ALREADY_EXISTS', `该组织${input.year}年的“${TEMPLATE_LABELS[input.templateId]}”自评已存在`, 'CONFLICT');
    await recordAudit(tx, actor, { action: 'checklist.create', entity: 'checklist', entityId: row.id, after: auditView(row) });
    return assessmentView(tx, actor, row, owner);
  });
}

/** The gate of every organisation-side write: the owner managed, the version current, still editable. */
async function openForEdit(tx: Executor, actor: Actor, id: string, version: number) {
  requireSomeManage(actor);
  const { row } = await loadVisible(tx, actor, id);
  const o = repo.ownerOf(row);
  const owner = await requireManagedOwner(tx, actor, o.kind, o.id);
  const locked = await repo.lockAssessment(tx, id);
  if (!locked || locked.version !== version) throw versionConflict();
  if (locked.status !== 'draft' && locked.status !== 'returned') throw field('version', 'NOT_EDITABLE', '自评已提交审核或已通过，不能修改', 'CONFLICT');
  return { row: locked, owner, v: versionOf(locked) };
}

function itemOf(v: ReturnType<typeof versionOf>, key: string) {
  const item = v.items.find((i) => i.key === key);
  if (!item) throw field('key', 'UNKNOWN_ITEM', '不是本标准的条目');
  return item;
}

export async function setEvidence(db: Db, actor: Actor, id: string, key: string, input: EvidenceInput): Promise<Assessment> {
  return db.transaction().execute(async (tx) => {
    const { row, owner, v } = await openForEdit(tx, actor, id, input.version);
    const item = itemOf(v, key);
    if (input.kind === 'none') await repo.clearEvidence(tx, id, key);
    else if (input.kind === 'record') {
      const found = item.record ? await findRecord(tx, item.record, { ...repo.ownerOf(row), year: row.year, today: today() }) : null;
      if (!found) throw field('kind', 'NO_RECORD', '台账中没有找到该条目的记录，请上传材料或说明');
      await repo.putEvidence(tx, { assessment_id: id, item_key: key, kind: 'record', record_ref: JSON.stringify(found), attachment_id: null, attestation: null, updated_by: actor.userId });
    } else {
      if (!item.accepts.includes('attestation')) throw field('kind', 'UPLOAD_REQUIRED', `“${item.title}”须上传材料`);
      if (!input.attestation) throw field('attestation', 'REQUIRED', '请填写情况说明');
      await repo.putEvidence(tx, { assessment_id: id, item_key: key, kind: 'attestation', record_ref: null, attachment_id: null, attestation: input.attestation, updated_by: actor.userId });
    }
    const after = (await repo.bumpAssessment(tx, id, input.version))!;
    await recordAudit(tx, actor, { action: 'checklist.evidence', entity: 'checklist', entityId: id, after: { item: key, kind: input.kind, attestationLength: input.attestation?.length ?? 0, version: after.version } });
    return assessmentView(tx, actor, after, owner);
  });
}

export async function attachEvidence(db: Db, actor: Actor, store: AttachmentStore, id: string, key: string, version: number, file: Received): Promise<Assessment> {
  return db.transaction().execute(async (tx) => {
    const { owner, v } = await openForEdit(tx, actor, id, version);
    const item = itemOf(v, key);
    if (!item.accepts.includes('upload')) throw field('key', 'ATTESTATION_ONLY', `“${item.title}”不需上传材料，请填写说明`);
    const file_ = await storeAttachment(tx, actor, store, { kind: 'checklist', id }, file);
    await repo.putEvidence(tx, { assessment_id: id, item_key: key, kind: 'upload', record_ref: null, attachment_id: file_.id, attestation: null, updated_by: actor.userId });
    const after = (await repo.bumpAssessment(tx, id, version))!;
    await recordAudit(tx, actor, { action: 'checklist.evidence', entity: 'checklist', entityId: id, after: { item: key, kind: 'upload', attachmentId: file_.id, version: after.version } });
    return assessmentView(tx, actor, after, owner);
  });
}

/**
 * Submitting keeps each record found as it stands; an item with no evidence at all is refused, by item.
 * A Party organisation's checklist goes to the approval engine's levels in the same transaction.
 */
export async function submitAssessment(db: Db, keyring: Keyring, actor: Actor, id: string, version: number): Promise<Assessment> {
  return db.transaction().execute(async (tx) => {
    const { row, owner, v } = await openForEdit(tx, actor, id, version);
    const given = new Set((await repo.evidenceOf(tx, id)).map((e) => e.item_key));
    const live = await liveRecords(tx, row, v.items.filter((i) => !given.has(i.key)));
    const missing = v.items.filter((i) => !given.has(i.key) && !live.has(i.key));
    if (missing.length) {
      throw new AppError('VALIDATION_FAILED', `还有${missing.length}项缺少佐证：${missing.map((i) => i.title).join('、')}`,
        missing.map((i) => ({ field: `items.${i.key}`, code: 'MISSING_EVIDENCE', message: `“${i.title}”缺少佐证，请上传材料或说明` })));
    }
    for (const [key, found] of live) {
      await repo.putEvidence(tx, { assessment_id: id, item_key: key, kind: 'record', record_ref: JSON.stringify(found), attachment_id: null, attestation: null, updated_by: actor.userId });
    }
    const submitted = (await repo.bumpAssessment(tx, id, version, { status: 'submitted', stage: v.reviewLevels[0]!, submitted_at: repo.now(), submitted_by: actor.userId }))!;
    const after = owner.kind === 'partyOrg' ? await submitForReviewIn(tx, keyring, actor, submitted) : submitted;
    await recordAudit(tx, actor, { action: 'checklist.submit', entity: 'checklist', entityId: id, before: auditView(row), after: auditView(after) });
    return assessmentView(tx, actor, after, owner);
  });
}

export const readAssessment = (db: Db, actor: Actor, id: string) => getAssessmentIn(db, actor, id);

export const auditView = (r: repo.AssessmentRow) => ({
  templateId: r.template_id, templateVersion: r.template_version, partyOrgId: r.party_org_id, unionId: r.union_id, year: r.year,
  status: r.status, stage: r.stage, total: r.total, stars: r.stars, version: r.version,
});
