import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Form, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Declaration, DeclarationFilter } from '../../../../src/contracts/member-transfer';
import { DECLARATION_CHANNEL_LABELS, DECLARATION_STATUS_LABELS } from '../../../../src/domain/member-transfer';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { searchOrgs } from '../members/api';
import { DATE_RULE, FormDialog, RemoteSelect } from '../orgs/ui';
import { confirmDeclaration, declarationExportUrl, listDeclarations, rejectDeclaration } from './api';
import { DeclarationDialog } from './DeclarationForm';

const COLOR: Record<string, string> = { pending: 'processing', confirmed: 'success', rejected: 'warning' };
type Dialog = { kind: 'confirm' | 'reject'; d: Declaration } | { kind: 'new' } | null;

/** 亮身份申报 for the street: the declarations at its enterprises, to confirm (linking or registering the member) or reject. */
export function DeclarationReviewPage() {
  const [params, setParams] = useSearchParams();
  const filter: DeclarationFilter = { status: (params.get('status') as DeclarationFilter['status']) ?? undefined, q: params.get('q') ?? undefined };
  const list = useAsync(() => listDeclarations(filter, 0, 200), [params.toString()]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { can } = useAuth();
  const set = (k: string, v?: string) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n); };
  const close = () => setDialog(null);
  const items = list.data?.items ?? [];
  const columns = [
    { title: '姓名', dataIndex: 'name', render: (v: string, d: Declaration) => (d.memberId ? <Link to={`/members/${d.memberId}`}>{v}</Link> : v) },
    { title: '身份证号码', dataIndex: 'idNumber' },
    { title: '工作单位', dataIndex: 'enterpriseName', render: (v: string, d: Declaration) => <Link to={`/enterprises/${d.enterpriseId}`}>{v}</Link> },
    { title: '申报的组织关系所在党组织', dataIndex: 'namedOrg' },
    { title: '申报方式', dataIndex: 'channel', render: (v: Declaration['channel']) => DECLARATION_CHANNEL_LABELS[v] },
    { title: '状态', dataIndex: 'status', render: (v: Declaration['status'], d: Declaration) => <><Tag color={COLOR[v]}>{DECLARATION_STATUS_LABELS[v]}</Tag>{d.reason && <div>{d.reason}</div>}</> },
    {
      title: '操作', render: (_: unknown, d: Declaration) => d.canDecide && (
        <Space>
          <Button size="small" type="primary" onClick={() => setDialog({ kind: 'confirm', d })} data-testid="declaration-confirm">确认</Button>
          <Button size="small" onClick={() => setDialog({ kind: 'reject', d })}>退回</Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader title="亮身份申报" extra={<>
        <ExportButton url={declarationExportUrl(filter)} fileName="亮身份申报.xlsx" testId="declaration-export" />
        {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })}>代录申报</Button>}
      </>} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="姓名或企业" defaultValue={filter.q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 180 }} />
          <Select allowClear placeholder="状态" value={filter.status} onChange={(v?: string) => set('status', v)} style={{ width: 120 }}
            options={Object.entries(DECLARATION_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.data?.total ?? null} shown={items.length} unit="份申报" testId="declaration-total" />
        <Table rowKey="id" size="small" dataSource={items} columns={columns} pagination={false} loading={list.loading} scroll={{ x: true }} data-testid="declaration-table" />
      </Card>
      {dialog?.kind === 'new' && <DeclarationDialog open onClose={close} onDone={list.reload} />}
      {dialog?.kind === 'confirm' && (
        <FormDialog<{ orgId?: string; joinedOn?: string }> open title={`确认 ${dialog.d.name} 的亮身份申报`} onClose={close} onDone={list.reload} onReload={list.reload}
          submit={async (v) => { await confirmDeclaration(dialog.d, { orgId: v.orgId || undefined, joinedOn: v.joinedOn || undefined }); return '已确认'; }}>
          <p>已在党员名册中的，确认后记为在 {dialog.d.enterpriseName} 工作。尚未在册的，可选择本街道接收其组织关系的党组织登记入册；不选择则只记录其申报的党组织（{dialog.d.namedOrg}）。</p>
          <Form.Item name="orgId" label="登记入册的党组织（可不选）"><RemoteSelect id="orgId" search={searchOrgs} /></Form.Item>
          <Form.Item name="joinedOn" label="入党日期（登记入册时填写）" rules={[{ ...DATE_RULE, required: false }]}><Input placeholder="例如 2015-07-01" /></Form.Item>
        </FormDialog>
      )}
      {dialog?.kind === 'reject' && (
        <FormDialog<{ reason: string }> open title={`退回 ${dialog.d.name} 的亮身份申报`} onClose={close} onDone={list.reload} onReload={list.reload}
          submit={async (v) => { await rejectDeclaration(dialog.d, v.reason); return '已退回'; }}>
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
