import { Form, Input, InputNumber, Radio } from 'antd';
import { RecordApprovals } from '../approvals/RecordApprovals';
import { searchReceivers } from './api';
import { RemoteSelect } from '../orgs/ui';

/**
 * 组织关系转出本区 on the member's page (docs/approvals.md): the letter's fields as the transfer form
 * takes them, submitted for the district's approval; the letter is issued when the last level agrees.
 * A letter within the district is still issued directly from 组织关系转接.
 */
export function TransferOutApproval({ member, canSubmit, onDone }: { member: { id: string; version: number }; canSubmit: boolean; onDone: () => void }) {
  return (
    <RecordApprovals subjectTable="party_member" subjectId={member.id} version={member.version} canSubmit={canSubmit} onDone={onDone} kinds={[{
      kind: 'memberTransfer.out', buttonLabel: '提交“组织关系转出本区”审批', initialValues: { target: 'inside', validDays: 90 },
      toPayload: (v) => ({
        validDays: v.validDays, note: v.note || undefined,
        ...(v.target === 'inside' ? { toOrgId: v.toOrgId } : { outsideOrg: v.outsideOrg, paperLetterNo: v.paperLetterNo || undefined }),
      }),
      fields: (form) => <>
        <Form.Item name="target" label="转往"><Radio.Group options={[{ value: 'inside', label: '外区的本系统党组织' }, { value: 'outside', label: '系统外（纸质介绍信）' }]} /></Form.Item>
        <Form.Item noStyle shouldUpdate>{() => form.getFieldValue('target') === 'outside' ? <>
          <Form.Item name="outsideOrg" label="接收单位" rules={[{ required: true, message: '请填写接收单位' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="paperLetterNo" label="纸质介绍信编号"><Input maxLength={60} /></Form.Item>
        </> : (
          <Form.Item name="toOrgId" label="接收党组织" extra="本区内的转接无需审批，请在“组织关系转接”中直接开具" rules={[{ required: true, message: '请选择接收党组织' }]}>
            <RemoteSelect id="toOrgId" search={searchReceivers} placeholder="输入党组织名称查找" />
          </Form.Item>
        )}</Form.Item>
        <Form.Item name="validDays" label="介绍信有效期（天）" rules={[{ required: true, message: '请填写有效期' }]}><InputNumber min={1} max={366} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="note" label="备注"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </>,
    }]} />
  );
}
