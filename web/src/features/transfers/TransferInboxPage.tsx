import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Input, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Transfer, TransferBox, TransferListFilter } from '../../../../src/contracts/member-transfer';
import { TRANSFER_STATUS_LABELS } from '../../../../src/domain/member-transfer';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { TRANSFER_TABS, listTransfers } from './api';
import { AcceptDialog, IssueDialog, OrgMoveDialog, ReasonDialog, ReceiptDialog } from './TransferForms';

const STATUS_COLOR: Record<string, string> = { issued: 'processing', accepted: 'success', returned: 'warning', revoked: 'default', expired: 'error' };
const PAGE = 50;
type Dialog = { kind: 'accept' | 'return' | 'revoke' | 'receipt'; t: Transfer } | { kind: 'issue' | 'move' } | null;

/** 组织关系转接: 待处理 (letters waiting for my acceptance), 转出, 转入 — totals, export, and the actions each letter allows me. */
export function TransferInboxPage() {
  const [params, setParams] = useSearchParams();
  const box = (params.get('box') as TransferBox) ?? 'pending';
  const q = params.get('q') ?? undefined;
  const filter: TransferListFilter = { box, ...(q ? { q } : {}) };
  const [limit, setLimit] = useState(PAGE);
  const list = useAsync(() => listTransfers(filter, 0, limit), [box, q, limit]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { can } = useAuth();
  const set = (k: string, v?: string) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n); setLimit(PAGE); };
  const close = () => setDialog(null);
  const done = () => list.reload();
  const items = list.data?.items ?? [];
  const columns = [
    { title: '介绍信编号', dataIndex: 'letterNo', render: (v: string | null) => v ?? '—' },
    { title: '党员', dataIndex: 'memberName', render: (v: string, t: Transfer) => (t.access === 'full' ? <Link to={`/members/${t.memberId}`}>{v}</Link> : v) },
    { title: '身份证号码', dataIndex: 'idNumber' },
    { title: '转出', render: (_: unknown, t: Transfer) => (t.fromOrgId ? <Link to={`/orgs/${t.fromOrgId}`}>{t.fromOrgName}</Link> : t.outsideOrg) },
    { title: '接收', render: (_: unknown, t: Transfer) => (t.toOrgId ? <Link to={`/orgs/${t.toOrgId}`}>{t.toOrgName}</Link> : t.outsideOrg) },
    { title: '开具日期', dataIndex: 'issuedOn' },
    { title: '有效期至', dataIndex: 'validUntil', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', render: (v: string, t: Transfer) => <><Tag color={STATUS_COLOR[v]}>{TRANSFER_STATUS_LABELS[v as Transfer['status']]}</Tag>{t.reason && <div>{t.reason}</div>}</> },
    {
      title: '操作', render: (_: unknown, t: Transfer) => (
        <Space wrap>
          {t.canDecide && <Button size="small" type="primary" onClick={() => setDialog({ kind: 'accept', t })} data-testid="transfer-accept">接收</Button>}
          {t.canDecide && <Button size="small" onClick={() => setDialog({ kind: 'return', t })}>退回</Button>}
          {t.canRevoke && <Button size="small" onClick={() => setDialog({ kind: 'revoke', t })} data-testid="transfer-revoke">撤回</Button>}
          {t.canRecordReceipt && <Button size="small" onClick={() => setDialog({ kind: 'receipt', t })}>登记回执</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader title="组织关系转接" extra={<>
        <ExportButton url={`/api/member-transfers/export.xlsx?box=${box}${q ? `&q=${encodeURIComponent(q)}` : ''}`} fileName="组织关系转接.xlsx" testId="transfer-export" />
        {can('org.manage') && <Button onClick={() => setDialog({ kind: 'move' })}>整建制转接</Button>}
        {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'issue' })} data-testid="transfer-issue">开具介绍信</Button>}
      </>} />
      <Card>
        <Tabs activeKey={box} onChange={(k) => set('box', k)} items={TRANSFER_TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="党员姓名" defaultValue={q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 180 }} />
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.data?.total ?? null} shown={items.length} unit="份介绍信" testId="transfer-total" />
        <Table rowKey="id" size="small" dataSource={items} columns={columns} pagination={false} loading={list.loading} scroll={{ x: true }} data-testid="transfer-table" />
        {list.data && items.length < list.data.total && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={() => setLimit(Math.min(limit + PAGE, 200))}>加载更多</Button></div>}
      </Card>
      {dialog?.kind === 'issue' && <IssueDialog open onClose={close} onDone={done} />}
      {dialog?.kind === 'move' && <OrgMoveDialog open onClose={close} onDone={done} />}
      {dialog?.kind === 'accept' && <AcceptDialog open t={dialog.t} onClose={close} onDone={done} onReload={done} />}
      {(dialog?.kind === 'return' || dialog?.kind === 'revoke') && <ReasonDialog open t={dialog.t} how={dialog.kind} onClose={close} onDone={done} onReload={done} />}
      {dialog?.kind === 'receipt' && <ReceiptDialog open t={dialog.t} onClose={close} onDone={done} onReload={done} />}
    </>
  );
}
