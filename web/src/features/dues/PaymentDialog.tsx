import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import type { DuesLedgerRow } from '../../../../src/contracts/dues';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { recordPayment } from './api';
import { parseYuanInput, yuanText } from './money';

/** 登记缴纳: amount in 元 (defaults to what is still owed) and the day paid. */
export function PaymentDialog({ row, onClose, onDone }: { row: DuesLedgerRow; onClose: () => void; onDone: () => void }) {
  const owed = Math.max(0, row.dueFen - row.paidFen);
  const [amount, setAmount] = useState(yuanText(owed || row.dueFen));
  const [paidOn, setPaidOn] = useState(new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const amountFen = parseYuanInput(amount);
    if (!amountFen) { setError(new ApiError(400, 'VALIDATION_FAILED', '金额应为大于0的数字，最多两位小数')); return; }
    setBusy(true);
    try {
      await recordPayment(row.id, { version: row.version, amountFen, paidOn });
      onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`登记党费缴纳：${row.name}（${row.month}）`} okText="登记" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={busy} okButtonProps={{ id: 'dues-pay-ok' }}>
      <p>应交 {yuanText(row.dueFen)} 元，已交 {yuanText(row.paidFen)} 元。{row.basis}</p>
      <Form layout="vertical">
        <Form.Item label="金额（元）"><Input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="dues-pay-amount" /></Form.Item>
        <Form.Item label="缴费日期"><Input type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} data-testid="dues-pay-date" /></Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
