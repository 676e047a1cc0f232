import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Flex, Form, Input, Tag, Typography, type FormInstance } from 'antd';
import type { ApprovalSubmit } from '../../../../src/contracts/approval';
import type { ApprovalSubjectTable } from '../../../../src/domain/approval';
import { FormDialog } from '../orgs/ui';
import { useAsync } from '../../ui/useAsync';
import { getApproval, listApprovals, submitApproval } from './api';
import { ApprovalTrail } from './ApprovalTrail';
import { WithdrawDialog } from './WithdrawDialog';

type Values = Record<string, unknown>;
/** One kind the record's page submits: its button and the module's own form fields. */
export type SubmitKind = {
  kind: ApprovalSubmit['kind']; buttonLabel: string;
  fields: (form: FormInstance<Values>) => ReactNode; toPayload?: (v: Values) => Values; initialValues?: Values;
};

/**
 * A record's 上级审批 on its own page (a member's 组织关系转出本区, an organisation's 成立下级 and 撤销):
 * where the open request waits, the submit buttons while none is open, and the latest request's
 * steps, and 撤回申请 for whoever may take the open one back. The form's fields are the module's own; `toPayload` turns them into what its service takes.
 */
export function RecordApprovals({ subjectTable, subjectId, version, canSubmit, kinds, onDone }: {
  subjectTable: ApprovalSubjectTable; subjectId: string; version: number; canSubmit: boolean; kinds: SubmitKind[]; onDone: () => void;
}) {
  const [chosen, setChosen] = useState<SubmitKind | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const requests = useAsync(() => listApprovals({ view: 'record', subjectTable, subjectId }, null, 20), [subjectId, version]);
  const latest = requests.data?.items[0];
  const trail = useAsync(() => (latest ? getApproval(latest.id) : Promise.resolve(null)), [latest?.id, latest?.version]);
  const waiting = requests.data?.items.find((r) => r.state === 'pending' || r.state === 'returned');
  const offer = canSubmit && !waiting && requests.data !== undefined;
  if (!latest && !offer) return null;
  const done = () => { requests.reload(); onDone(); };
  return (
    <>
      <Card size="small" title="上级审批" style={{ marginBottom: 16 }} data-testid="record-approvals">
        {waiting && <Typography.Paragraph>
          <Tag color={waiting.state === 'pending' ? 'blue' : 'orange'}>{waiting.stateLabel}</Tag>
          {waiting.kindLabel}：{waiting.waitingFor} <Link to={`/approvals/${waiting.id}`}>查看审批</Link>
          {/* The request read in full says whether the reader may take it back (the requester, or its managers once the requester no longer is). */}
          {trail.data?.id === waiting.id && trail.data.canWithdraw && <Button size="small" danger type="link" onClick={() => setWithdrawing(true)} data-testid="record-approval-withdraw">撤回申请</Button>}
        </Typography.Paragraph>}
        {!waiting && latest && <Typography.Paragraph>最近一次：{latest.kindLabel}{latest.mode}{latest.stateLabel} <Link to={`/approvals/${latest.id}`}>查看审批</Link></Typography.Paragraph>}
        {offer && <Flex wrap gap={8}>{kinds.map((k) => (
          <Button key={k.kind} type="primary" ghost onClick={() => setChosen(k)} data-testid={`submit-${k.kind}`}>{k.buttonLabel}</Button>
        ))}</Flex>}
      </Card>
      {withdrawing && trail.data && <WithdrawDialog request={trail.data} open onClose={() => setWithdrawing(false)} onDone={() => { setWithdrawing(false); done(); }} />}
      {trail.data && <ApprovalTrail steps={trail.data.steps} title={`审批记录（${trail.data.kindLabel}）`} />}
      {chosen && <FormDialog<Values> title={chosen.buttonLabel} open onClose={() => setChosen(null)} onDone={done} onReload={done} initialValues={chosen.initialValues}
        submit={async (v) => {
          const { comment, ...rest } = v;
          await submitApproval({ kind: chosen.kind, subjectId, version, payload: (chosen.toPayload ?? ((x) => x))(rest), comment: (comment as string) || undefined });
          return '已提交审批';
        }}>
        {(form) => <>
          {chosen.fields(form)}
          <Form.Item name="comment" label="提交说明"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        </>}
      </FormDialog>}
    </>
  );
}
