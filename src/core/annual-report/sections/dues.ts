import { duesTotals } from '../report-figures.repository.js';
import { num, type SectionProvider } from './section.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** 党费收缴: the year's months computed in the dues ledger — due, paid, still owed. */
export const duesSection: SectionProvider = {
  key: 'dues', title: '党费收缴',
  async collect({ db, org, year }) {
    const d = await duesTotals(db, org.id, year);
    const due = num(d.due);
    const paid = num(d.paid);
    const link = `/dues?org=${org.id}&month=${year}-12`;
    const src = `党费台账（${year}年已核定的${num(d.months)}个月）`;
    return [
      { key: 'due', label: '应交党费', value: yuan(due), unit: '元', source: src, link },
      { key: 'paid', label: '实交党费', value: yuan(paid), unit: '元', source: src, link },
      { key: 'arrears', label: '欠交党费', value: yuan(num(d.arrears)), unit: '元', source: src, link: `${link}&paid=unpaid` },
      { key: 'behind', label: '有欠交月份的党员', value: num(d.behind), unit: '名', source: src, link: `${link}&paid=unpaid` },
      { key: 'rate', label: '交纳率', value: due > 0 ? `${((Math.min(paid, due) / due) * 100).toFixed(1)}%` : '—', source: `${src}：实交÷应交`, link },
    ];
  },
};
