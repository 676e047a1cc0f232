import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { StudyListFilter } from '../../contracts/study.js';
import type { Executor } from '../../db/schema.js';
import type { StudyMaterialTable } from '../../db/tables/study.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { asColumn } from '../access/party-org-scope.js';
import { studyOwnedSql, studyVisibleSql, type StudyReader } from '../access/study-scope.js';

/** SQL for study materials and the reader's own marks. Every read takes the reader (study-scope.ts). */
export type MaterialRow = Selectable<StudyMaterialTable>;
export type MaterialView = MaterialRow & { publisher_name: string; publisher_level: number | null; files: number; learned: boolean; manageable: boolean };

const publisherName = sql<string>`coalesce((SELECT name FROM party_org WHERE id = sm.org_id), (SELECT name FROM region WHERE code = sm.region_code), '')`;
const publisherLevel = sql<number | null>`(SELECT level FROM region WHERE code = sm.region_code)`;

function view(db: Executor, r: StudyReader, userId: string | null) {
  return db.selectFrom('study_material as sm').selectAll('sm')
    .select(publisherName.as('publisher_name')).select(publisherLevel.as('publisher_level'))
    .select(sql<number>`(SELECT count(*)::int FROM attachment a WHERE a.owner_kind = 'study' AND a.owner_id = sm.id AND a.deleted_at IS NULL)`.as('files'))
    .select(sql<boolean>`EXISTS (SELECT 1 FROM study_mark k WHERE k.material_id = sm.id AND k.user_id = ${userId ?? '0'}::bigint)`.as('learned'))
    .select(asColumn(studyOwnedSql(r)).as('manageable'));
}

/** Readable: published, or withdrawn but still the reader's to change (a publisher sees what they withdrew). */
const readable = (r: StudyReader) => sql<boolean>`(${studyVisibleSql(r)} AND (sm.status = 'published' OR ${asColumn(studyOwnedSql(r))}))`;

export async function findMaterial(db: Executor, r: StudyReader, userId: string | null, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<MaterialView | undefined> {
  const where = mode === 'owned' ? studyOwnedSql(r) : readable(r);
  return view(db, r, userId).where('sm.id', '=', id).where(where).executeTakeFirst() as Promise<MaterialView | undefined>;
}

const like = (q: string) => `%${q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`;

/** A district's library is hundreds of materials, not thousands: one ordered list (newest first). */
export async function listMaterials(db: Executor, r: StudyReader, userId: string | null, f: StudyListFilter, limit = 5000): Promise<MaterialView[]> {
  let q = view(db, r, userId).where(f.view === 'mine' ? studyOwnedSql(r) : readable(r));
  if (f.topic) q = q.where('sm.topic', '=', f.topic);
  if (f.kind) q = q.where('sm.kind', '=', f.kind);
  if (f.status) q = q.where('sm.status', '=', f.status);
  if (f.publisher === 'org') q = q.where('sm.org_id', 'is not', null);
  if (f.publisher === 'district') q = q.where(sql<boolean>`${publisherLevel} <= 3`);
  if (f.publisher === 'street') q = q.where(sql<boolean>`${publisherLevel} = 4`);
  if (f.learned) q = q.where(sql<boolean>`${f.learned === 'yes' ? sql`` : sql`NOT `}EXISTS (SELECT 1 FROM study_mark k WHERE k.material_id = sm.id AND k.user_id = ${userId ?? '0'}::bigint)`);
  if (f.q) q = q.where((eb) => eb.or([eb('sm.title', 'like', like(f.q!)), eb('sm.summary', 'like', like(f.q!))]));
  return q.orderBy('sm.published_on', 'desc').orderBy('sm.id', 'desc').limit(limit).execute() as Promise<MaterialView[]>;
}

export const insertMaterial = (tx: Executor, row: Insertable<StudyMaterialTable>) => tx.insertInto('study_material').values(row).returningAll().executeTakeFirstOrThrow();
export const lockMaterial = (tx: Executor, id: string) => tx.selectFrom('study_material').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const updateMaterial = (tx: Executor, id: string, version: number, set: Updateable<StudyMaterialTable>) =>
  tx.updateTable('study_material').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export async function setMark(tx: Executor, materialId: string, userId: string, learned: boolean): Promise<void> {
  if (learned) await tx.insertInto('study_mark').values({ material_id: materialId, user_id: userId }).onConflict((oc) => oc.columns(['user_id', 'material_id']).doNothing()).execute();
  else await tx.deleteFrom('study_mark').where('material_id', '=', materialId).where('user_id', '=', userId).execute();
}

export const regionLevel = async (db: Executor, code: string) => (await db.selectFrom('region').select('level').where('code', '=', code).executeTakeFirst())?.level;
