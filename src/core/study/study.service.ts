import type { StudyMaterial, StudyMaterialInput, StudyMaterialPage, StudyMaterialUpdate, StudyListFilter } from '../../contracts/study.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { studyContentMissing } from '../../domain/study.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope } from '../access/scope.js';
import { loadStudyReader } from '../access/study-scope.js';
import { ownedInScope } from '../access/party-org-scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { toAttachment } from '../attachment/attachment.mapper.js';
import { attachmentsOf } from '../attachment/attachment.repository.js';
import { requireManagedMaterial, requireVisibleMaterial, userIdOf } from './study.access.js';
import { toMaterial, toMaterialSummary } from './study.mapper.js';
import * as repo from './study.repository.js';

/**
 * 学习 (docs/study.md): publishing study materials and reading them. Each write in one transaction —
 * versioned (a stale version is a 409), audited. Reading is never recorded: no time, no count, no
 * ranking; a reader's 已学 mark is theirs alone (see setLearned).
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' | 'FORBIDDEN' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

/** The publisher: exactly one of a district or street in the caller's study.publish scope, or an organisation they manage by its own place. */
async function publisher(tx: Executor, actor: Actor, o: { regionCode?: string | null; orgId?: string | null }) {
  const scope = requireAction(actor, 'study.publish');
  if (!o.regionCode === !o.orgId) throw field('regionCode', 'PUBLISHER_REQUIRED', '请选择发布单位：区县、街道（乡镇）或党组织，只能选一个');
  if (o.orgId) {
    const org = await tx.selectFrom('party_org as so').select(['so.id', 'so.status']).where('so.id', '=', o.orgId).where(ownedInScope(scope, 'org', 'so')).executeTakeFirst();
    if (!org) throw notFound('党组织', 'orgId');
    if (org.status !== 'active') throw field('orgId', 'ORG_DISSOLVED', '该党组织已撤销，不能发布学习资料', 'CONFLICT');
    return { region_code: null, org_id: o.orgId };
  }
  const code = o.regionCode!;
  const level = await repo.regionLevel(tx, code);
  if (level === undefined) throw notFound('区划', 'regionCode');
  if (level !== 3 && level !== 4) throw field('regionCode', 'PUBLISHER_LEVEL', '学习资料由区县或街道（乡镇）发布，请选择区县或街道（乡镇）');
  if (!regionInScope(scope, code)) throw field('regionCode', 'OUT_OF_SCOPE', '该区划不在您的管理范围内，不能以其名义发布', 'FORBIDDEN');
  return { region_code: code, org_id: null };
}

function content(input: Omit<StudyMaterialInput, 'regionCode' | 'orgId'>) {
  const missing = studyContentMissing(input);
  if (missing) throw field(missing.field, 'REQUIRED', missing.message);
  // Only what the kind uses is kept: a video's link, a text's body; a summary for any.
  return {
    title: input.title, topic: input.topic, kind: input.kind, summary: input.summary ?? null,
    body: input.kind === 'text' ? input.body ?? null : null,
    url: input.kind === 'audio' || input.kind === 'video' ? input.url ?? null : null,
  };
}

const audit = (r: repo.MaterialRow) => ({ title: r.title, topic: r.topic, kind: r.kind, url: r.url, regionCode: r.region_code, orgId: r.org_id, status: r.status, version: r.version });

export async function createMaterial(db: Db, actor: Actor, input: StudyMaterialInput): Promise<StudyMaterial> {
  return db.transaction().execute(async (tx) => {
    const p = await publisher(tx, actor, input);
    const row = await repo.insertMaterial(tx, { ...content(input), ...p, created_by: actor.userId });
    await recordAudit(tx, actor, { action: 'study_material.create', entity: 'study_material', entityId: row.id, after: audit(row) });
    return getMaterialIn(tx, actor, row.id);
  });
}

export async function updateMaterial(db: Db, actor: Actor, id: string, input: StudyMaterialUpdate): Promise<StudyMaterial> {
  return db.transaction().execute(async (tx) => {
    await requireManagedMaterial(tx, actor, id);
    const before = await repo.lockMaterial(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    const after = await repo.updateMaterial(tx, id, input.version, { ...content(input), status: input.status });
    if (!after) throw versionConflict();
    const action = before.status !== after.status ? (after.status === 'withdrawn' ? 'study_material.withdraw' : 'study_material.republish') : 'study_material.update';
    await recordAudit(tx, actor, { action, entity: 'study_material', entityId: id, before: audit(before), after: audit(after) });
    return getMaterialIn(tx, actor, id);
  });
}

const fileUrl = (materialId: string, fileId: string) => `/api/study/materials/${materialId}/attachments/${fileId}`;

export async function getMaterialIn(db: Executor, actor: Actor, id: string): Promise<StudyMaterial> {
  const { m } = await requireVisibleMaterial(db, actor, id);
  const files = await attachmentsOf(db, 'study', id);
  return toMaterial(m, files.map((f) => toAttachment(f, fileUrl(id, f.id))));
}

export async function listMaterialPage(db: Db, actor: Actor, f: StudyListFilter): Promise<StudyMaterialPage> {
  if (f.view === 'mine') requireAction(actor, 'study.publish');
  const rows = await repo.listMaterials(db, await loadStudyReader(db, actor), userIdOf(actor), f);
  return { items: rows.map(toMaterialSummary), total: rows.length };
}

/**
 * The reader's own 已学 mark, on a published material they can read. Deliberately not audited and
 * timeless: it is a note to oneself, and an audit entry per reading would be exactly the record of who
 * studied what that the product rules out (docs/study.md). Nobody else can read it, officials included.
 */
export async function setLearned(db: Db, actor: Actor, id: string, learned: boolean): Promise<StudyMaterial> {
  const userId = userIdOf(actor);
  if (!userId) throw notFound('学习资料');
  return db.transaction().execute(async (tx) => {
    const { m } = await requireVisibleMaterial(tx, actor, id);
    if (m.status !== 'published') throw field('learned', 'WITHDRAWN', '该学习资料已撤回', 'CONFLICT');
    await repo.setMark(tx, id, userId, learned);
    return getMaterialIn(tx, actor, id);
  });
}
