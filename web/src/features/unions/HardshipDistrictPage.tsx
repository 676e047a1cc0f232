import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { HARDSHIP_LEVEL_LABELS, HARDSHIP_SOURCE, yuan, type HardshipLevel } from '../../../../src/domain/union-services';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { HardshipFilesDrawer } from './HardshipFilesDrawer';
import { StackedStreetChart } from './StackedStreetChart';
import { downloadHardshipRollup, getHardshipRollup, type FilesPick, type HardshipRollup } from './union-district-api';
import { useHomeArea } from './useHomeArea';

type Row = HardshipRollup['rows'][number];
type Counts = HardshipRollup['sum'];
const LEVELS: Array<{ key: HardshipLevel; label: string; color: string }> = [
  { key: 'deep', label: HARDSHIP_LEVEL_LABELS.deep, color: '#ff4d4f' },
  { key: 'relative', label: HARDSHIP_LEVEL_LABELS.relative, color: '#faad14' },
  { key: 'accident', label: HARDSHIP_LEVEL_LABELS.accident, color: '#1677ff' },
];

/**
 * 困难职工帮扶 district page: 在档 files per street by level in a chart and a table with its 合计 —
 * 申请中, 在档 by level, 复核逾期, 已脱困, this year's payments — every number opening the files behind
 * it (with export). Opens on the person's own area; the area lives in the address (?region=).
 */
export function HardshipDistrictPage() {
  const [params, setParams] = useSearchParams();
  const { region, place, unrestricted } = useHomeArea(params.get('region'));
  const [pick, setPick] = useState<FilesPick | null>(null);
  const [exporting, setExporting] = useState(false);
  const data = useAsync(() => getHardshipRollup(region), [region]);
  const year = data.data?.year ?? new Date().getFullYear();
  const where = (r?: Row) => (r ? r.name ?? (r.region || '未登记属地') : place);
  const open = (r: Row | undefined, f: Omit<FilesPick, 'title' | 'region'>, what: string) =>
    setPick({ region: r ? r.region || undefined : region, ...f, title: `${where(r)}：${what}` });
  // Unions with no region (an association's) have no street filter to drill by: their row shows counts only.
  const num = (n: number, id: string, go: (() => void) | null) => (n && go ? <a data-testid={id} onClick={go}>{n}</a> : <span data-testid={id}>{n ?? 0}</span>);
  const cells = (c: Counts, r: Row | undefined, id: string) => {
    const go = (f: Omit<FilesPick, 'title' | 'region'>, what: string) => (r && !r.region ? null : () => open(r, f, what));
    const paid = `${c.paidFiles}人 / ${yuan(c.paidFen)}元`;
    const paidGo = go({ paidYear: year }, `${year}年获帮扶的档案`);
    return {
      files: num(c.files, `${id}-files`, go({}, '全部帮扶档案')),
      applied: num(c.applied, `${id}-applied`, go({ status: 'applied' }, '申请中的帮扶档案')),
      approved: num(c.approved, `${id}-approved`, go({ status: 'approved' }, '在档帮扶')),
      ...Object.fromEntries(LEVELS.map((l) => [l.key, num(c[l.key], `${id}-${l.key}`, go({ status: 'approved', level: l.key }, `在档帮扶·${l.label}`))])),
      overdue: num(c.overdue, `${id}-overdue`, go({ overdue: 'true' }, '复核逾期的帮扶档案')),
      closed: num(c.closed, `${id}-closed`, go({ status: 'closed' }, '已脱困')),
      paid: c.paidFiles && paidGo ? <a data-testid={`${id}-paid`} onClick={paidGo}>{paid}</a> : <span data-testid={`${id}-paid`}>{c.paidFiles ? paid : 0}</span>,
    };
  };
  const HEAD: Array<[string, string]> = [['files', '档案'], ['applied', '申请中'], ['approved', '在档帮扶'], ...LEVELS.map((l) => [l.key, `其中${l.label}`] as [string, string]),
    ['overdue', '复核逾期'], ['closed', '已脱困'], ['paid', `${year}年帮扶金`]];
  const sum = data.data?.sum;
  const sumCells = sum ? cells(sum, undefined, 'hardship-sum') as Record<string, React.ReactNode> : null;
  return (
    <>
      <PageHeader title="困难职工帮扶" extra={<RegionSelect data-testid="hardship-region" value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4}
        placeholder="选择或搜索区划" style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }}
        onChange={(code) => { const p = new URLSearchParams(params); p.set('region', code ? regionPrefix(code) : ''); setParams(p); }} />} />
      <Typography.Paragraph type="secondary">
        按工会所在街道统计困难职工帮扶档案（截至{data.data?.asOf ?? ''}）；困难类别依{HARDSHIP_SOURCE}，复核每年一次（认定或上次复核满一年）。点数字查看档案并导出。
      </Typography.Paragraph>
      <ErrorAlert error={data.error} />
      {data.data && data.data.rows.length > 0 && <Card size="small" style={{ marginBottom: 12 }} title="各街道在档帮扶（按困难类别，点色块查看档案）">
        <StackedStreetChart rows={data.data.rows} series={LEVELS} unit="人" value={(r, k) => r[k]}
          onPick={(r, k) => { if (r.region) open(r, { status: 'approved', level: k }, `在档帮扶·${HARDSHIP_LEVEL_LABELS[k]}`); }} />
      </Card>}
      <Card size="small" title={`${place}困难职工帮扶（共${sum?.files ?? 0}份档案，在档${sum?.approved ?? 0}人）`} extra={
        <Button size="small" icon={<DownloadOutlined />} loading={exporting} disabled={!data.data?.rows.length} data-testid="hardship-rollup-export"
          onClick={async () => { setExporting(true); try { await downloadHardshipRollup(region, `${place}困难职工帮扶统计`); } finally { setExporting(false); } }}>导出</Button>}>
        <Table data-testid="hardship-rollup-table" rowKey="region" size="small" pagination={false} loading={data.loading} scroll={{ x: 'max-content' }}
          dataSource={data.data?.rows ?? []} locale={{ emptyText: '本辖区暂无困难职工帮扶档案' }}
          columns={[
            { title: '街道', key: 'name', fixed: 'left' as const, render: (r: Row) => where(r) },
            { title: '工会', dataIndex: 'unions' },
            ...HEAD.map(([k, title]) => ({ title, key: k, render: (r: Row) => (cells(r, r, `hardship-n-${r.region}`) as Record<string, React.ReactNode>)[k] })),
          ]}
          summary={() => (sum && sumCells ? <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{sum.unions}</Table.Summary.Cell>
            {HEAD.map(([k], i) => <Table.Summary.Cell index={2 + i} key={k}>{sumCells[k]}</Table.Summary.Cell>)}
          </Table.Summary.Row> : null)} />
      </Card>
      <HardshipFilesDrawer pick={pick} onClose={() => setPick(null)} />
    </>
  );
}
