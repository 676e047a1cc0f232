import { useState } from 'react';
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { CorrectionValues } from '../../../../src/contracts/ledger-correction';
import { CORRECTABLE_FACT_LABEL } from '../../../../src/domain/ledger-corrections';
import { apiPost } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { EnterpriseDetail } from './types';

type Values = {
  employeeCount?: number | null; memberCount?: number | null; ownerProfile?: string | null; address?: string | null; sizeClass?: string | null;
  contactName?: string | null; contactPhone?: string; unionReported?: boolean | null; reason: string;
};

/**
 * 人工更正: an officer corrects ledger facts with a reason; the change is kept on the enterprise's
 * history (人工更正) and a later registration import leaves it alone until the source changes it.
 * Only fields the officer changed are sent; the phone is sent only when typed (it is shown masked).
 */
export function CorrectionDialog({ enterprise, onClose, onDone }: { enterprise: EnterpriseDetail; onClose(): void; onDone(e: EnterpriseDetail): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const initial: Values = {
    employeeCount: enterprise.employeeCount, memberCount: enterprise.memberCount, ownerProfile: enterprise.ownerProfile, address: enterprise.address,
    sizeClass: enterprise.sizeClass, contactName: enterprise.contactName ?? null, unionReported: enterprise.unionReported ?? null, reason: '',
  };
  const submit = async (v: Values) => {
    const values: CorrectionValues = {};
    for (const k of ['employeeCount', 'memberCount', 'ownerProfile', 'address', 'sizeClass', 'contactName', 'unionReported'] as const) {
      const now = v[k] === undefined || v[k] === '' ? null : v[k];
      if (now !== initial[k]) (values as Record<string, unknown>)[k] = now;
    }
    if (v.contactPhone) values.contactPhone = v.contactPhone;
    setBusy(true);
    setError(null);
    try {
      onDone(await apiPost<EnterpriseDetail>(`/api/enterprises/${enterprise.id}/corrections`, { version: enterprise.version, reason: v.reason, values }));
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const L = CORRECTABLE_FACT_LABEL;
  return (
    <Modal open title="更正台账信息" onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存更正" okButtonProps={{ 'data-testid': 'correction-ok' } as never}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="employeeCount" label={L.employeeCount}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="memberCount" label={L.memberCount}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="ownerProfile" label={L.ownerProfile}><Input maxLength={100} placeholder="如：党员、群众" /></Form.Item>
        <Form.Item name="sizeClass" label={L.sizeClass}><Select allowClear options={[['large', '大型'], ['medium', '中型'], ['small', '小型'], ['micro', '微型']].map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="address" label={L.address}><Input maxLength={500} /></Form.Item>
        <Form.Item name="contactName" label={L.contactName}><Input maxLength={50} /></Form.Item>
        <Form.Item name="contactPhone" label={L.contactPhone} extra={enterprise.contactPhone ? `现为 ${enterprise.contactPhone}，不改请留空` : undefined}><Input inputMode="tel" maxLength={20} /></Form.Item>
        <Form.Item name="unionReported" label={L.unionReported}><Radio.Group options={[{ value: true, label: '是' }, { value: false, label: '否' }]} /></Form.Item>
        <Form.Item name="reason" label="更正理由" rules={[{ required: true, whitespace: true, message: '请填写更正理由' }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="如：2026年11月实地走访核实" data-testid="correction-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
