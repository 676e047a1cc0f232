import { changeCounts, secretaryOn } from '../report-figures.repository.js';
import { num, type SectionProvider } from './section.js';

/** 组织建设: the secretary, re-elections and the enterprises the organisation covers. */
export const changesSection: SectionProvider = {
  key: 'changes', title: '组织建设',
  async collect({ db, org, year, asOf }) {
    const [sec, c] = await Promise.all([secretaryOn(db, org.id, asOf), changeCounts(db, org.id, year, asOf)]);
    const link = `/orgs/${org.id}`;
    return [
      { key: 'secretary', label: '书记', value: sec?.name ?? '空缺', source: `组织班子（${asOf}在任）`, link },
      { key: 'secretaryChanges', label: '本年书记调整', value: num(c.secretary_changes), unit: '次', source: '组织班子（本年任职的书记）', link },
      { key: 'reelections', label: '本年换届', value: num(c.reelections), unit: '次', source: '组织沿革（换届选举记录）', link },
      { key: 'termEndsOn', label: '本届任期届满', value: org.term_ends_on ?? '未登记', source: '党组织信息', link },
      { key: 'covered', label: '覆盖企业', value: num(c.covered), unit: '家', source: `覆盖关系（${asOf}有效）`, link },
      { key: 'coveredAdded', label: '本年新增覆盖企业', value: num(c.covered_added), unit: '家', source: '覆盖关系（本年起始）', link },
      { key: 'coveredEnded', label: '本年终止覆盖企业', value: num(c.covered_ended), unit: '家', source: '覆盖关系（本年终止）', link },
    ];
  },
};
