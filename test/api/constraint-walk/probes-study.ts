import { COUNTIES } from '../../factories/world.js';
import { api, NO_ID, NO_REGION, path, type Probe, type Walk } from './walk.js';

/**
 * 学习 (docs/study.md): every constraint of study_material and study_mark, driven through
 * POST /api/study/materials, PUT /api/study/materials/:id and its 已学 mark against the fixture
 * material (STUDY_FIXTURE, a text of district A).
 */
const DISTRICT = COUNTIES[0].padEnd(12, '0');

export async function STUDY_FIXTURE(w: Omit<Walk, 'f'>): Promise<void> {
  await w.database.db.insertInto('study_material').values({ title: '约束学习资料', topic: 'theory', kind: 'text', body: '正文', region_code: DISTRICT }).execute();
}

const material = { title: '约束学习资料', topic: 'theory', kind: 'text', body: '正文', regionCode: DISTRICT };
const post = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/study/materials', { ...material, ...body }));
const put = (body: Record<string, unknown>) => api(async (w) => {
  const m = await w.database.db.selectFrom('study_material').select(['id', 'version']).where('title', '=', '约束学习资料').orderBy('id').executeTakeFirstOrThrow();
  return w.api('PUT', `/api/study/materials/${m.id}`, { title: '约束学习资料', topic: 'theory', kind: 'text', body: '正文', status: 'published', version: m.version, ...body });
});

export const STUDY_PROBES: Record<string, Probe | Probe[]> = {
  study_material_title_check: [post({ title: '' }), post({ title: '学'.repeat(201) })],
  study_material_topic_check: post({ topic: 'points' }),
  study_material_kind_check: post({ kind: 'game' }),
  study_material_summary_check: [post({ summary: '' }), post({ summary: '简'.repeat(501) })],
  study_material_body_check: [post({ body: '' }), post({ body: '文'.repeat(20001) })],
  study_material_url_check: [post({ kind: 'video', url: 'ftp://www.12371.cn/a.mp4' }), post({ kind: 'video', url: `https://www.12371.cn/${'a'.repeat(500)}` })],
  study_material_region_fk: post({ regionCode: NO_REGION }),
  study_material_org_fk: post({ regionCode: undefined, orgId: NO_ID }),
  study_material_status_check: put({ status: 'hidden' }),
  study_material_publisher_check: post({ regionCode: undefined }),
  // audio and video are links; a text is its body
  study_material_content_check: [post({ kind: 'video', url: undefined }), post({ kind: 'text', body: undefined })],
  'study_material.title': post({ title: undefined }),
  'study_material.topic': post({ topic: undefined }),
  'study_material.kind': post({ kind: undefined }),
  study_mark_material_fk: path((w) => w.api('PUT', `/api/study/materials/${NO_ID}/learned`, { learned: true })),
};

export const STUDY_SKIPPED: Record<string, string> = {
  study_mark_user_fk: 'the signed-in account itself (the session), never a value in the request',
  'study_mark.user_id': 'the signed-in account itself (the session)',
  'study_mark.material_id': 'the material in the URL, found before the mark is written',
};
