import { useState } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { GaugeChart } from 'echarts/charts';
import { CanvasRenderer } from 'echarts/renderers';
import { Button, Card, Col, Empty, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { deadlinePhrase, gapPhrase } from '../../../../src/domain/campaign';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { TargetFormDialog, WithdrawTargetDialog } from './TargetForms';
import { downloadTargets, getTargets, type CampaignTarget, type CampaignTargetList } from './targets-api';

/**
 * 工作目标 on the statistics page: every target that applies to the area shown (set on it or
 * above), each as a gauge of the rate against the target, the gap in enterprises, the deadline and
 * the days left, and the sub-areas behind (names open their own statistics, same month). Those who
 * manage the area set targets here; those who manage a target's own area change or withdraw it.
 */
echarts.use([GaugeChart, CanvasRenderer]);

type Item = CampaignTargetList['items'][number];
type Behind = NonNullable<Item['progress']>['behind'][number];

const STATUS_COLOR: Record<string, string> = { met: 'green', inProgress: 'blue', missed: 'red', noPopulation: 'default' };
const pct = (r: number | null | undefined) => (r == null ? '—' : `${r.toFixed(1)}%`);
const barColor = (i: Item) => (i.progress?.status === 'met' ? '#389e0d' : i.progress?.status === 'missed' ? '#cf1322' : '#1677ff');

/** The rate on a dial, the target marked as the green end of the track: how far is left, at a glance. */
function TargetGauge({ rate, target, color }: { rate: number | null; target: number; color: string }) {
  const option = {
    animation: false,
    series: [{
      type: 'gauge', min: 0, max: 100, radius: '92%', startAngle: 210, endAngle: -30,
      progress: { show: true, width: 12, itemStyle: { color } },
      axisLine: { lineStyle: { width: 12, color: [[target / 100, '#f0f0f0'], [1, '#b7eb8f']] } },
      pointer: { show: false }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
      anchor: { show: false }, title: { show: true, offsetCenter: [0, '38%'], fontSize: 12, color: '#888' },
      detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 22, formatter: () => pct(rate) },
      data: [{ value: rate ?? 0, name: `目标 ${target}%` }],
    }],
  };
  return <div data-testid="target-gauge"><ReactEChartsCore echarts={echarts} option={option} style={{ height: 150 }} notMerge /></div>;
}

function BehindTable({ item, month }: { item: Item; month?: string }) {
  const p = item.progress!;
  const search = (region: string) => `?region=${region}${month ? `&month=${month}` : ''}`;
  const unit = p.unit === '户' ? '户' : '人';
  return (
    <Table<Behind> rowKey="region" size="small" pagination={false} data-testid="target-behind" dataSource={p.behind}
      title={() => `未达到目标的下级（${p.behind.length}）`} scroll={{ x: 360 }}
      locale={{ emptyText: p.status === 'noPopulation' ? '暂无统计对象' : '各下级均已达到目标' }}
      columns={[
        { title: '地区', dataIndex: 'name', render: (name: string, b) => <Link to={{ search: search(b.region) }}>{name}</Link> },
        {
          title: '当前', key: 'rate', width: 160,
          render: (_, b) => <Progress percent={b.rate ?? 0} size="small" format={() => pct(b.rate)} strokeColor="#faad14" />,
        },
        { title: item.target.higherIsBetter ? '还差' : '需减少', dataIndex: 'gap', width: 90, render: (g: number) => `${g} ${unit}` },
      ]} />
  );
}

function TargetItem({ item, month, onEdit, onWithdraw }: { item: Item; month?: string; onEdit(t: CampaignTarget): void; onWithdraw(t: CampaignTarget): void }) {
  const { target: t, progress: p } = item;
  if (!p) return null;
  return (
    <Card size="small" type="inner" data-testid="target-item" title={<Space wrap>
      <span>{t.title}</span>
      <Tag color={STATUS_COLOR[p.status]} data-testid="target-status">{p.statusLabel}</Tag>
      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t.regionName}设定</Typography.Text>
    </Space>} extra={t.manageable ? <Space>
      <Button size="small" onClick={() => onEdit(t)} data-testid="target-edit">修改</Button>
      <Button size="small" danger onClick={() => onWithdraw(t)}>撤回</Button>
    </Space> : null}>
      <Row gutter={[16, 12]} align="middle">
        <Col xs={24} sm={8} style={{ textAlign: 'center' }}>
          <TargetGauge rate={p.rate} target={t.targetRate} color={barColor(item)} />
          <div>目标 {t.targetRate}%（{t.metricLabel}）</div>
        </Col>
        <Col xs={24} sm={16}>
          <Typography.Title level={4} style={{ margin: 0 }} type={p.gap ? (p.status === 'missed' ? 'danger' : undefined) : 'success'} data-testid="target-gap">
            {gapPhrase(p, t.higherIsBetter)}
          </Typography.Title>
          <div>当前 {p.numerator} / {p.denominator}（{pct(p.rate)}）</div>
          <div data-testid="target-deadline-left">完成期限 {t.deadline}，{deadlinePhrase(p.daysLeft)}{p.status === 'missed' ? '，逾期未完成' : ''}</div>
          {t.note ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t.note}</Typography.Paragraph> : null}
          <div style={{ marginTop: 8 }}><BehindTable item={item} month={month} /></div>
        </Col>
      </Row>
    </Card>
  );
}

export function TargetsPanel({ region, month }: { region?: string; month?: string }) {
  const list = useAsync(async () => (region ? getTargets(region, month) : null), [region, month]);
  const [editing, setEditing] = useState<{ target?: CampaignTarget } | null>(null);
  const [withdrawing, setWithdrawing] = useState<CampaignTarget | null>(null);
  // Targets are set for a region: without one (全部) or outside the caller's regions there is nothing to show.
  if (!region || (list.error instanceof ApiError && list.error.status === 404)) return null;
  const data = list.data;
  const items = data?.items.filter((i) => i.progress) ?? [];
  return (
    <Card size="small" data-testid="targets-panel" loading={list.loading && !data}
      title={`工作目标${data ? `（${data.total}）` : ''}`}
      extra={data ? <Space>
        {data.total ? <Button size="small" onClick={() => downloadTargets(region, month, data.regionName)}>导出</Button> : null}
        {data.canSet ? <Button size="small" type="primary" onClick={() => setEditing({})} data-testid="target-set">设定目标</Button> : null}
      </Space> : null}>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {data?.total ? <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>进展截至 {data.asOf}，按本页统计口径计算</Typography.Text> : null}
      {data && !items.length ? <Empty description={data.canSet ? '尚未设定工作目标，可点“设定目标”' : '尚无适用于本地区的工作目标'} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((i) => <TargetItem key={i.target.id} item={i} month={month} onEdit={(t) => setEditing({ target: t })} onWithdraw={setWithdrawing} />)}
      </Space>
      {editing && data ? <TargetFormDialog open region={region} regionName={data.regionName} target={editing.target}
        onClose={() => setEditing(null)} onDone={list.reload} onReload={list.reload} /> : null}
      {withdrawing ? <WithdrawTargetDialog open target={withdrawing} onClose={() => setWithdrawing(null)} onDone={list.reload} onReload={list.reload} /> : null}
    </Card>
  );
}
