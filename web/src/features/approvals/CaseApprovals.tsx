import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Checkbox, Flex, Form, Input, Tag, Typography } from 'antd';
import type { ApprovalPage, ApprovalSubmit } from '../../../../src/contracts/approval';
import type { RecruitmentCase } from '../../../../src/contracts/recruitment';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { searchCommittees } from '../recruitment/api';
import { useAsync } from '../../ui/useAsync';
import { getApproval, listApprovals, submitApproval } from './api';
import { ApprovalTrail } from './ApprovalTrail';

type Kind = ApprovalSubmit['kind'];
const KINDS: Array<{ kind: Kind; label: string; stage: RecruitmentCase['stage']; ready: (c: RecruitmentCase) => boolean }> = [
  { kind: 'recruitment.candidate', label: '提交“列为发展对象”备案', stage: 'activist', ready: () => true },
  { kind: 'recruitment.admission', label: '提交“接收预备党员”审批', stage: 'candidate', ready: (c) => !!c.meeting },
  { kind: 'recruitment.confirm', label: '提交“转为正式党员”审批', stage: 'probationary', ready: () => true },
];

/** The record's requests for the case page: where the open one waits and every step; the buttons that submit the next. */
export const caseApprovals = (caseId: string) => listApprovals({ view: 'record', subjectTable: 'recruitment_case', subjectId: caseId }, null, 20);

export function CaseApprovals({ c, requests, onDone }: { c: RecruitmentCase; requests: ApprovalPage | undefined; onDone: () => void }) {
  const [kind, setKind] = useState<Kind | null>(null);
  const latest = requests?.items[0];
  const trail = useAsync(() => (latest ? getApproval(latest.id) : Promise.resolve(null)), [latest?.id, latest?.version]);
  const open = requests?.items.find((r) => r.state === 'pending' || r.state === 'returned');
  const offer = c.manageable && !open ? KINDS.filter((k) => k.stage === c.stage && k.ready(c)) : [];
  if (!latest && !offer.length) return null;
  return (
    <>
      <Card size="small" title="上级党委审批" style={{ marginBottom: 16 }} data-testid="case-approvals">
        {open && <Typography.Paragraph>
          <Tag color={open.state === 'pending' ? 'blue' : 'orange'} data-testid="case-approval-state">{open.stateLabel}</Tag>
          {open.kindLabel}：{open.waitingFor} <Link to={`/approvals/${open.id}`} data-testid="case-approval-link">查看审批</Link>
        </Typography.Paragraph>}
        {!open && latest && <Typography.Paragraph>最近一次：{latest.kindLabel}{latest.mode}{latest.stateLabel} <Link to={`/approvals/${latest.id}`}>查看审批</Link></Typography.Paragraph>}
        {offer.length > 0 && <Flex wrap gap={8}>{offer.map((k) => <Button key={k.kind} type="primary" ghost onClick={() => setKind(k.kind)} data-testid={`submit-${k.kind}`}>{k.label}</Button>)}</Flex>}
      </Card>
      {trail.data && <ApprovalTrail steps={trail.data.steps} title={`审批记录（${trail.data.kindLabel}）`} />}
      <FormDialog<Record<string, unknown>> title={KINDS.find((k) => k.kind === kind)?.label ?? ''} open={!!kind} onClose={() => setKind(null)} onDone={onDone} onReload={onDone}
        initialValues={kind === 'recruitment.candidate' ? { on: today() } : {}}
        submit={async (v) => {
          const { comment, ...payload } = v;
          await submitApproval({ kind: kind!, subjectId: c.id, version: c.version, payload, comment: (comment as string) || undefined });
          return '已提交审批';
        }}>
        {kind === 'recruitment.candidate' && <Form.Item name="on" label="支部委员会讨论同意列为发展对象的日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>}
        {kind === 'recruitment.admission' && <>
          <Form.Item name="approverOrgId" label="审批党委" extra="只有党委有权审批，党总支、党支部不能审批" rules={[{ required: true, message: '请选择审批党委' }]}>
            <RemoteSelect search={searchCommittees} placeholder="输入名称搜索" />
          </Form.Item>
          <Form.Item name="extended" valuePropName="checked"><Checkbox>因特殊情况延长审批时间</Checkbox></Form.Item>
        </>}
        {kind === 'recruitment.confirm' && <>
          <Form.Item name="meetingOn" label="讨论转正的支部大会日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
          <Form.Item name="on" label="转正日期（预备期满之日）" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
        </>}
        <Form.Item name="comment" label="提交说明"><Input.TextArea maxLength={500} rows={2} data-testid="approval-submit-comment" /></Form.Item>
      </FormDialog>
    </>
  );
}
