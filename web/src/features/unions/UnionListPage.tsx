import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Input, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useFilterParams, useKeysetList } from '../../ui/useKeysetList';
import { UNION_KIND_LABEL, type Union } from '../../../../src/contracts/union';
import { termTag } from '../orgs/ui';
import { listUnions, unionExportUrl, type UnionFilters } from './api';
import { UnionFormDialog } from './UnionForms';

const columns: TableProps<Union>['columns'] = [
  { title: '工会名称', dataIndex: 'name', key: 'name', render: (n: string, r) => <Link to={`/unions/${r.id}`}>{n}</Link> },
  { title: '类别', dataIndex: 'kind', key: 'kind', responsive: ['sm'], render: (k: Union['kind']) => UNION_KIND_LABEL[k] },
  { title: '属地', dataIndex: 'regionCode', key: 'region', responsive: ['lg'], render: (c: string | null) => <RegionName code={c} /> },
  { title: '会员/女会员', key: 'members', align: 'right', render: (_: unknown, r) => `${r.members} / ${r.femaleMembers}` },
  { title: '任期届满', dataIndex: 'termEndsOn', key: 'term', responsive: ['md'], render: (d: string | null, r) => termTag(d, r.status) },
  { title: '状态', dataIndex: 'status', key: 'status', render: (s: string) => (s === 'active' ? <Tag color="green">正常</Tag> : <Tag>已撤销</Tag>) },
];

export function UnionListPage() {
  const [params, set] = useFilterParams();
  const filters: UnionFilters = useMemo(() => ({
    regionPrefix: params.get('region') ? regionPrefix(params.get('region')!) : undefined, q: params.get('q') ?? undefined,
  }), [params]);
  const list = useKeysetList((cursor?: string | null) => listUnions(filters, cursor), params.toString());
  const [creating, setCreating] = useState(false);
  const { can } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="工会" extra={<>
        <ExportButton url={unionExportUrl(filters)} fileName="工会.xlsx" testId="union-export" />
        {can('union.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建工会</Button>}
      </>} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <RegionSelect value={params.get('region') ?? undefined} onChange={(v) => set('region', v)} placeholder="属地" />
          <Input.Search allowClear placeholder="工会名称" defaultValue={filters.q} onSearch={(v) => set('q', v.trim())} style={{ width: 220 }} />
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="个工会" testId="union-total" />
        <Table<Union> rowKey="id" size="middle" columns={columns} dataSource={list.items} loading={list.loading}
          pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '没有符合条件的工会' }} data-testid="union-table" />
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={list.loadMore}>加载更多</Button></div>}
      </Card>
      <UnionFormDialog open={creating} onClose={() => setCreating(false)} onDone={(id) => id && navigate(`/unions/${id}`)} />
    </>
  );
}
