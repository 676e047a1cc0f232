import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useFilterParams, useKeysetList } from '../../ui/useKeysetList';
import { ORG_TYPE_LABEL, SETUP_MODE_LABEL, type PartyOrg } from '../../../../src/contracts/party-org';
import { listOrgs, orgExportUrl, type OrgListFilters } from './api';
import { OrgFormDialog } from './OrgForms';
import { termTag } from './ui';

type Row = PartyOrg & { children?: Row[] };

/** Nests the loaded organisations under their parents (a parent outside the page makes a root). */
export function nest(items: PartyOrg[]): Row[] {
  const byId = new Map<string, Row>(items.map((o) => [o.id, { ...o }]));
  const roots: Row[] = [];
  for (const row of byId.values()) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

const columns: TableProps<Row>['columns'] = [
  { title: '组织名称', dataIndex: 'name', key: 'name', render: (n: string, r) => <Link to={`/orgs/${r.id}`}>{n}</Link> },
  { title: '类别', dataIndex: 'orgType', key: 'orgType', render: (t: PartyOrg['orgType']) => ORG_TYPE_LABEL[t] },
  { title: '属地', dataIndex: 'regionCode', key: 'region', responsive: ['lg'], render: (c: string | null) => <RegionName code={c} /> },
  { title: '组建方式', dataIndex: 'setupMode', key: 'setupMode', responsive: ['sm'], render: (m: PartyOrg['setupMode']) => SETUP_MODE_LABEL[m] },
  { title: '正式党员', dataIndex: 'fullMembers', key: 'fullMembers', align: 'right', responsive: ['md'] },
  { title: '任期届满', dataIndex: 'termEndsOn', key: 'termEndsOn', responsive: ['md'], render: (d: string | null, r) => termTag(d, r.status) },
  { title: '状态', dataIndex: 'status', key: 'status', render: (s: string) => (s === 'active' ? <Tag color="green">正常</Tag> : <Tag>已撤销</Tag>) },
];

export function OrgListPage() {
  const [params, set] = useFilterParams();
  const filters: OrgListFilters = useMemo(() => ({
    regionPrefix: params.get('region') ? regionPrefix(params.get('region')!) : undefined,
    status: (params.get('status') as OrgListFilters['status']) ?? undefined,
    q: params.get('q') ?? undefined,
  }), [params]);
  const list = useKeysetList((cursor?: string | null) => listOrgs(filters, cursor), params.toString());
  const [creating, setCreating] = useState(false);
  const { can } = useAuth();
  const navigate = useNavigate();
  const rows = useMemo(() => nest(list.items), [list.items]);

  return (
    <>
      <PageHeader title="党组织" extra={<>
        <ExportButton url={orgExportUrl(filters)} fileName="党组织.xlsx" testId="org-export" />
        {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建党组织</Button>}
      </>} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <RegionSelect value={params.get('region') ?? undefined} onChange={(v) => set('region', v)} placeholder="属地" data-testid="org-region" />
          <Input.Search allowClear placeholder="组织名称" defaultValue={filters.q} onSearch={(v) => set('q', v.trim())} style={{ width: 220 }} />
          <Select allowClear placeholder="状态" value={filters.status} onChange={(v?: string) => set('status', v)} style={{ width: 120 }}
            options={[{ value: 'active', label: '正常' }, { value: 'dissolved', label: '已撤销' }]} />
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="个党组织" testId="org-total" />
        <Table<Row> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.loading} pagination={false}
          scroll={{ x: 'max-content' }} data-testid="org-table" key={rows.length} expandable={{ defaultExpandAllRows: true }}
          locale={{ emptyText: '没有符合条件的党组织' }} />
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={list.loadMore}>加载更多</Button></div>}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>下级组织显示在上级组织之下，可展开或收起。</Typography.Paragraph>
      </Card>
      <OrgFormDialog open={creating} onClose={() => setCreating(false)} onDone={(id) => id && navigate(`/orgs/${id}`)} />
    </>
  );
}
