import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Grid, Input, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { MobilityFilter, MobilityRow } from '../../../../src/contracts/member-transfer';
import { MEMBER_STATUS_LABELS } from '../../../../src/domain/member';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useKeysetList } from '../../ui/useKeysetList';
import { severityTag, WhyExplained } from '../orgs/ui';
import { listMobility, mobilityExportUrl } from './api';

const TABS: { key: string; label: string }[] = [
  { key: 'all', label: '全部' }, { key: 'mobile', label: '流动党员' }, { key: 'lostContact', label: '失联党员' }, { key: 'suspended', label: '停止党籍' },
];
const STATUS_COLOR: Record<string, string> = { mobile: 'blue', lostContact: 'orange', suspended: 'red' };

function Findings({ row }: { row: MobilityRow }) {
  if (!row.findings.length) return <Typography.Text type="secondary">暂无提醒</Typography.Text>;
  return <>{row.findings.map((f) => (
    <div key={f.ruleId} data-testid="mobility-finding">
      <Space wrap size={4}>{severityTag(f.severity)}<Typography.Text strong>{f.title}</Typography.Text></Space>
      <div><Typography.Text>{f.summary}</Typography.Text></div>
      <WhyExplained finding={f} />
    </div>
  ))}</>;
}

function Away({ row }: { row: MobilityRow }) {
  if (row.status !== 'mobile') return <>—</>;
  return (
    <div>
      {row.mobileCardNo && <div>活动证：{row.mobileCardNo}</div>}
      {row.mobileOrgName && <div>流入地党组织：{row.mobileOrgName}</div>}
      <div>{row.mobilePlace ? `外出地点：${row.mobilePlace}` : '外出地点不固定'}</div>
      <div>{row.reportedOn ? `最近汇报：${row.reportedOn}` : '尚未登记汇报'}</div>
    </div>
  );
}

/**
 * 流动党员和失联党员: the members of my organisations who are 流动, 失联 or 停止党籍, with what the rules
 * say about each (must transfer after 6 months at a fixed place; 失联 6 months → 停止党籍; 停止党籍 2
 * years → 自行脱党; letters running out) and their 依据 in Chinese; total and export of the same rows.
 */
export function MobilityPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('status') ?? 'all';
  const q = params.get('q') ?? undefined;
  const filter: MobilityFilter = { ...(tab !== 'all' ? { status: tab as MobilityFilter['status'] } : {}), ...(q ? { q } : {}) };
  const list = useKeysetList((cursor?: string | null) => listMobility(filter, cursor), `${tab}:${q ?? ''}`);
  const set = (k: string, v?: string) => { const n = new URLSearchParams(params); if (v && v !== 'all') n.set(k, v); else n.delete(k); setParams(n); };
  const items = list.items;
  const phone = !Grid.useBreakpoint().md;
  const columns = [
    { title: '姓名', dataIndex: 'name', render: (v: string, r: MobilityRow) => <Link to={`/members/${r.memberId}`} style={{ whiteSpace: 'nowrap' }}>{v}</Link> },
    { title: '所在党组织', dataIndex: 'orgName', render: (v: string, r: MobilityRow) => <Link to={`/orgs/${r.orgId}`}>{v}</Link> },
    { title: '状态', dataIndex: 'status', render: (v: MobilityRow['status'], r: MobilityRow) => <><Tag color={STATUS_COLOR[v]}>{MEMBER_STATUS_LABELS[v]}</Tag>{r.since && <div>自 {r.since}</div>}</> },
    { title: '流动情况', render: (_: unknown, r: MobilityRow) => <Away row={r} /> },
    { title: '提醒', render: (_: unknown, r: MobilityRow) => <Findings row={r} />, width: 320 },
  ];
  return (
    <>
      <PageHeader title="流动党员和失联党员" extra={<ExportButton url={mobilityExportUrl(filter)} fileName="流动党员和失联党员.xlsx" testId="mobility-export" />} />
      <Card>
        <Tabs activeKey={tab} onChange={(k) => set('status', k)} items={TABS} />
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="党员姓名" defaultValue={q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 180 }} data-testid="mobility-q" />
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={items.length} unit="名党员" testId="mobility-total" />
        {phone
          ? <List data-testid="mobility-table" loading={list.loading} dataSource={items} locale={{ emptyText: '暂无流动、失联党员' }} renderItem={(r) => (
            <List.Item key={r.memberId} style={{ display: 'block' }}>
              <Space wrap size={6}><Link to={`/members/${r.memberId}`}><b>{r.name}</b></Link><Tag color={STATUS_COLOR[r.status]}>{MEMBER_STATUS_LABELS[r.status]}</Tag>{r.since && <span>自 {r.since}</span>}</Space>
              <div><Link to={`/orgs/${r.orgId}`}>{r.orgName}</Link></div>
              {r.status === 'mobile' && <Away row={r} />}
              <Findings row={r} />
            </List.Item>
          )} />
          : <Table rowKey="memberId" size="small" dataSource={items} columns={columns} pagination={false} loading={list.loading} scroll={{ x: 760 }} locale={{ emptyText: '暂无流动、失联党员' }} data-testid="mobility-table" />}
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={() => void list.loadMore()} data-testid="mobility-more">加载更多</Button></div>}
      </Card>
    </>
  );
}
