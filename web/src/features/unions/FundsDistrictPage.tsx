import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { FUNDS_RATE_SOURCE, FUNDS_STATUS_LABELS, yuan, type FundsStatus } from '../../../../src/domain/union-services';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { FundsLinesDrawer } from './FundsLinesDrawer';
import { StackedStreetChart } from './StackedStreetChart';
import { downloadFundsRollup, getFundsRollup, type FundsRollup, type LinesPick } from './union-district-api';
import { useHomeArea } from './useHomeArea';

type Row = FundsRollup['rows'][number];
type Sums = FundsRollup['sum'];
type CountKey = 'onTimeLines' | 'lateLines' | 'arrearsLines' | 'notDueLines' | 'partlyPaidLines';
const STATUSES: Array<{ key: CountKey; status: FundsStatus; label: string; color: string }> = [
  { key: 'onTimeLines', status: 'paid', label: '按期足额拨缴', color: '#52c41a' },
  { key: 'lateLines', status: 'paidLate', label: '逾期后足额拨缴', color: '#faad14' },
  { key: 'arrearsLines', status: 'arrears', label: '欠缴', color: '#ff4d4f' },
  { key: 'partlyPaidLines', status: 'partlyPaid', label: '部分拨缴（未到期）', color: '#69b1ff' },
  { key: 'notDueLines', status: 'notDue', label: '未到期', color: '#d9d9d9' },
];

/**
 * 工会经费 district page: per street, the months paid in full by the due date (the 15th where no
 * province rule says otherwise), paid late, in arrears and not yet due, with the amounts and the 合计;
 * every count opens the union months behind it (with export). Year and month live in the address.
 */
export function FundsDistrictPage() {
  const [params, setParams] = useSearchParams();
  const { region, place, unrestricted } = useHomeArea(params.get('region'));
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const month = Number(params.get('month')) || undefined;
  const set = (k: string, v: string) => { const p = new URLSearchParams(params); p.set(k, v); setParams(p); };
  const [pick, setPick] = useState<LinesPick | null>(null);
  const [exporting, setExporting] = useState(false);
  const data = useAsync(() => getFundsRollup(year, month, region), [year, month, region]);
  const period = `${year}年${month ? `${month}月` : ''}`;
  const where = (r?: Row) => (r ? r.name ?? (r.region || '未登记属地') : place);
  const open = (r: Row | undefined, status: FundsStatus | undefined, what: string) =>
    setPick({ year, month, region: r ? r.region || undefined : region, status, title: `${where(r)}${period}：${what}` });
  // Unions with no region (an association's) have no street filter to drill by: their row shows counts only.
  const num = (n: number | undefined, id: string, go: (() => void) | null) => (n && go ? <a data-testid={id} onClick={go}>{n}</a> : <span data-testid={id}>{n ?? 0}</span>);
  const cells = (c: Sums | Row, r: Row | undefined, id: string): Record<string, React.ReactNode> => {
    const go = (status: FundsStatus | undefined, what: string) => (r && !r.region ? null : () => open(r, status, what));
    return {
      lines: num(c.lines, `${id}-lines`, go(undefined, '全部经费记录')),
      ...Object.fromEntries(STATUSES.map((s) => [s.key, num(c[s.key], `${id}-${s.status}`, go(s.status, s.label))])),
      due: yuan(c.dueFen), paid: yuan(c.paidFen), arrears: yuan(c.arrearsFen),
    };
  };
  const HEAD: Array<[string, string]> = [['lines', '经费记录（月）'], ...STATUSES.map((s) => [s.key, s.label] as [string, string]),
    ['due', '应拨缴（元）'], ['paid', '已拨缴（元）'], ['arrears', '欠缴（元）']];
  const sum = data.data?.sum;
  return (
    <>
      <PageHeader title="工会经费" extra={<Space wrap>
        <InputNumber data-testid="funds-year" min={2000} max={thisYear} value={year} addonAfter="年" style={{ width: 120 }} onChange={(v) => v && set('year', String(v))} />
        <Select data-testid="funds-month" style={{ width: 110 }} value={month ?? 0} onChange={(v: number) => set('month', v ? String(v) : '')}
          options={[{ value: 0, label: '全年' }, ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))]} />
        <RegionSelect data-testid="funds-region" value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4}
          placeholder="选择或搜索区划" style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }}
          onChange={(code) => set('region', code ? regionPrefix(code) : '')} />
      </Space>} />
      <Typography.Paragraph type="secondary">
        按工会所在街道统计{period}各月工会经费拨缴（截至{data.data?.asOf ?? ''}）。应拨缴依{FUNDS_RATE_SOURCE}；拨缴期限为每月15日（上海依《上海市工会条例》第四十一条，其他地区为本平台工作规则）。点数字查看各工会的月度记录并导出。
      </Typography.Paragraph>
      <ErrorAlert error={data.error} />
      {data.data && data.data.rows.length > 0 && <Card size="small" style={{ marginBottom: 12 }} title="各街道拨缴情况（按月计，点色块查看明细）">
        <StackedStreetChart rows={data.data.rows} series={STATUSES} unit="月" value={(r, k) => r[k] ?? 0}
          onPick={(r, k) => { const s = STATUSES.find((x) => x.key === k)!; if (r.region) open(r, s.status, s.label); }} />
      </Card>}
      <Card size="small" title={`${place}${period}工会经费（${sum?.unions ?? 0}个工会，${sum?.lines ?? 0}条月度记录）`} extra={
        <Button size="small" icon={<DownloadOutlined />} loading={exporting} disabled={!data.data?.rows.length} data-testid="funds-rollup-export"
          onClick={async () => { setExporting(true); try { await downloadFundsRollup(year, month, region, `${place}${period}工会经费汇总`); } finally { setExporting(false); } }}>导出</Button>}>
        <Table data-testid="funds-rollup-table" rowKey="region" size="small" pagination={false} loading={data.loading} scroll={{ x: 'max-content' }}
          dataSource={data.data?.rows ?? []} locale={{ emptyText: '本辖区该期间暂无工会经费记录' }}
          columns={[
            { title: '街道', key: 'name', fixed: 'left' as const, render: (r: Row) => where(r) },
            { title: '工会', dataIndex: 'unions' },
            ...HEAD.map(([k, title]) => ({ title, key: k, render: (r: Row) => cells(r, r, `funds-n-${r.region}`)[k] })),
          ]}
          summary={() => (sum ? <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{sum.unions}</Table.Summary.Cell>
            {HEAD.map(([k], i) => <Table.Summary.Cell index={2 + i} key={k}>{cells(sum, undefined, 'funds-sum')[k]}</Table.Summary.Cell>)}
          </Table.Summary.Row> : null)} />
      </Card>
      <FundsLinesDrawer pick={pick} onClose={() => setPick(null)} />
    </>
  );
}
