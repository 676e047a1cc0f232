import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Select, Skeleton, Table, Tag, type TableProps } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { useAsync } from '../../ui/useAsync';
import { INSTRUCTOR_KIND_LABEL, type Assignment, type Visit } from '../../../../src/contracts/instructor';
import { searchEnterprises } from '../orgs/api';
import { EndIntervalDialog } from '../orgs/OrgForms';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { addVisit, assign, endAssignment, getInstructor } from './api';
import { PartialNotice } from '../../ui/PartialNotice';
import { AppraisalHistoryCard } from '../annual-report/AppraisalHistoryCard';

type Dialog = 'assign' | 'visit' | { end: Assignment } | null;

const visitCols: TableProps<Visit>['columns'] = [
  { title: '日期', dataIndex: 'visitedOn', key: 'visitedOn' },
  { title: '企业', dataIndex: 'enterpriseName', key: 'name', render: (n: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{n}</Link> },
  { title: '记录', dataIndex: 'notes', key: 'notes', responsive: ['sm'] },
];

export function InstructorDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => getInstructor(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { can } = useAuth();
  const crumbs = [{ label: '党建指导员', to: '/instructors' }, { label: data?.personName ?? '详情' }];
  if (error) return <><PageHeader title="党建指导员" crumbs={crumbs} /><ErrorAlert error={error} /></>;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const manage = data.manageable && data.status === 'active';
  const close = () => setDialog(null);
  const assignmentCols: TableProps<Assignment>['columns'] = [
    { title: '企业', dataIndex: 'enterpriseName', key: 'name', render: (n: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{n}</Link> },
    { title: '联系期间', key: 'interval', render: (_: unknown, r) => `${r.since} 至 ${r.until ?? '今'}` },
    ...(manage ? [{ title: '', key: 'end', render: (_: unknown, r: Assignment) => !r.until && <Button size="small" onClick={() => setDialog({ end: r })}>结束联系</Button> }] : []),
  ];
  return (
    <>
      <PageHeader title={`${data.personName}（${INSTRUCTOR_KIND_LABEL[data.kind]}）`} crumbs={crumbs}
        extra={data.kind === 'instructor' ? <Link to={`/instructors/${data.id}/appraisal`} data-testid="instructor-appraisal">年度考核</Link> : undefined} />
      <PartialNotice what="指导员" access={data.access} manageable={data.manageable} canManageKind={can('instructor.manage')}
        hidden={[{ count: data.hiddenAssignmentCount, label: '家联系企业' }, { count: data.hiddenVisitCount, label: '条走访记录' }]} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
          { key: 'kind', label: '类别', children: INSTRUCTOR_KIND_LABEL[data.kind] },
          { key: 'region', label: '负责区域', children: <RegionName code={data.regionCode} /> },
          { key: 'status', label: '状态', children: data.status === 'active' ? <Tag color="green">在岗</Tag> : <Tag>不在岗</Tag> },
        ]} />
      </Card>
      <Card title="联系企业" style={{ marginBottom: 16 }} extra={manage && <Button size="small" type="primary" onClick={() => setDialog('assign')}>分配企业</Button>}>
        <Table<Assignment> rowKey="id" size="small" columns={assignmentCols} dataSource={data.assignments} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无联系企业' }} />
      </Card>
      {data.kind === 'instructor' && <AppraisalHistoryCard personId={data.personId} />}
      <Card title="走访记录" extra={manage && <Button size="small" type="primary" onClick={() => setDialog('visit')}>登记走访</Button>}>
        <Table<Visit> rowKey="id" size="small" columns={visitCols} dataSource={data.visits} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无走访记录' }} />
      </Card>
      <FormDialog<{ enterpriseId: string; since: string }> title="分配联系企业" open={dialog === 'assign'} onClose={close} onDone={reload}
        initialValues={{ since: today() }} submit={async (v) => { await assign(data.id, v); return '已分配，形成工作覆盖'; }}>
        <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}><RemoteSelect search={searchEnterprises} /></Form.Item>
        <Form.Item name="since" label="起始日" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      </FormDialog>
      <FormDialog<{ enterpriseId: string; visitedOn: string; notes?: string }> title="登记走访" open={dialog === 'visit'} onClose={close} onDone={reload}
        initialValues={{ visitedOn: today() }} submit={async (v) => { await addVisit(data.id, { ...v, notes: v.notes ?? '' }); return '已登记走访'; }}>
        <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
          <Select options={data.assignments.filter((a) => !a.until).map((a) => ({ value: a.enterpriseId, label: a.enterpriseName }))} placeholder="选择联系企业" />
        </Form.Item>
        <Form.Item name="visitedOn" label="走访日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
        <Form.Item name="notes" label="走访记录"><Input.TextArea rows={3} /></Form.Item>
      </FormDialog>
      <EndIntervalDialog title="结束联系" open={typeof dialog === 'object' && dialog !== null} onClose={close} onDone={reload}
        end={(v) => endAssignment(data.id, (dialog as { end: Assignment }).end.id, v)} />
    </>
  );
}
