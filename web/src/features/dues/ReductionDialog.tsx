import { useState, type ReactNode } from 'react';
import { Button, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import type { DuesLedgerRow, DuesReductionRow } from '../../../../src/contracts/dues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { addReduction, approveReduction, listReductions, withdrawReduction } from './api';
import { parseYuanInput, yuanText } from './money';

/**
 * 少交或免交党费: the member's reductions (待批准 / 已批准 / 已撤销, each but the withdrawn one
 * withdrawable with a reason), a new one recorded (from a month, to a
 * month or open, the monthly amount, 0 for 免交) and the 上一级党委's approval entered with its day and
 * reference together. Only an approved one changes what is due.
 */
type Values = { fromMonth: string; toMonth?: string; amount: string; approvedOn?: string; approvalRef?: string };

const period = (r: DuesReductionRow) => `${r.fromMonth}起${r.toMonth ? `至${r.toMonth}` : ''}`;
const amountText = (fen: number) => (fen === 0 ? '免交' : `少交，每月交纳${yuanText(fen)}元`);

function ApproveForm({ row, onDone }: { row: DuesReductionRow; onDone: () => void }) {
  const [form] = Form.useForm<{ approvedOn: string; approvalRef: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { approvedOn: string; approvalRef: string }) => {
    setBusy(true); setError(null);
    try { await approveReduction(row.id, v); onDone(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8, marginTop: 8 }}>
      <Form.Item name="approvedOn" rules={[{ required: true, message: '请填写批准日期' }]}><Input type="date" aria-label="批准日期" placeholder="批准日期" data-testid="dues-approve-date" /></Form.Item>
      <Form.Item name="approvalRef" rules={[{ required: true, whitespace: true, message: '请填写批准文号' }]}><Input placeholder="批准文号" style={{ width: 180 }} data-testid="dues-approve-ref" /></Form.Item>
      <Button htmlType="submit" loading={busy} data-testid="dues-approve">登记批准</Button>
      <ErrorAlert error={error} style={{ width: '100%', marginTop: 8 }} />
    </Form>
  );
}

function WithdrawForm({ row, onDone }: { row: DuesReductionRow; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open) return <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="dues-withdraw-open">撤销</Button>;
  const submit = async (v: { reason: string }) => {
    setBusy(true); setError(null);
    try { await withdrawReduction(row.id, v.reason.trim()); onDone(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Form layout="inline" onFinish={submit} style={{ rowGap: 8, marginTop: 8 }}>
      <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, { max: 200, message: '不超过200字' }]}>
        <Input placeholder="撤销原因" style={{ width: 220 }} data-testid="dues-withdraw-reason" />
      </Form.Item>
      <Button htmlType="submit" danger loading={busy} data-testid="dues-withdraw">确认撤销</Button>
      <Button onClick={() => setOpen(false)}>取消</Button>
      <ErrorAlert error={error} style={{ width: '100%', marginTop: 8 }} />
    </Form>
  );
}

const STATUS_TAG: Record<DuesReductionRow['status'], ReactNode> = {
  pending: <Tag color="orange">待批准</Tag>, approved: <Tag color="green">已批准</Tag>, withdrawn: <Tag>已撤销</Tag>,
};

export function ReductionDialog({ row, onClose, onDone }: { row: DuesLedgerRow; onClose: () => void; onDone: () => void }) {
  const list = useAsync(() => listReductions(row.memberId), [row.memberId]);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const changed = () => { list.reload(); onDone(); };
  const manageable = list.data?.manageable ?? false;
  const submit = async (v: Values) => {
    const amountFen = parseYuanInput(v.amount);
    setBusy(true); setError(null);
    try {
      await addReduction(row.memberId, {
        fromMonth: v.fromMonth, toMonth: v.toMonth || null, amountFen: amountFen ?? 0,
        ...(v.approvedOn || v.approvalRef ? { approvedOn: v.approvedOn || null, approvalRef: v.approvalRef?.trim() || null } : {}),
      });
      form.resetFields();
      changed();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Modal open title={`少交或免交党费：${row.name}`} footer={null} onCancel={onClose} destroyOnHidden data-testid="dues-reduction-dialog">
      <Typography.Paragraph type="secondary">
        党员因经济困难等原因少交或免交党费，须经支部委员会研究，报上一级党委批准。登记后待批准；填写批准日期和批准文号后，自起始月份起按批准的金额计算（已交清和已结账的月份不变）。
      </Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <List size="small" bordered dataSource={list.data?.items ?? []} loading={list.loading} style={{ marginBottom: 16 }} data-testid="dues-reductions"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无少交或免交记录" /> }}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <span>{period(r)}，{amountText(r.amountFen)}</span>
                {STATUS_TAG[r.status]}
                {r.status !== 'withdrawn' && manageable && <WithdrawForm row={r} onDone={changed} />}
              </Space>
              {r.approvedOn && <div><small>{r.approvedOn}批准，{r.approvalRef}</small></div>}
              {r.withdrawnOn && <div><small>{r.withdrawnOn}撤销：{r.withdrawnReason}</small></div>}
              {r.status === 'pending' && manageable && <ApproveForm row={r} onDone={changed} />}
            </div>
          </List.Item>
        )} />
      {manageable && (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ fromMonth: row.month, amount: '0' }}>
          <Typography.Title level={5}>登记少交或免交</Typography.Title>
          <Space wrap>
            <Form.Item name="fromMonth" label="自何月起" rules={[{ required: true, message: '请选择月份' }]}><Input type="month" data-testid="dues-reduction-from" /></Form.Item>
            <Form.Item name="toMonth" label="至何月（可不填）"><Input type="month" data-testid="dues-reduction-to" /></Form.Item>
          </Space>
          <Form.Item name="amount" label="每月交纳金额（元，免交填0）" rules={[{ required: true, pattern: /^\d{1,7}(\.\d{1,2})?$/, message: '请填写金额（元），最多两位小数' }]}>
            <Input inputMode="decimal" style={{ maxWidth: 200 }} data-testid="dues-reduction-amount" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="approvedOn" label="批准日期（已批准时填写）"><Input type="date" /></Form.Item>
            <Form.Item name="approvalRef" label="批准文号"><Input style={{ width: 180 }} /></Form.Item>
          </Space>
          <ErrorAlert error={error} style={{ marginBottom: 12 }} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="dues-reduction-save">登记</Button>
        </Form>
      )}
    </Modal>
  );
}
