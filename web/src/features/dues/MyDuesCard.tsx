import { Alert, Card, List, Tag } from 'antd';
import { ApiError } from '../../api/client';
import { useAsync } from '../../ui/useAsync';
import { getMyDues } from './api';
import { yuanText } from './money';

/** 我的党费 on the phone: this year's months (应交、实交、日期), the year's totals and any reminder. */
export function MyDuesCard({ year = new Date().getFullYear() }: { year?: number }) {
  const dues = useAsync(() => getMyDues(year), [year]);
  if (dues.error instanceof ApiError && dues.error.status === 404) return null;
  const d = dues.data;
  if (!d) return null;
  const months = d.months.filter((m) => m.dueFen !== null);
  return (
    <Card title={`我的党费（${year}年）`} size="small" style={{ marginBottom: 12 }} data-testid="me-dues">
      <p style={{ margin: '0 0 8px' }}>应交 {yuanText(d.totals.dueFen)} 元 · 实交 {yuanText(d.totals.paidFen)} 元{d.totals.arrearsFen ? <> · <b style={{ color: '#cf1322' }}>欠交 {yuanText(d.totals.arrearsFen)} 元</b></> : null}</p>
      {d.findings.map((f, i) => <Alert key={i} type={f.severity === 'info' ? 'info' : 'warning'} showIcon message={f.title} description={f.message} style={{ marginBottom: 8 }} />)}
      <List size="small" dataSource={months} locale={{ emptyText: '本年度暂无党费记录' }} renderItem={(m) => (
        <List.Item extra={m.paidFen >= (m.dueFen ?? 0) ? <Tag color="green">已交</Tag> : <Tag color="red">未交</Tag>}>
          <div>{m.month} · 应交 {yuanText(m.dueFen)} 元{m.paidFen ? `，${m.paidOn}交 ${yuanText(m.paidFen)} 元` : ''}<br /><small>{m.orgName}</small></div>
        </List.Item>
      )} />
    </Card>
  );
}
