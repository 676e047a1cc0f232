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
import { FormDialog } from '../orgs/ui';
import { declarationExportUrl, listDeclarations, rejectDeclaration } from './api';
import { DeclarationConfirm } from './DeclarationConfirm';
import { DeclarationDialog } from './DeclarationForm';

const COLOR: Record<string, string> = { pending: 'processing', confirmed: 'success', rejected: 'warning' };
type Dialog = { kind: 'confirm'; id: string; d?: Declaration } | { kind: 'reject'; d: Declaration } | { kind: 'new' } | null;

/** 亮身份申报 for the street: the declarations at its enterprises, to confirm (linking or registering the member) or reject. */
export function DeclarationReviewPage() {
  const [params, setParams] = useSearchParams();
  const filter: DeclarationFilter = { status: (params.get('status') as DeclarationFilter['status']) ?? undefined, q: params.get('q') ?? undefined };
  const list = useAsync(() => listDeclarations(filter, 0, 200), [params.toString()]);
  // An approval request links here with ?id= (a declaration has no page of its own): its confirmation opens.
  const linked = params.get('id');
  const [dialog, setDialog] = useState<Dialog>(linked ? { kind: 'confirm', id: linked } : null);
  const { can } = useAuth();
  const set = (k: string, v?: string) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n); };
  const close = () => { setDialog(null); if (linked) set('id'); };
  const items = list.data?.items ?? [];
  const columns = [
    { title: '姓名', dataIndex: 'name', render: (v: string, d: Declaration) => (d.memberId ? <Link to={`/members/${d.memberId}`}>{v}</Link> : v) },
    { title: '身份证号码', dataIndex: 'idNumber' },
    { title: '工作单位', dataIndex: 'enterpriseName', render: (v: string, d: Declaration) => <Link to={`/enterprises/${d.enterpriseId}`}>{v}</Link> },
    { title: '申报的组织关系所在党组织', dataIndex: 'namedOrg' },
    { title: '申报方式', dataIndex: 'channel', render: (v: Declaration['channel']) => DECLARATION_CHANNEL_LABELS[v] },
    { title: '状态', dataIndex: 'status', render: (v: Declaration['status'], d: Declaration) => <>
      <Tag color={COLOR[v]}>{DECLARATION_STATUS_LABELS[v]}</Tag>
      {d.approval.open && <Tag color={d.approval.open === 'pending' ? 'blue' : 'orange'}>{d.approval.open === 'pending' ? '审批中' : '审批已退回'}</Tag>}
      {d.reason && <div>{d.reason}</div>}
    </> },
    {
      title: '操作', render: (_: unknown, d: Declaration) => d.canDecide && (
        <Space>
          <Button size="small" type="primary" onClick={() => setDialog({ kind: 'confirm', id: d.id, d })} data-testid="declaration-confirm">确认</Button>
          {d.approval.open !== 'pending' && <Button size="small" onClick={() => setDialog({ kind: 'reject', d })}>退回</Button>}
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
      {dialog?.kind === 'confirm' && <DeclarationConfirm id={dialog.id} initial={dialog.d} onClose={close} onDone={list.reload} />}
      {dialog?.kind === 'reject' && (
        <FormDialog<{ reason: string }> open title={`退回 ${dialog.d.name} 的亮身份申报`} onClose={close} onDone={list.reload} onReload={list.reload}
          submit={async (v) => { await rejectDeclaration(dialog.d, v.reason); return '已退回'; }}>
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
