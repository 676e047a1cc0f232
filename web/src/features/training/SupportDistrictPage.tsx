import { useState } from 'react';
import { Button, Card, Drawer, InputNumber, Radio, Space, Table } from 'antd';
import type { SupportOrgRow, SupportRollup } from '../../../../src/contracts/support';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getSupportOrgs, getSupportRollup, yuan } from './api';
import { TrainingSettingsDialog } from './TrainingSettingsDialog';

type Row = SupportRollup['rows'][number];

/** 党建保障汇总: the year's funding, sites, expense and dues returned by street or district, each row opening its organisations. */
export function SupportDistrictPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [level, setLevel] = useState<'street' | 'district'>('street');
  const [region, setRegion] = useState<Row | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const roll = useAsync(() => getSupportRollup(year, level), [year, level]);
  const orgs = useAsync(() => (region ? getSupportOrgs(year, region.regionCode || undefined) : Promise.resolve(null)), [region, year]);
  const money = (fen: number) => `${yuan(fen)}`;
  return (
    <>
      <PageHeader title="党建保障汇总" extra={<Space wrap>
        <InputNumber min={2014} max={new Date().getFullYear()} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} />
        <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} options={[{ value: 'street', label: '按街道' }, { value: 'district', label: '按区县' }]} optionType="button" />
        <Button onClick={() => setSettingsOpen(true)} data-testid="support-settings">培训和党建保障设置</Button>
      </Space>} />
      <TrainingSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} onDone={roll.reload} />
      <ErrorAlert error={roll.error} />
      <Card size="small" extra={<ExportButton url={`/api/support/rollup/export.xlsx?year=${year}&level=${level}`} fileName={`党建保障汇总-${year}.xlsx`} />}>
        <ListTotal loading={roll.loading} total={roll.data?.rows.length ?? null} shown={roll.data?.rows.length ?? 0} unit="个区划" />
        <Table<Row> rowKey="regionCode" size="small" scroll={{ x: true }} pagination={false} loading={roll.loading} dataSource={roll.data?.rows ?? []}
          summary={() => roll.data && <Table.Summary.Row><Table.Summary.Cell index={0}>合计</Table.Summary.Cell><Table.Summary.Cell index={1}>{roll.data.total.orgs}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{money(roll.data.total.fundingFen)}</Table.Summary.Cell><Table.Summary.Cell index={3}>{roll.data.total.sites}</Table.Summary.Cell>
            <Table.Summary.Cell index={4}>{roll.data.total.siteAreaM2}</Table.Summary.Cell><Table.Summary.Cell index={5}>{money(roll.data.total.expenseFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={6}>{money(roll.data.total.duesReturnedFen)}</Table.Summary.Cell></Table.Summary.Row>}
          columns={[
            { title: '区划', key: 'n', render: (_, r) => <a onClick={() => setRegion(r)}>{r.regionName}</a> }, { title: '党组织', dataIndex: 'orgs' },
            { title: '党建经费（元）', key: 'f', render: (_, r) => money(r.fundingFen) }, { title: '阵地（个）', dataIndex: 'sites' }, { title: '阵地面积（㎡）', dataIndex: 'siteAreaM2' },
            { title: '管理费列支（元）', key: 'e', render: (_, r) => money(r.expenseFen) }, { title: '党费返还（元）', key: 'r', render: (_, r) => money(r.duesReturnedFen) },
          ]} />
      </Card>
      <Drawer open={!!region} onClose={() => setRegion(null)} title={`${year}年 ${region?.regionName ?? ''} 党建保障明细`} width="min(900px, 100vw)">
        <ErrorAlert error={orgs.error} />
        <ListTotal loading={orgs.loading} total={orgs.data?.total ?? null} shown={orgs.data?.items.length ?? 0} unit="个党组织" />
        <ExportButton url={`/api/support/orgs/export.xlsx?year=${year}${region?.regionCode ? `&region=${region.regionCode}` : ''}`} fileName={`党建保障明细-${year}.xlsx`} />
        <Table<SupportOrgRow> rowKey="orgId" size="small" scroll={{ x: true }} pagination={false} dataSource={orgs.data?.items ?? []} columns={[
          { title: '党组织', key: 'o', render: (_, r) => <a href={`/orgs/${r.orgId}`}>{r.orgName}</a> }, { title: '党建经费（元）', key: 'f', render: (_, r) => money(r.fundingFen) },
          { title: '阵地', dataIndex: 'sites' }, { title: '管理费列支（元）', key: 'e', render: (_, r) => money(r.expenseFen) }, { title: '党费返还（元）', key: 'r', render: (_, r) => money(r.duesReturnedFen) },
        ]} />
      </Drawer>
    </>
  );
}
