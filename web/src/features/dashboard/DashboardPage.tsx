import { useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Grid, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RegionSelect } from '../../ui/RegionSelect';
import { downloadBulletin, getFigures, getTrend, type FiguresResult, type Node } from './api';
import { RegionBars, TrendLines } from './Charts';
import { DrillDrawer, type Pick } from './DrillDrawer';
import { LifeOrgsDrawer } from '../life/LifeOrgsDrawer';
import type { OrgsPick } from '../life/district-api';
import { TargetsPanel } from './TargetsPanel';
import { UnionFiguresCard } from './UnionFiguresCard';
import { BulletinIssuerButton } from '../reports/BulletinIssuer';
import { useDashboardView } from './view';

/**
 * 覆盖统计: headline cards, sub-region comparison (click to drill down a level), 12-month trend,
 * breakdown by size and industry, and the enterprises behind any figure. It opens on the person's
 * own area; the region and month live in the address (view.ts). Antd's grid stacks the cards and
 * charts on a phone.
 */
const HEADLINE = ['orgCoverage', 'twoCoverage', 'standaloneRate', 'unionSetup'];
const pct = (r: number | null | undefined) => (r == null ? '—' : `${r.toFixed(1)}%`);

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
  const view = useDashboardView();
  // On a phone the 口径 goes under the metric's name, so the figures fit without scrolling sideways.
  const phone = !Grid.useBreakpoint().sm;
  const [pick, setPick] = useState<Pick | null>(null);
  const [orgsPick, setOrgsPick] = useState<OrgsPick | null>(null);
  const node: Node = { regionPrefix: view.region, month: view.month };
  const figures = useAsync(() => getFigures(node, 'region'), [node.regionPrefix, view.month]);
  // A trend is per region node; without one only an unrestricted account has a whole to show.
  const trendable = !!node.regionPrefix || view.unrestricted;
  const trend = useAsync(async () => (trendable ? getTrend(node) : null), [node.regionPrefix, trendable]);
  const f = figures.data;
  // 组织生活达标率 counts 党支部, not enterprises: its numbers open the organisations (as /life does).
  const open = (metric: string, part: Pick['part'], label: string) => (f?.metrics.find((m) => m.id === metric)?.subject === 'partyOrg'
    ? setOrgsPick({ year: Number(f.asOf.slice(0, 4)), region: node.regionPrefix, status: part === 'numerator' ? 'compliant' : undefined, date: f.asOf, title: `${view.label}：${label}` })
    : setPick({ metric, part, node, title: `${view.label}：${label}` }));
  // A point of the trend opens what its month end counted: the branches judged on that day, or the enterprises.
  const openMonth = (metric: string, period: string) => {
    const label = `${view.label} ${period} 月末`;
    const end = dayjs(`${period}-01`).endOf('month').format('YYYY-MM-DD');
    if (metric === 'lifeCompliance') setOrgsPick({ year: Number(period.slice(0, 4)), region: node.regionPrefix, status: 'compliant', date: end, title: `${label}：组织生活达标的党支部` });
    else setPick({ metric, part: 'numerator', node: { ...node, month: period }, title: `${label}：${f?.metrics.find((m) => m.id === metric)?.numeratorLabel ?? ''}` });
  };
  const bulletinMonth = view.month ?? dayjs().subtract(1, 'month').format('YYYY-MM');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Breadcrumb data-testid="dashboard-crumbs" items={view.crumbs.map((c) => ({ title: <a onClick={() => view.go({ region: c.region })}>{c.label}</a> }))} />
        <RegionSelect data-testid="dashboard-region" value={view.region ? view.region.padEnd(12, '0') : undefined} roots={view.roots}
          allowClear={view.unrestricted} placeholder="选择或搜索区划" style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }}
          onChange={(code) => view.go({ region: code ?? '' })} />
        <DatePicker data-testid="dashboard-month" picker="month" placeholder="今天" value={view.month ? dayjs(`${view.month}-01`) : null}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => view.go({ month: d ? d.format('YYYY-MM') : '' })} />
        {node.regionPrefix ? (['pdf', 'docx', 'xlsx'] as const).map((fmt) => (
          <Button key={fmt} onClick={() => downloadBulletin(node.regionPrefix!, bulletinMonth, fmt)}>{bulletinMonth} 通报 {fmt.toUpperCase()}</Button>)) : null}
        <BulletinIssuerButton region={node.regionPrefix} />
      </Space>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-node">{view.label}</Typography.Title>
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
      {f?.refreshing && (
        <Typography.Text type="secondary" data-testid="figures-refreshing" style={{ display: 'block', marginBottom: 8 }}>
          统计正在更新，以上数字可能尚未计入刚才几秒内的录入；稍后刷新页面即可看到。
        </Typography.Text>
      )}
      {f?.replicaLagSeconds !== undefined && (
        <Typography.Text type="secondary" data-testid="replica-lag" style={{ display: 'block', marginBottom: 8 }}>
          以上数字由只读副本提供，{f.replicaLagSeconds < 5 ? '与主库同步' : `约${f.replicaLagSeconds}秒前的数据`}；刚录入的变化可能稍后才计入。
        </Typography.Text>
      )}
      <TargetsPanel region={node.regionPrefix} month={view.month} />
      <UnionFiguresCard regionPrefix={node.regionPrefix} month={view.month} label={view.label} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}><Card size="small" title={`各下级对比（截至 ${f?.asOf ?? ''}，点柱子进入下级）`} data-testid="dashboard-bars">
          {f ? <RegionBars data={f} onPick={(key) => { if (key && key.length <= 12) view.go({ region: key }); }} /> : null}
        </Card></Col>
        <Col xs={24} lg={10}><Card size="small" title="近12个月走势（月末快照）" data-testid="dashboard-trend">
          {!trendable ? <Alert type="info" showIcon message="走势按区划统计：请先选择区划" />
            : trend.data ? <TrendLines data={trend.data} onPick={openMonth} /> : trend.error ? <ErrorAlert error={trend.error} /> : null}
        </Card></Col>
      </Row>
      <Card size="small" title="全部指标（点数字查看所统计的企业）">
        <Table rowKey="id" size="small" pagination={false} dataSource={f?.metrics ?? []} scroll={phone ? undefined : { x: 560 }} data-testid="dashboard-metrics" columns={[
          { title: '指标', dataIndex: 'label', render: (label: string, m) => (phone ? <>{label}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.population}</Typography.Text></> : label) },
          ...(phone ? [] : [{ title: '口径', dataIndex: 'population' }]),
          { title: <span style={{ whiteSpace: 'nowrap' }}>分子</span>, key: 'n', render: (_, m) => <a onClick={() => open(m.id, 'numerator', m.numeratorLabel)}>{f?.total.pairs[m.id]?.numerator}</a> },
          { title: <span style={{ whiteSpace: 'nowrap' }}>分母</span>, key: 'd', render: (_, m) => <a onClick={() => open(m.id, 'denominator', m.denominatorLabel)}>{f?.total.pairs[m.id]?.denominator}</a> },
          { title: <span style={{ whiteSpace: 'nowrap' }}>比率</span>, key: 'r', render: (_, m) => pct(f?.total.pairs[m.id]?.rate) },
        ]} />
      </Card>
      <Card size="small"><Tabs items={[
        { key: 'size', label: '按规模', children: <Breakdown node={node} by="size" onPick={setPick} /> },
        { key: 'industry', label: '按行业', children: <Breakdown node={node} by="industry" onPick={setPick} /> },
      ]} /></Card>
      <DrillDrawer pick={pick} onClose={() => setPick(null)} />
      <LifeOrgsDrawer pick={orgsPick} onClose={() => setOrgsPick(null)} />
    </Space>
  );
}
