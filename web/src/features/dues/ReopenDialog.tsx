import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { reopenDuesMonth } from './api';

/**
 * 重新开账: a closed month opened again, with the reason (kept on the month and in the audit). The next
 * computation may change the unpaid amounts again; payments already recorded stay.
 */
export function ReopenDialog({ month, orgId, onClose, onDone }: { month: string; orgId: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true); setError(null);
    try { await reopenDuesMonth(month, orgId, v.reason.trim()); onDone(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Modal open title={`重新开账：${month}党费`} okText="重新开账" cancelText="取消" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose}
      destroyOnHidden okButtonProps={{ id: 'dues-reopen-ok' }}>
      <Typography.Paragraph type="secondary">重新开账后，本月未交清党员的应交金额将在下次计算时按最新的交纳基数和少交免交重新计算；已登记的缴纳不变。请写明原因，原因记入操作日志。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="重新开账原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 200, message: '不超过200字' }]}>
          <Input.TextArea rows={2} data-testid="dues-reopen-reason" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
