import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Spin, Typography } from 'antd';
import type { Declaration } from '../../../../src/contracts/member-transfer';
import { DECLARATION_STATUS_LABELS } from '../../../../src/domain/member-transfer';
import { RecordApprovals } from '../approvals/RecordApprovals';
import { searchOrgs } from '../members/api';
import { DATE_RULE, FormDialog, RemoteSelect } from '../orgs/ui';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { confirmDeclaration, getDeclaration } from './api';

const intro = (d: Declaration) => `已在党员名册中的，确认后记为在 ${d.enterpriseName} 工作。尚未在册的，可选择本街道接收其组织关系的党组织登记入册；`
  + `不选择则只记录其申报的党组织（${d.namedOrg}）。`;

/** The confirmation's own fields: the organisation to register in, the joining date (the confirm form's and the request's). */
const fields = <>
  <Form.Item name="orgId" label="登记入册的党组织（可不选）"><RemoteSelect id="orgId" search={searchOrgs} /></Form.Item>
  <Form.Item name="joinedOn" label="入党日期（登记入册时填写）" rules={[{ ...DATE_RULE, required: false }]}><Input placeholder="例如 2015-07-01" /></Form.Item>
</>;
type Values = { orgId?: string; joinedOn?: string };
const payloadOf = (v: Values) => ({ orgId: v.orgId || undefined, joinedOn: v.joinedOn || undefined });

/**
 * 确认亮身份申报 (docs/approvals.md, docs/member-transfers.md). Where the enterprise's area configured a
 * flow for 党员亮身份申报确认, the confirmation is submitted for approval — the 上级审批 card shows where
 * the request waits and its steps — and the direct confirmation stays only where the flow is not
 * 必经线上审批 and no request is open (an approval given on paper). Where no flow is configured the
 * direct form opens as before. `initial`: the list's row, shown at once; read afresh after a submission
 * (and for a link with the id alone).
 */
export function DeclarationConfirm({ id, initial, onClose, onDone }: { id: string; initial?: Declaration; onClose: () => void; onDone: () => void }) {
  const [tick, setTick] = useState(0);
  const cur = useAsync(() => (initial && tick === 0 ? Promise.resolve(initial) : getDeclaration(id)), [id, tick]);
  const [direct, setDirect] = useState(false);
  const d = cur.data ?? (tick === 0 ? initial : undefined);
  if (!d) return <Modal open title="亮身份申报" onCancel={onClose} footer={null}>{cur.loading ? <Spin /> : <ErrorAlert error={cur.error} />}</Modal>;
  const done = () => { setTick((n) => n + 1); onDone(); };
  const viaApproval = d.approval.flow !== 'default' || d.approval.open !== null;
  if (d.canDecide && (direct || !viaApproval)) {
    return (
      <FormDialog<Values> open title={`确认 ${d.name} 的亮身份申报`} onClose={onClose} onDone={onDone} onReload={done} intro={<p>{intro(d)}</p>}
        submit={async (v) => { await confirmDeclaration(d, payloadOf(v)); return '已确认'; }}>
        {fields}
      </FormDialog>
    );
  }
  return (
    <Modal open title={`${d.name} 的亮身份申报`} onCancel={onClose} footer={null} width={640} data-testid="declaration-confirm-screen">
      <Typography.Paragraph>{d.enterpriseName}，{d.namedOrg}：{DECLARATION_STATUS_LABELS[d.status]}{d.reason ? `（${d.reason}）` : ''}</Typography.Paragraph>
      {d.canDecide && <Typography.Paragraph type="secondary">{intro(d)}</Typography.Paragraph>}
      {d.canDecide && d.approval.flow === 'required' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本辖区规定亮身份申报确认须经线上审批，最后一级审批同意后自动确认" />}
      <RecordApprovals subjectTable="member_declaration" subjectId={d.id} version={d.version} canSubmit={d.canDecide} onDone={done} kinds={[{
        kind: 'member.declaration', buttonLabel: '提交“党员亮身份申报确认”审批', toPayload: (v) => payloadOf(v as Values), fields: () => fields,
      }]} />
      {d.canDecide && d.approval.flow === 'configured' && !d.approval.open && (
        <Button onClick={() => setDirect(true)} data-testid="declaration-confirm-direct">直接确认（已线下审批）</Button>
      )}
    </Modal>
  );
}
