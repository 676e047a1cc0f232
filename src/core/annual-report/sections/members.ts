import { memberCounts, transferCounts } from '../report-figures.repository.js';
import { num, type SectionProvider } from './section.js';

/** 党员队伍: the roster by category and status, and what changed over the year. */
export const membersSection: SectionProvider = {
  key: 'members', title: '党员队伍',
  async collect({ db, org, year }) {
    const [m, t] = await Promise.all([memberCounts(db, org.id, year), transferCounts(db, org.id, year)]);
    const roster = `/members?org=${org.id}`;
    const src = '党员名册（组织关系在本组织、未出党的党员）';
    return [
      { key: 'total', label: '党员总数', value: num(m.total), unit: '名', source: src, link: roster },
      { key: 'full', label: '其中正式党员', value: num(m.full), unit: '名', source: src, link: `${roster}&category=full` },
      { key: 'probationary', label: '其中预备党员', value: num(m.probationary), unit: '名', source: src, link: `${roster}&category=probationary` },
      { key: 'mobile', label: '流动党员', value: num(m.mobile), unit: '名', source: '党员名册（状态为流动）', link: `${roster}&status=mobile` },
      { key: 'lost', label: '失联党员', value: num(m.lost), unit: '名', source: '党员名册（状态为失联）', link: `${roster}&status=lostContact` },
      { key: 'joined', label: '本年入党', value: num(m.joined), unit: '名', source: '党员名册（入党日期在本年）', link: roster },
      { key: 'in', label: '本年转入', value: num(t.came_in), unit: '名', source: '组织关系转接（本年接收的介绍信，转入本组织）', link: '/transfers?box=done' },
      { key: 'out', label: '本年转出', value: num(t.went_out), unit: '名', source: '组织关系转接（本年已接收的介绍信，由本组织转出）', link: '/transfers?box=done' },
      { key: 'died', label: '本年去世', value: num(m.died), unit: '名', source: '党员名册（本年减少，原因为去世）', link: `${roster}&status=left` },
      { key: 'left', label: '本年出党', value: num(m.left_party), unit: '名', source: '党员名册（本年减少，原因为开除、劝退、除名等）', link: `${roster}&status=left` },
    ];
  },
};
