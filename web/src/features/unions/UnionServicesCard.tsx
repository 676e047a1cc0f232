import { Card, Descriptions, Table, Tabs, Tag, Typography } from 'antd';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FUNDS_STATUS_LABELS, HARDSHIP_LEVEL_LABELS, HARDSHIP_STATUS_LABELS, yuan, type FundsStatus } from '../../../../src/domain/union-services';
import { fundsExportUrl, getServicesSummary, getUnionFunds, hardshipExportUrl, listUnionHardship } from './union-services-api';

const STATUS_COLOR: Record<FundsStatus, string> = { paid: 'green', paidLate: 'gold', partlyPaid: 'blue', notDue: 'default', arrears: 'red' };

/**
 * 工会服务 on a union's page (docs/unions.md "工会服务"): 帮扶 files (name and masked ID number only)
 * and this year's 工会经费 months with due, paid and 欠缴; each list with its total and export.
 */
export function UnionServicesCard({ unionId }: { unionId: string }) {
  const summary = useAsync(() => getServicesSummary(unionId), [unionId]);
  const funds = useAsync(() => getUnionFunds(unionId), [unionId]);
  const files = useAsync(() => listUnionHardship(unionId), [unionId]);
  const error = summary.error ?? funds.error ?? files.error;
  if (error) return <ErrorAlert error={error} />;
  if (!summary.data || !funds.data || !files.data) return null;
  const s = summary.data;
  const f = funds.data;
  return (
    <Card size="small" title="工会服务" style={{ marginBottom: 16 }} data-testid="union-services-card">
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
        { key: 'care', label: '在档帮扶', children: `${s.hardship.approved} 人${s.hardship.overdue ? `（${s.hardship.overdue} 人复核逾期）` : ''}` },
        { key: 'paid', label: '今年帮扶金', children: `${yuan(s.hardship.paidFenThisYear)} 元` },
        { key: 'honours', label: '劳动竞赛／荣誉', children: `${s.competitions} 项／${s.honours} 项` },
        { key: 'due', label: `${f.year}年应拨缴经费`, children: `${yuan(f.sums.dueFen)} 元` },
        { key: 'fpaid', label: '已拨缴', children: `${yuan(f.sums.paidFen)} 元` },
        { key: 'arrears', label: '欠缴', children: f.sums.arrearsFen ? <Typography.Text type="danger">{yuan(f.sums.arrearsFen)} 元（{f.sums.arrearsLines} 个月）</Typography.Text> : '无' },
      ]} />
      <Tabs size="small" items={[
        {
          key: 'funds', label: `经费（${f.sums.lines}）`,
          children: <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{f.rateSource}；拨缴期限：{f.dueDaySource}</Typography.Paragraph>
            <a href={fundsExportUrl(unionId, f.year)}>导出（{f.sums.lines}）</a>
            <Table size="small" rowKey="id" pagination={false} scroll={{ x: 640 }} dataSource={f.items} columns={[
              { title: '月份', dataIndex: 'month' }, { title: '上月工资总额（元）', render: (_, r) => yuan(r.payrollFen) },
              { title: '应拨缴（元）', render: (_, r) => yuan(r.dueFen) }, { title: '期限', dataIndex: 'dueOn' },
              { title: '已拨缴（元）', render: (_, r) => yuan(r.paidFen) }, { title: '状态', render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{FUNDS_STATUS_LABELS[r.status]}</Tag> },
            ]} />
          </>,
        },
        {
          key: 'hardship', label: `困难职工帮扶（${files.data.total}）`,
          children: <>
            <a href={hardshipExportUrl(unionId)}>导出（{files.data.total}）</a>
            <Table size="small" rowKey="id" pagination={false} scroll={{ x: 640 }} dataSource={files.data.items} columns={[
              { title: '姓名', dataIndex: 'name' }, { title: '证件号（脱敏）', dataIndex: 'idNumber' },
              { title: '困难类别', render: (_, r) => HARDSHIP_LEVEL_LABELS[r.level] }, { title: '状态', render: (_, r) => HARDSHIP_STATUS_LABELS[r.status] },
              { title: '复核到期', render: (_, r) => r.reviewDueOn ? <Typography.Text type={r.reviewOverdue ? 'danger' : undefined}>{r.reviewDueOn}{r.reviewOverdue ? '（逾期）' : ''}</Typography.Text> : '—' },
              { title: '累计帮扶金（元）', render: (_, r) => yuan(r.paidFen) },
            ]} />
          </>,
        },
      ]} />
    </Card>
  );
}
