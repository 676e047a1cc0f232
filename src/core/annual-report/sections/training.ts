import { secretaryOn, trainingCounts } from '../report-figures.repository.js';
import { num, type SectionProvider } from './section.js';

/** 教育培训: from the training records (docs/training.md) — the secretary's hours, the members', the sessions held. */
export const trainingSection: SectionProvider = {
  key: 'training', title: '教育培训',
  async collect({ db, org, year, asOf }) {
    const sec = await secretaryOn(db, org.id, asOf);
    const t = await trainingCounts(db, org.id, year, sec?.person_id ?? null);
    return [
      { key: 'secretaryHours', label: '书记参加培训', value: sec ? num(t.secretary_hours) : '书记空缺', unit: '学时', source: '培训记录（在任书记本年参训认定学时）', link: `/orgs/${org.id}` },
      { key: 'memberAttendances', label: '党员参加培训', value: num(t.member_attendances), unit: '人次', source: '培训记录（本组织在册党员本年参训）' },
      { key: 'memberHours', label: '党员参训学时合计', value: num(t.member_hours), unit: '学时', source: '培训记录（本组织在册党员本年认定学时）' },
      { key: 'sessionsHeld', label: '本组织举办培训', value: num(t.sessions_held), unit: '期', source: '培训记录（本组织举办的培训班次）' },
    ];
  },
};
