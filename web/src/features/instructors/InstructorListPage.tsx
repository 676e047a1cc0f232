import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Form, Select, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useFilterParams, useKeysetList } from '../../ui/useKeysetList';
import { INSTRUCTOR_KIND_LABEL, type Instructor } from '../../../../src/contracts/instructor';
import { searchPeople } from '../orgs/api';
import { FormDialog, RemoteSelect } from '../orgs/ui';
import { createInstructor, instructorExportUrl, listInstructors, type InstructorFilters } from './api';

const KIND_OPTIONS = Object.entries(INSTRUCTOR_KIND_LABEL).map(([value, label]) => ({ value, label }));
const columns: TableProps<Instructor>['columns'] = [
  { title: '姓名', dataIndex: 'personName', key: 'name', render: (n: string, r) => <Link to={`/instructors/${r.id}`}>{n}</Link> },
  { title: '类别', dataIndex: 'kind', key: 'kind', render: (k: Instructor['kind']) => INSTRUCTOR_KIND_LABEL[k] },
  { title: '负责区域', dataIndex: 'regionCode', key: 'region', responsive: ['sm'], render: (c: string | null) => <RegionName code={c} /> },
  { title: '状态', dataIndex: 'status', key: 'status', render: (s: string) => (s === 'active' ? <Tag color="green">在岗</Tag> : <Tag>不在岗</Tag>) },
];

function CreateDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id?: string) => void }) {
  const created = useRef<string | undefined>(undefined);
  return (
    <FormDialog<{ personId: string; kind: Instructor['kind']; regionCode?: string }> title="登记党建指导员" open={open} onClose={onClose}
      onDone={() => onDone(created.current)} initialValues={{ kind: 'instructor' }}
      submit={async (v) => { created.current = (await createInstructor({ ...v, regionCode: v.regionCode ?? null })).id; return '已登记'; }}>
      <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}><RemoteSelect search={searchPeople} placeholder="输入姓名搜索" /></Form.Item>
      <Form.Item name="kind" label="类别"><Select options={KIND_OPTIONS} /></Form.Item>
      <Form.Item name="regionCode" label="负责区域"><RegionSelect onChange={() => undefined} /></Form.Item>
    </FormDialog>
  );
}

export function InstructorListPage() {
  const [params, set] = useFilterParams();
  const filters: InstructorFilters = useMemo(() => ({
    regionPrefix: params.get('region') ? regionPrefix(params.get('region')!) : undefined,
    kind: (params.get('kind') as InstructorFilters['kind']) ?? undefined,
  }), [params]);
  const list = useKeysetList((cursor?: string | null) => listInstructors(filters, cursor), params.toString());
  const [creating, setCreating] = useState(false);
  const { can } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="党建指导员" extra={<>
        <ExportButton url={instructorExportUrl(filters)} fileName="党建指导员.xlsx" testId="instructor-export" />
        {can('instructor.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记</Button>}
      </>} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <RegionSelect value={params.get('region') ?? undefined} onChange={(v) => set('region', v)} placeholder="负责区域" />
          <Select allowClear placeholder="类别" value={filters.kind} onChange={(v?: string) => set('kind', v)} options={KIND_OPTIONS} style={{ width: 140 }} />
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="名指导员" testId="instructor-total" />
        <Table<Instructor> rowKey="id" size="middle" columns={columns} dataSource={list.items} loading={list.loading}
          pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无党建指导员' }} data-testid="instructor-table" />
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={list.loadMore}>加载更多</Button></div>}
      </Card>
      <CreateDialog open={creating} onClose={() => setCreating(false)} onDone={(id) => id && navigate(`/instructors/${id}`)} />
    </>
  );
}
