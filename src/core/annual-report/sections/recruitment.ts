import { recruitmentCounts } from '../report-figures.repository.js';
import { num, type SectionProvider } from './section.js';

/** 发展党员: each step reached in the year, from the recruitment cases the organisation holds. */
export const recruitmentSection: SectionProvider = {
  key: 'recruitment', title: '发展党员',
  async collect({ db, org, year }) {
    const r = await recruitmentCounts(db, org.id, year);
    const board = (stage: string) => `/recruitment?org=${org.id}&stage=${stage}`;
    const src = (step: string) => `发展党员档案（${step}日期在本年）`;
    return [
      { key: 'applied', label: '收到入党申请', value: num(r.applied), unit: '份', source: src('提出入党申请'), link: board('applicant') },
      { key: 'activists', label: '确定入党积极分子', value: num(r.activists), unit: '名', source: src('确定为入党积极分子'), link: board('activist') },
      { key: 'candidates', label: '列为发展对象', value: num(r.candidates), unit: '名', source: src('列为发展对象'), link: board('candidate') },
      { key: 'admitted', label: '接收预备党员', value: num(r.admitted), unit: '名', source: src('支部大会讨论接收'), link: board('probationary') },
      { key: 'confirmed', label: '预备党员转正', value: num(r.confirmed), unit: '名', source: src('转为正式党员'), link: board('full') },
      { key: 'open', label: '年末在培养考察中', value: num(r.open_cases), unit: '名', source: '发展党员档案（尚未转正或结束的）', link: board('applicant') },
    ];
  },
};
