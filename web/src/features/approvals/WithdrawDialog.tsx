import { Form, Input, Typography } from 'antd';
import type { ApprovalSummary } from '../../../../src/contracts/approval';
import { FormDialog } from '../orgs/ui';
import { withdrawApproval } from './api';

/**
 * 撤回申请, confirmed: the request ends as 已撤回 (never decided or resubmitted again); the record can
 * then be handled directly where the district allows it, or submitted afresh. Shared by the request
 * page and the record's 上级审批 card.
 */
export function WithdrawDialog({ request, open, onClose, onDone }: { request: Pick<ApprovalSummary, 'id' | 'version' | 'kindLabel'>; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormDialog<{ comment?: string }> title="撤回申请" open={open} onClose={onClose} onDone={onDone} onReload={onDone}
      intro={<Typography.Paragraph type="warning">确定撤回“{request.kindLabel}”的审批申请吗？撤回后该申请即结束，不能再审批或重新提交；如仍需办理，请重新提交审批。</Typography.Paragraph>}
      submit={async (v) => { await withdrawApproval(request.id, { version: request.version, comment: v.comment }); return '申请已撤回'; }}>
      <Form.Item name="comment" label="撤回原因"><Input.TextArea maxLength={500} rows={3} data-testid="approval-withdraw-comment" /></Form.Item>
    </FormDialog>
  );
}
