import { Form, Input } from 'antd';
import { RecordApprovals } from '../approvals/RecordApprovals';

/**
 * 撤销党组织 on the organisation's page (docs/approvals.md): the reason, submitted for the higher
 * organisations' approval; the organisation is dissolved on the day the last level agrees, once its
 * members have been transferred. 撤销 directly stays for recording a paper approval where the
 * district does not require the online one.
 */
export function DissolveApproval({ org, canSubmit, onDone }: { org: { id: string; version: number }; canSubmit: boolean; onDone: () => void }) {
  return (
    <RecordApprovals subjectTable="party_org" subjectId={org.id} version={org.version} canSubmit={canSubmit} kind="org.dissolution"
      buttonLabel="提交“撤销党组织”审批" onDone={onDone}
      fields={() => <Form.Item name="reason" label="撤销原因" extra="撤销日期为上级批准之日" rules={[{ required: true, message: '请填写撤销原因' }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>} />
  );
}
