import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { roleAllows } from '../../../../src/domain/permissions';
import { BARGAINING_STAGE_LABELS, BOARD_STAGES, CONTRACT_KIND_LABELS, type BargainingStage } from '../../../../src/domain/rules/bargaining';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { BargainingChart } from './BargainingChart';
import { BargainingRoundsDrawer } from './BargainingRoundsDrawer';
import { downloadBoard, getBoard, type BargainingBoard, type RoundsPick } from './bargaining-api';

type Row = BargainingBoard['rows'][number];
const PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/**
 * 集体协商 district board: rounds per stage per street in a chart and a table with its 合计, every
 * number opening the rounds behind it (with export); deadlines within 30 days and overdue below.
 * Opens on the person's own area; the area lives in the address (?region=).
 */
export function BargainingBoardPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [pick, setPick] = useState<RoundsPick | null>(null);
  const [exporting, setExporting] = useState(false);
  const areas = me?.areas ?? [];
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'union.read'));
  const asked = params.get('region');
  const home = unrestricted && !areas.length ? undefined : areas[0]?.prefix;
  const region = asked && PREFIX.test(asked) ? asked : home;
  const board = useAsync(() => getBoard(region), [region]);
  const place = areas.find((a) => a.prefix === region)?.name ?? (region ? '所选区划' : '全部');
  const open = (r: { region?: string; name?: string | null }, stage?: BargainingStage) =>
    setPick({ regionPrefix: r.region, stage, title: `${r.name ?? place}：${stage ? BARGAINING_STAGE_LABELS[stage] : '全部'}的集体协商` });
  const num = (n: number, r: { region?: string; name?: string | null }, stage: BargainingStage | undefined, id: string) =>
    (n ? <a data-testid={id} onClick={() => open(r, stage)}>{n}</a> : <span data-testid={id}>0</span>);
  const sum = board.data?.sum;
  const columns = [
    { title: '街道', key: 'name', fixed: 'left' as const, render: (r: Row) => r.name ?? r.region },
    ...BOARD_STAGES.map((s) => ({ title: BARGAINING_STAGE_LABELS[s], key: s, render: (r: Row) => num(r.counts[s], r, s, `bargaining-n-${r.region}-${s}`) })),
    { title: '合计', key: 'total', render: (r: Row) => num(r.total, r, undefined, `bargaining-n-${r.region}-total`) },
  ];
  return (
    <>
      <PageHeader title="集体协商" extra={<Space wrap>
        <RegionSelect data-testid="bargaining-region" value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4}
          placeholder="选择或搜索区划" style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }}
          onChange={(code) => { const p = new URLSearchParams(params); p.set('region', code ? regionPrefix(code) : ''); setParams(p); }} />
      </Space>} />
      <Typography.Paragraph type="secondary">
        按街道统计各工会集体协商所处阶段（截至{board.data?.asOf ?? ''}）。书面答复、报送审查、审查生效和续签期限依《集体合同规定》《劳动合同法》第五十四条及地方条例计算；点数字查看明细并导出。
      </Typography.Paragraph>
      <ErrorAlert error={board.error} />
      {board.data && board.data.rows.length > 0 && <Card size="small" style={{ marginBottom: 12 }} title="各街道阶段分布（点色块查看明细）">
        <BargainingChart data={board.data} onPick={(r, s) => open(board.data!.rows.find((x) => x.region === r)!, s)} />
      </Card>}
      <Card size="small" style={{ marginBottom: 12 }} title={`${place}集体协商阶段（共${sum?.total ?? 0}轮${board.data?.unplaced.total ? `，其中未设属地${board.data.unplaced.total}轮` : ''}）`}
        extra={<Space wrap>
          <Button size="small" disabled={!sum?.total} onClick={() => open({ region }, undefined)} data-testid="bargaining-all">全部明细</Button>
          <Button size="small" icon={<DownloadOutlined />} loading={exporting} disabled={!board.data?.rows.length} data-testid="bargaining-board-export"
            onClick={async () => { setExporting(true); try { await downloadBoard(region, `${place}集体协商阶段统计`); } finally { setExporting(false); } }}>导出</Button>
        </Space>}>
        <Table data-testid="bargaining-board-table" rowKey="region" size="small" pagination={false} loading={board.loading} scroll={{ x: 'max-content' }}
          dataSource={board.data?.rows ?? []} columns={columns} locale={{ emptyText: '本辖区暂无集体协商记录' }}
          summary={() => (sum ? <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {BOARD_STAGES.map((s, i) => <Table.Summary.Cell index={1 + i} key={s}><span data-testid={`bargaining-sum-${s}`}>{sum.counts[s]}</span></Table.Summary.Cell>)}
            <Table.Summary.Cell index={1 + BOARD_STAGES.length}><span data-testid="bargaining-sum-total">{sum.total}</span></Table.Summary.Cell>
          </Table.Summary.Row> : null)} />
      </Card>
      <Card size="small" title={`30日内到期和已逾期的期限（${board.data?.deadlines.length ?? 0}项）`}>
        <Table data-testid="bargaining-deadlines" rowKey={(d) => `${d.roundId}-${d.key}`} size="small" loading={board.loading} scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={board.data?.deadlines ?? []} locale={{ emptyText: '暂无临近或逾期的期限' }}
          columns={[
            { title: '期限', dataIndex: 'date', render: (d: string, r) => <>{d} {r.state === 'overdue' ? <Tag color="red">已逾期</Tag> : <Tag color="orange">临近</Tag>}</> },
            { title: '事项', dataIndex: 'label' },
            { title: '工会', dataIndex: 'unionName', render: (n: string, r) => <Link to={`/unions/${r.unionId}`}>{n}</Link> },
            { title: '类别', dataIndex: 'contractKind', render: (k: 'collective' | 'wage') => CONTRACT_KIND_LABELS[k] },
            { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          ]} />
      </Card>
      <BargainingRoundsDrawer pick={pick} onClose={() => setPick(null)} />
    </>
  );
}
