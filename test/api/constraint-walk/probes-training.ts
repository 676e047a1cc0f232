import { api, NO_ID, NO_REGION, path, REGION, type Probe, type Walk } from './walk.js';

/**
 * Training (docs/training.md): every constraint of training_course, training_session and
 * training_attendance, driven through POST /api/training/courses, POST /api/training/sessions and
 * PUT /api/training/sessions/:id/attendance against the fixture course and session (TRAINING_FIXTURE).
 */
export async function TRAINING_FIXTURE(w: Omit<Walk, 'f'>): Promise<void> {
  const db = w.database.db;
  const { id } = await db.insertInto('training_course').values({ title: '约束课程', audience: 'member', hours: 8, region_code: REGION }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('training_session').values({ course_id: id, held_on: '2024-05-06', hours: 8, region_code: REGION }).execute();
}

const course = { title: '约束培训课程', audience: 'member', hours: 8, regionCode: REGION };
const postCourse = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/training/courses', { ...course, ...body }));
const fixture = async (w: Walk) => w.database.db.selectFrom('training_session').select(['id', 'course_id', 'version']).where('region_code', '=', REGION).orderBy('id').executeTakeFirstOrThrow();
const postSession = (body: Record<string, unknown>) => api(async (w) => w.api('POST', '/api/training/sessions', { courseId: (await fixture(w)).course_id, heldOn: '2024-05-07', hours: 4, regionCode: REGION, ...body }));
const attend = (a: Record<string, unknown>) => api(async (w) => {
  const s = await fixture(w);
  const person = (await w.database.db.selectFrom('person').select('id').where('id', '=', w.f.personId).executeTakeFirstOrThrow()).id;
  return w.api('PUT', `/api/training/sessions/${s.id}/attendance`, { version: s.version, attendees: [{ personId: person, hours: 4, ...a }] });
});

export const TRAINING_PROBES: Record<string, Probe | Probe[]> = {
  training_course_title_check: [postCourse({ title: '' }), postCourse({ title: '课'.repeat(201) })],
  training_course_audience_check: postCourse({ audience: 'everyone' }),
  training_course_hours_check: [postCourse({ hours: 0 }), postCourse({ hours: 501 })],
  training_course_region_fk: postCourse({ regionCode: NO_REGION }),
  training_course_org_fk: postCourse({ regionCode: undefined, orgId: NO_ID }),
  // exactly one organiser
  training_course_organiser_check: [postCourse({ regionCode: undefined }), api((w) => w.api('POST', '/api/training/courses', { ...course, orgId: w.f.orgId }))],
  'training_course.title': postCourse({ title: undefined }),
  'training_course.audience': postCourse({ audience: undefined }),
  'training_course.hours': postCourse({ hours: undefined }),
  training_session_course_fk: postSession({ courseId: NO_ID }),
  training_session_hours_check: [postSession({ hours: 0 }), postSession({ hours: 501 })],
  training_session_place_check: [postSession({ place: '' }), postSession({ place: '地'.repeat(201) })],
  training_session_region_fk: postSession({ regionCode: NO_REGION }),
  training_session_org_fk: postSession({ regionCode: undefined, orgId: NO_ID }),
  training_session_organiser_check: postSession({ regionCode: undefined }),
  'training_session.course_id': postSession({ courseId: undefined }),
  'training_session.held_on': postSession({ heldOn: undefined }),
  'training_session.hours': postSession({ hours: undefined }),
  training_attendance_session_fk: path((w) => w.api('PUT', `/api/training/sessions/${NO_ID}/attendance`, { version: 1, attendees: [] })),
  training_attendance_person_fk: attend({ personId: NO_ID }),
  // 0–500, and never more than the session's hours
  training_attendance_hours_check: [attend({ hours: -1 }), attend({ hours: 501 }), attend({ hours: 9 })],
  'training_attendance.person_id': attend({ personId: undefined }),
  'training_attendance.hours': attend({ hours: undefined }),
};

export const TRAINING_SKIPPED: Record<string, string> = {
  'training_attendance.session_id': 'the session the writer has just locked in the same transaction',
};
