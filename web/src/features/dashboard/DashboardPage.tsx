import { useState } from 'react';
import { Breadcrumb, Button, Card, Col, DatePicker, Drawer, Row, Space, Statistic, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { downloadBulletin, getDrill, getFigures, getTrend, type DrillPage, type FiguresResult, type Node } from './api';
import { RegionBars, TrendLines } from './Charts';

/**
 * 覆盖统计: headline cards, sub-region comparison (click to drill down a level), 12-month trend,
 * breakdown by size and industry, and the enterprises behind any figure. Antd's grid stacks the
 * cards and charts on a phone.
 */
const HEADLINE = ['orgCoverage', 'twoCoverage', 'standaloneRate', 'unionSetup'];
const pct = (r: number | null | undefined) => (r == null ? '—' : `${r.toFixed(1)}%`);
type Pick = { metric: string; part: 'numerator' | 'denominator'; node: Node; title: string };

function DrillDrawer({ pick, onClose }: { pick: Pick | null; onClose(): void }) {
  const [pages, setPages] = useState<DrillPage[]>([]);
  const first = useAsync(async () => (pick ? getDrill(pick.node, pick.metric, pick.part) : null), [pick]);
  const all = first.data ? [first.data, ...pages] : [];
  const next = all.at(-1)?.nextCursor;
  return (
    <Drawer open={!!pick} onClose={() => { setPages([]); onClose(); }} title={pick?.title} width={Math.min(720, window.innerWidth)}>
      <Table data-testid="drill-table" rowKey="id" size="small" loading={first.loading} pagination={false} scroll={{ x: 600 }}
        dataSource={all.flatMap((p) => p.items)}
        columns={[
          { title: '企业名称', dataIndex: 'name' }, { title: '属地', dataIndex: 'regionName' },
          { title: '覆盖状态', dataIndex: 'statusLabel' }, { title: '正式党员', dataIndex: 'fullMembers' }, { title: '职工', dataIndex: 'employees' },
        ]} />
      {next && pick ? <Button data-testid="drill-more" style={{ marginTop: 8 }} onClick={async () => setPages([...pages, await getDrill(pick.node, pick.metric, pick.part, next)])}>加载更多</Button> : null}
    </Drawer>
  );
}

function Breakdown({ node, by, onPick }: { node: Node; by: 'size' | 'industry'; onPick(p: Pick): void }) {
  const { data, error } = useAsync(() => getFigures(node, by), [node.regionPrefix, node.month, by]);
  if (error) return <ErrorAlert error={error} />;
  return <Table rowKey={(g) => g.key ?? '-'} size="small" pagination={false} dataSource={data?.groups ?? []} scroll={{ x: 500 }}
    columns={[{ title: by === 'size' ? '规模' : '行业', dataIndex: 'label' }, ...HEADLINE.map((id) => ({
      title: data?.metrics.find((m) => m.id === id)?.label ?? id, key: id,
      render: (_: unknown, g: FiguresResult['groups'][number]) => pct(g.pairs[id]?.rate),
    }))]} />;
}

export function DashboardPage() {
  const [path, setPath] = useState<Array<{ prefix?: string; label: string }>>([{ label: '全部' }]);
  const [month, setMonth] = useState<string | undefined>();
  const [pick, setPick] = useState<Pick | null>(null);
  const node: Node = { regionPrefix: path.at(-1)?.prefix, month };
  const figures = useAsync(() => getFigures(node, 'region'), [node.regionPrefix, month]);
  const trend = useAsync(() => getTrend(node), [node.regionPrefix]);
  const f = figures.data;
  const open = (metric: string, part: Pick['part'], label: string) => setPick({ metric, part, node, title: `${path.at(-1)?.label}：${label}` });
  const bulletinMonth = month ?? dayjs().subtract(1, 'month').format('YYYY-MM');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Breadcrumb items={path.map((p, i) => ({ title: <a onClick={() => setPath(path.slice(0, i + 1))}>{p.label}</a> }))} />
        <DatePicker picker="month" placeholder="今天" onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)} />
        {node.regionPrefix ? (['pdf', 'docx', 'xlsx'] as const).map((fmt) => (
          <Button key={fmt} onClick={() => downloadBulletin(node.regionPrefix!, bulletinMonth, fmt)}>{bulletinMonth} 通报 {fmt.toUpperCase()}</Button>)) : null}
      </Space>
      {figures.error ? <ErrorAlert error={figures.error} /> : null}
      <Row gutter={[12, 12]}>
        {HEADLINE.map((id) => {
          const m = f?.metrics.find((x) => x.id === id);
          const p = f?.total.pairs[id];
          return (
            <Col xs={12} md={6} key={id}>
              <Card size="small" loading={figures.loading} data-testid={`headline-${id}`}>
                <Statistic title={m?.label} value={pct(p?.rate)} />
                <a data-testid={`headline-${id}-numerator`} onClick={() => open(id, 'numerator', m?.numeratorLabel ?? '')}>{p?.numerator ?? 0}</a>
                {' / '}
                <a data-testid={`headline-${id}-denominator`} onClick={() => open(id, 'denominator', m?.denominatorLabel ?? '')}>{p?.denominator ?? 0}</a>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}><Card size="small" title={`各下级对比（截至 ${f?.asOf ?? ''}，点柱子进入下级）`}>
          {f ? <RegionBars data={f} onPick={(key) => key && key.length <= 12 && setPath([...path, { prefix: key, label: f.groups.find((g) => g.key === key)?.label ?? key }])} /> : null}
        </Card></Col>
        <Col xs={24} lg={10}><Card size="small" title="近12个月走势（月末快照）">{trend.data ? <TrendLines data={trend.data} /> : trend.error ? <ErrorAlert error={trend.error} /> : null}</Card></Col>
      </Row>
      <Card size="small" title="全部指标（点数字查看所统计的企业）">
        <Table rowKey="id" size="small" pagination={false} dataSource={f?.metrics ?? []} scroll={{ x: 560 }} columns={[
          { title: '指标', dataIndex: 'label' }, { title: '口径', dataIndex: 'population' },
          { title: '分子', key: 'n', render: (_, m) => <a onClick={() => open(m.id, 'numerator', m.numeratorLabel)}>{f?.total.pairs[m.id]?.numerator}</a> },
          { title: '分母', key: 'd', render: (_, m) => <a onClick={() => open(m.id, 'denominator', m.denominatorLabel)}>{f?.total.pairs[m.id]?.denominator}</a> },
          { title: '比率', key: 'r', render: (_, m) => pct(f?.total.pairs[m.id]?.rate) },
        ]} />
      </Card>
      <Card size="small"><Tabs items={[
        { key: 'size', label: '按规模', children: <Breakdown node={node} by="size" onPick={setPick} /> },
        { key: 'industry', label: '按行业', children: <Breakdown node={node} by="industry" onPick={setPick} /> },
      ]} /></Card>
      <DrillDrawer pick={pick} onClose={() => setPick(null)} />
    </Space>
  );
}
