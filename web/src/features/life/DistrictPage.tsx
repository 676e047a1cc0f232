import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { roleAllows } from '../../../../src/domain/permissions';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { DistrictChart } from './DistrictChart';
import { downloadRollup, getRollup, type DistrictNode, type LifeRollup, type LifeStatus, type OrgsPick } from './district-api';
import { LifeOrgsDrawer } from './LifeOrgsDrawer';
import { LifeSettingsDialog } from './LifeSettingsDialog';

type RollupRow = LifeRollup['rows'][number];
const STATUS: Array<{ key: LifeStatus; label: string }> = [{ key: 'compliant', label: '达标' }, { key: 'lagging', label: '滞后' }, { key: 'dormant', label: '不活跃' }];
const PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9})$/;
const rate = (n: number, d: number) => (d ? `${((n * 100) / d).toFixed(1)}%` : '—');

/**
 * 组织生活达标情况: the 党支部 of an area by street (a district or street account) or by district (a
 * city or province account) — 达标 / 滞后 / 不活跃 in a chart and a table with its 合计, every number
 * opening the organisations behind it, the table and each list exported exactly. Opens on the
 * person's own area for this year; the area and year live in the address (?region=&year=).
 */
export function DistrictPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [pick, setPick] = useState<OrgsPick | null>(null);
  const [exporting, setExporting] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const areas = me?.areas ?? [];
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'org.read'));
  const asked = params.get('region');
  const home = unrestricted && !areas.length ? undefined : areas[0]?.prefix;
  const region = asked && PREFIX.test(asked) ? asked : home;
  const year = Number(params.get('year')) || new Date().getFullYear();
  const node: DistrictNode = { year, region, level: !region || region.length <= 4 ? 'district' : 'street' };
  const roll = useAsync(() => getRollup(node), [region, year]);
  const go = (next: { region?: string; year?: number }) => {
    const p = new URLSearchParams(params);
    if (next.region !== undefined) p.set('region', next.region);
    if (next.year !== undefined) p.set('year', String(next.year));
    setParams(p);
  };
  const place = areas.find((a) => a.prefix === region)?.name ?? (roll.data?.rows.length === 1 && node.level === 'street' ? roll.data.rows[0]!.name : null) ?? (region ? '所选区划' : '全部');
  const open = (r: { region?: string; name?: string | null }, status?: LifeStatus) =>
    setPick({ year, region: r.region, status, title: `${year}年 ${r.name ?? place}：${status ? STATUS.find((s) => s.key === status)!.label : '全部'}党支部` });
  const num = (n: number, r: { region?: string; name?: string | null }, status: LifeStatus | undefined, id: string) =>
    <a data-testid={id} onClick={() => open(r, status)}>{n}</a>;
  const sum = roll.data?.sum;
  const title = `${year}年${place}组织生活达标情况`;
  const columns = [
    { title: node.level === 'district' ? '区县' : '街道', key: 'name', render: (r: RollupRow) => (node.level === 'district'
      ? <a data-testid={`life-area-${r.region}`} onClick={() => go({ region: r.region })}>{r.name ?? r.region}</a> : r.name ?? r.region) },
    { title: '党支部', key: 'total', render: (r: RollupRow) => num(r.total, r, undefined, `life-n-${r.region}-total`) },
    ...STATUS.map((s) => ({ title: s.label, key: s.key, render: (r: RollupRow) => num(r[s.key], r, s.key, `life-n-${r.region}-${s.key}`) })),
    { title: '达标率', key: 'rate', render: (r: RollupRow) => rate(r.compliant, r.total) },
  ];
  return (
    <>
      <PageHeader title="组织生活达标情况" extra={<Space wrap>
        <RegionSelect data-testid="life-district-region" value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4}
          placeholder="选择或搜索区划" style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }} onChange={(code) => go({ region: code ? regionPrefix(code) : '' })} />
        <InputNumber min={2019} max={new Date().getFullYear()} value={year} onChange={(v) => v && go({ year: v })} addonAfter="年" style={{ width: 120 }} data-testid="life-district-year" />
        {region && region !== home ? <Button onClick={() => go({ region: home ?? '' })}>回到本辖区</Button> : null}
        <Button onClick={() => setSettingsOpen(true)} data-testid="life-settings">组织生活设置</Button>
      </Space>} />
      <Typography.Paragraph type="secondary">
        按《中国共产党支部工作条例（试行）》统计正常运转的党支部：本年已到期的各类会议均已召开为达标，有缺开为滞后，连续多月未开任何会议为不活跃（月数见“组织生活设置”）。截至{roll.data?.asOf ?? ''}。
      </Typography.Paragraph>
      <ErrorAlert error={roll.error} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small" loading={roll.loading}><Statistic title="党支部" valueRender={() => num(sum?.total ?? 0, { region }, undefined, 'life-sum-total')} /></Card></Col>
        {STATUS.map((s) => <Col xs={12} md={6} key={s.key}><Card size="small" loading={roll.loading}>
          <Statistic title={s.label} valueRender={() => num(sum?.[s.key] ?? 0, { region }, s.key, `life-sum-${s.key}`)} />
          {s.key === 'compliant' ? <Typography.Text type="secondary" data-testid="life-sum-rate">达标率 {rate(sum?.compliant ?? 0, sum?.total ?? 0)}</Typography.Text> : null}
        </Card></Col>)}
      </Row>
      {roll.data && roll.data.rows.length > 0 && <Card size="small" style={{ marginBottom: 12 }} title={`各${node.level === 'district' ? '区县' : '街道'}对比（点色块查看党支部）`}>
        <DistrictChart data={roll.data} onPick={(r, status) => open(roll.data!.rows.find((x) => x.region === r)!, status)} />
      </Card>}
      <Card size="small" title={`${title}（共${roll.data?.rows.length ?? 0}个${node.level === 'district' ? '区县' : '街道'}）`} extra={
        <Button size="small" icon={<DownloadOutlined />} loading={exporting} disabled={!roll.data?.rows.length} data-testid="life-district-export"
          onClick={async () => { setExporting(true); try { await downloadRollup(node, title); } finally { setExporting(false); } }}>导出</Button>}>
        <Table data-testid="life-district-table" rowKey="region" size="small" pagination={false} loading={roll.loading} scroll={{ x: 'max-content' }}
          dataSource={roll.data?.rows ?? []} columns={columns} locale={{ emptyText: '本辖区暂无党支部' }}
          summary={() => (sum ? <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{sum.total}</Table.Summary.Cell>
            {STATUS.map((s, i) => <Table.Summary.Cell index={2 + i} key={s.key}>{sum[s.key]}</Table.Summary.Cell>)}
            <Table.Summary.Cell index={5}>{rate(sum.compliant, sum.total)}</Table.Summary.Cell>
          </Table.Summary.Row> : null)} />
      </Card>
      <LifeOrgsDrawer pick={pick} onClose={() => setPick(null)} />
      <LifeSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} onDone={roll.reload} />
    </>
  );
}
