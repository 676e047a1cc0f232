import { supportOf } from '../report-figures.repository.js';
import { num, type SectionProvider } from './section.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** 党建保障: the support ledger (migration 0033) — 党建经费 received, 阵地, the 1% management expense. */
export const supportSection: SectionProvider = {
  key: 'support', title: '党建保障',
  async collect({ db, org, year }) {
    const s = await supportOf(db, org.id, year);
    const link = `/orgs/${org.id}`;
    return [
      { key: 'funding', label: '本年获得党建经费', value: yuan(num(s.funding)), unit: '元', source: '党建经费拨付记录（本年）', link },
      { key: 'sites', label: '活动阵地', value: num(s.sites), unit: '处', source: '活动阵地登记', link },
      { key: 'area', label: '阵地面积合计', value: num(s.area), unit: '平方米', source: '活动阵地登记', link },
      { key: 'shared', label: '其中共建共享阵地', value: num(s.shared), unit: '处', source: '活动阵地登记', link },
      { key: 'expense', label: '本年党建工作管理费', value: s.expense === null ? '未登记' : yuan(num(s.expense)), unit: '元', source: '企业列支党建工作经费登记（按上年工资总额1%）', link },
    ];
  },
};
