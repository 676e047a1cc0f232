import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Row as GridRow, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { roleAllows } from '../../../../src/domain/permissions';
import { MEDIATION_CATEGORIES, MEDIATION_CATEGORY_SHORT, MEDIATION_STATUS_LABEL, type MediationCategory } from '../../../../src/domain/mediation';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { MediationCasesDrawer, clockTag } from './MediationCasesDrawer';
import { MediationChart } from './MediationChart';
import { downloadGaps, getGaps, getStats, type CasesPick, type MediationCase, type MediationStats } from './mediation-api';

type Street = MediationStats['streets'][number];
type Gap = NonNullable<ReturnType<typeof getGaps> extends Promise<infer P> ? P : never>['items'][number];
type Count = { n: number; filter: Record<string, string> };
const PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/**
 * 劳动争议调解 district page: open cases with days left (the clock board), the in-time pair, cases by
 * category (chart) and by street (table with 合计) — every number opening the cases behind it, with
 * export — and the large and medium enterprises without a committee. Opens on the person's own area.
 */
export function MediationPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [pick, setPick] = useState<CasesPick | null>(null);
  const areas = me?.areas ?? [];
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'union.read'));
  const asked = params.get('region');
  const home = unrestricted && !areas.length ? undefined : areas[0]?.prefix;
  const region = asked && PREFIX.test(asked) ? asked : home;
  const stats = useAsync(() => getStats(region), [region]);
  const gaps = useAsync(() => getGaps(region), [region]);
  const place = areas.find((a) => a.prefix === region)?.name ?? (region ? '所选区划' : '全部');
  const s = stats.data;
  const num = (c: Count | undefined, title: string, id: string) =>
    (c?.n ? <a data-testid={id} onClick={() => setPick({ filter: c.filter, title })}>{c.n}</a> : <span data-testid={id}>0</span>);
  const columns = [
    { title: '街道（乡镇）', key: 'name', fixed: 'left' as const, render: (r: Street) => r.streetName },
    ...MEDIATION_CATEGORIES.map((k) => ({ title: MEDIATION_CATEGORY_SHORT[k], key: k, render: (r: Street) => num(r.byCategory[k], `${r.streetName}：${MEDIATION_CATEGORY_SHORT[k]}`, `mediation-n-${r.street}-${k}`) })),
    { title: '达成协议', key: 'agreed', render: (r: Street) => num(r.byStatus.agreed, `${r.streetName}：达成协议`, `mediation-n-${r.street}-agreed`) },
    { title: '未达成协议', key: 'failed', render: (r: Street) => num(r.byStatus.failed, `${r.streetName}：未达成协议`, `mediation-n-${r.street}-failed`) },
    { title: '合计', key: 'total', render: (r: Street) => num(r.total, `${r.streetName}：全部受理案件`, `mediation-n-${r.street}-total`) },
  ];
  return (
    <>
      <PageHeader title="劳动争议调解" extra={<Space wrap>
        <RegionSelect data-testid="mediation-region" value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4}
          placeholder="选择或搜索区划" style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }}
          onChange={(code) => { const p = new URLSearchParams(params); p.set('region', code ? regionPrefix(code) : ''); setParams(p); }} />
      </Space>} />
      <Typography.Paragraph type="secondary">
        {s ? `${s.from}至${s.to}受理的案件（截至${s.asOf}）。` : ''}自收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁（《劳动争议调解仲裁法》第十四条）；点数字查看明细并导出。
      </Typography.Paragraph>
      <ErrorAlert error={stats.error} />
      <GridRow gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title="在办案件" valueRender={() => num(s?.openTotal, `${place}：在办案件`, 'mediation-open')} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="逾期未结" valueStyle={{ color: '#cf1322' }} valueRender={() => num(s?.overdue, `${place}：逾期未结`, 'mediation-overdue')} /></Card></Col>
        <Col xs={24} md={12}><Card size="small"><Statistic title="按期办结（十五日内办结 / 办结，不含撤回）"
          valueRender={() => <span data-testid="mediation-in-time">{num(s?.inTime.closedInTime, `${place}：按期办结`, 'mediation-in-time-n')} / {num(s?.inTime.closed, `${place}：办结案件`, 'mediation-closed-n')}{s?.inTime.rate != null ? `（${s.inTime.rate}%）` : ''}</span>} /></Card></Col>
      </GridRow>
      <Card size="small" style={{ marginBottom: 12 }} title={`在办案件倒计时（${s?.openTotal.n ?? 0}件）`}>
        <Table data-testid="mediation-clock" rowKey="id" size="small" loading={stats.loading} scroll={{ x: 'max-content' }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={s?.open ?? []} locale={{ emptyText: '暂无在办案件' }}
          columns={[
            { title: '剩余', key: 'left', render: (c: MediationCase) => clockTag(c) },
            { title: '期限最后一日', dataIndex: 'dueOn' },
            { title: '案号', dataIndex: 'caseNumber', render: (n: string, c: MediationCase) => <Link to={`/mediation/cases/${c.id}`}>{n}</Link> },
            { title: '申请人', dataIndex: 'applicantNames' },
            { title: '用人单位', dataIndex: 'employerName' },
            { title: '调解组织', dataIndex: 'bodyName' },
            { title: '状态', dataIndex: 'status', render: (v: MediationCase['status']) => MEDIATION_STATUS_LABEL[v] },
          ]} />
      </Card>
      {s && s.totals.received.n > 0 && <Card size="small" style={{ marginBottom: 12 }} title="按争议类别（点柱形查看明细）">
        <MediationChart stats={s} onPick={(k: MediationCategory) => setPick({ filter: s.totals.byCategory[k]!.filter, title: `${place}：${MEDIATION_CATEGORY_SHORT[k]}` })} />
      </Card>}
      <Card size="small" style={{ marginBottom: 12 }} title={`${place}各街道受理案件（共${s?.totals.received.n ?? 0}件）`}>
        <Table data-testid="mediation-streets" rowKey="street" size="small" pagination={false} loading={stats.loading} scroll={{ x: 'max-content' }}
          dataSource={s?.streets ?? []} columns={columns} locale={{ emptyText: '本辖区暂无调解案件' }}
          summary={() => (s ? <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {MEDIATION_CATEGORIES.map((k, i) => <Table.Summary.Cell index={1 + i} key={k}>{num(s.totals.byCategory[k], `${place}：${MEDIATION_CATEGORY_SHORT[k]}`, `mediation-sum-${k}`)}</Table.Summary.Cell>)}
            <Table.Summary.Cell index={7}>{num(s.totals.byStatus.agreed, `${place}：达成协议`, 'mediation-sum-agreed')}</Table.Summary.Cell>
            <Table.Summary.Cell index={8}>{num(s.totals.byStatus.failed, `${place}：未达成协议`, 'mediation-sum-failed')}</Table.Summary.Cell>
            <Table.Summary.Cell index={9}>{num(s.totals.received, `${place}：全部受理案件`, 'mediation-sum-total')}</Table.Summary.Cell>
          </Table.Summary.Row> : null)} />
      </Card>
      <Card size="small" title={`未设立劳动争议调解委员会的大中型企业（${gaps.data?.total ?? 0}家）`}
        extra={<Button size="small" icon={<DownloadOutlined />} disabled={!gaps.data?.total} onClick={() => downloadGaps(region)}>导出</Button>}>
        <Typography.Paragraph type="secondary">依据：{gaps.data?.source}</Typography.Paragraph>
        <ErrorAlert error={gaps.error} />
        <Table data-testid="mediation-gaps" rowKey="id" size="small" loading={gaps.loading} scroll={{ x: 'max-content' }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={gaps.data?.items ?? []} locale={{ emptyText: '无' }}
          columns={[
            { title: '企业', dataIndex: 'name', render: (n: string, r: Gap) => <Link to={`/enterprises/${r.id}`}>{n}</Link> },
            { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
            { title: '规模', dataIndex: 'sizeClass', render: (v: 'large' | 'medium') => (v === 'large' ? '大型' : '中型') },
            { title: '从业人数', dataIndex: 'employeeCount', render: (v: number | null) => v ?? '—' },
            { title: '企业工会', dataIndex: 'unionName', render: (v: string | null, r: Gap) => (v && r.unionId ? <Link to={`/unions/${r.unionId}`}>{v}</Link> : '—') },
          ]} />
      </Card>
      <MediationCasesDrawer pick={pick} onClose={() => setPick(null)} />
    </>
  );
}
