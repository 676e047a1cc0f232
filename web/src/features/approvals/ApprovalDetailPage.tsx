import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Form, Input, Select, Skeleton, Steps, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { ApprovalDetail } from '../../../../src/contracts/approval';
import { DATE_RULE, FormDialog } from '../orgs/ui';
import { decideApproval, delegateApproval, getApproval, resubmitApproval } from './api';
import { WithdrawDialog } from './WithdrawDialog';
import { ApprovalTrail } from './ApprovalTrail';

type Dialog = 'approve' | 'return' | 'delegate' | 'resubmit' | 'withdraw' | null;

function stepsOf(a: ApprovalDetail) {
  const current = a.state === 'approved' ? a.levels.length : a.currentLevel;
  return a.levels.map((l) => ({
    title: l.label,
    status: (l.index < current ? 'finish' : l.index === current ? (a.state === 'returned' ? 'error' : 'process') : 'wait') as 'finish' | 'process' | 'error' | 'wait',
  }));
}

/** One request: what is asked, where it waits, every level's opinion; the decision for whoever holds the level. */
export function ApprovalDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => getApproval(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const crumbs = [{ label: '审批', to: '/approvals' }, { label: data?.subjectLabel ?? '审批申请' }];
  if (error) return <><PageHeader title="审批申请" crumbs={crumbs} /><ErrorAlert error={error} /></>;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const close = () => setDialog(null);
  // A checklist's levels mark every item, on the checklist's own page; it is resubmitted there too (提交审核).
  const marked = data.kind === 'standards.review';
  return (
    <>
      <PageHeader title={data.subjectLabel} crumbs={crumbs} extra={<Tag color={data.state === 'approved' ? 'green' : data.state === 'returned' ? 'orange' : data.state === 'withdrawn' ? 'default' : 'blue'} data-testid="approval-state">{data.stateLabel}</Tag>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" items={stepsOf(data)} data-testid="approval-steps" style={{ marginBottom: 16 }} />
        <Typography.Paragraph data-testid="approval-waiting"><Typography.Text strong>当前环节：</Typography.Text>{data.waitingFor}
          {data.deputy && <Typography.Text type="secondary">（已委托{data.deputy.name}代审至{data.deputy.until}）</Typography.Text>}</Typography.Paragraph>
        {data.cannotDecide && <Typography.Paragraph type="secondary">{data.cannotDecide}</Typography.Paragraph>}
        <Flex wrap gap={8}>
          {data.canDecide && !marked && <Button type="primary" onClick={() => setDialog('approve')} data-testid="approval-approve">同意</Button>}
          {data.canDecide && !marked && <Button danger onClick={() => setDialog('return')} data-testid="approval-return">退回修改</Button>}
          {data.canDecide && marked && <Link to={data.href}><Button type="primary" data-testid="approval-mark">逐项打分审核</Button></Link>}
          {data.canDecide && data.deputyCandidates.length > 0 && <Button onClick={() => setDialog('delegate')} data-testid="approval-delegate">委托代审</Button>}
          {data.canResubmit && !marked && <Button type="primary" onClick={() => setDialog('resubmit')} data-testid="approval-resubmit">重新提交</Button>}
          {data.canWithdraw && <Button danger onClick={() => setDialog('withdraw')} data-testid="approval-withdraw">撤回申请</Button>}
          <Link to={data.href}><Button data-testid="approval-record">查看记录</Button></Link>
        </Flex>
      </Card>
      <Card title="申请内容" size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={1} items={[
          { key: 'kind', label: '事项', children: `${data.kindLabel}（${data.mode}）` },
          { key: 'org', label: '所在党组织', children: <Link to={`/orgs/${data.orgId}`}>{data.orgName}</Link> },
          { key: 'by', label: '申请人', children: data.requester },
          ...data.asked.map((x, i) => ({ key: `a${i}`, label: x.label, children: x.value })),
          { key: 'source', label: '依据', children: data.source },
        ]} />
      </Card>
      <ApprovalTrail steps={data.steps} />
      <FormDialog<{ comment?: string }> title={dialog === 'return' ? '退回修改' : '同意'} open={dialog === 'approve' || dialog === 'return'} onClose={close} onDone={reload} onReload={reload}
        submit={async (v) => { await decideApproval(id, { version: data.version, decision: dialog === 'return' ? 'return' : 'approve', comment: v.comment }); return dialog === 'return' ? '已退回申请人' : '已同意'; }}>
        <Form.Item name="comment" label="审批意见" rules={dialog === 'return' ? [{ required: true, message: '退回时请填写意见' }] : []}>
          <Input.TextArea maxLength={500} rows={3} data-testid="approval-comment" />
        </Form.Item>
      </FormDialog>
      <FormDialog<{ deputyUserId: string; until: string; comment?: string }> title="委托代审" open={dialog === 'delegate'} onClose={close} onDone={reload} onReload={reload}
        submit={async (v) => { await delegateApproval(id, { version: data.version, ...v }); return '已委托'; }}>
        <Form.Item name="deputyUserId" label="代审人（同一辖区同一层级）" rules={[{ required: true, message: '请选择代审人' }]}>
          <Select options={data.deputyCandidates.map((c) => ({ value: c.userId, label: c.name }))} />
        </Form.Item>
        <Form.Item name="until" label="委托截止日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
        <Form.Item name="comment" label="说明"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </FormDialog>
      <WithdrawDialog request={data} open={dialog === 'withdraw'} onClose={close} onDone={reload} />
      <FormDialog<{ comment?: string }> title="重新提交审批" open={dialog === 'resubmit'} onClose={close} onDone={reload} onReload={reload}
        intro={<Typography.Paragraph type="secondary">请先按退回意见修改发展党员记录，重新提交后从第一级重新审批。</Typography.Paragraph>}
        submit={async (v) => { await resubmitApproval(id, { version: data.version, comment: v.comment }); return '已重新提交'; }}>
        <Form.Item name="comment" label="修改说明"><Input.TextArea maxLength={500} rows={3} data-testid="approval-resubmit-comment" /></Form.Item>
      </FormDialog>
    </>
  );
}
