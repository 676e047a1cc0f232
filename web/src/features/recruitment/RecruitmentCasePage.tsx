import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Grid, Skeleton, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { FindingDto } from '../../../../src/contracts/coverage';
import type { RecruitmentCase } from '../../../../src/contracts/recruitment';
import {
  CASE_STAGE_LABELS, NOTICE_STAGE_LABELS, RECRUITMENT_STEP_LABELS, RECRUITMENT_STEPS, REVIEW_RESULT_LABELS, STEP_STAGES, type RecruitmentStep,
} from '../../../../src/domain/recruitment';
import { FindingList } from '../orgs/ui';
import { CaseApprovals, caseApprovals } from '../approvals/CaseApprovals';
import { getCase } from './api';
import { StepDialog } from './StepDialog';

const dash = (v: string | null | undefined) => v || '—';
const names = (l: { name: string }[]) => (l.length ? l.map((p) => p.name).join('、') : '—');

const meeting = (m: { heldOn: string; voting: number; present: number; yes: number } | null) =>
  (m ? `（支部大会${m.heldOn}：应到${m.voting}人，实到${m.present}人，赞成${m.yes}人）` : '');

/** The steps in the 细则's order, each with its day (or blank while not taken). */
function steps(c: RecruitmentCase): Array<{ label: string; on: string | null; detail?: string; done?: boolean }> {
  return [
    { label: '提出入党申请', on: c.appliedOn },
    { label: '派人谈话', on: c.talkedOn, detail: c.talkerName ? `谈话人：${c.talkerName}` : undefined },
    { label: '确定为入党积极分子', on: c.activistOn, detail: c.mentors.length ? `培养联系人：${names(c.mentors)}` : undefined },
    { label: '列为发展对象', on: c.candidateOn },
    { label: '政治审查', on: c.reviewOn, detail: c.reviewResult ? REVIEW_RESULT_LABELS[c.reviewResult] : undefined },
    { label: '短期集中培训', on: c.training?.completedOn ?? null, detail: c.training ? `${c.training.days ?? 0}天、${c.training.hours ?? 0}学时` : undefined },
    ...(['candidate', 'probationary'] as const).map((s) => ({ label: NOTICE_STAGE_LABELS[s], on: c.notices[s]?.from ?? null, detail: c.notices[s] ? `至${c.notices[s]!.to}` : undefined })),
    { label: '入党介绍人', on: null, detail: c.sponsors.length ? names(c.sponsors) : undefined, done: c.sponsors.length > 0 },
    { label: '支部大会讨论接收', on: c.meeting?.heldOn ?? null, detail: c.meeting ? `应到${c.meeting.voting}人，实到${c.meeting.present}人，赞成${c.meeting.yes}人` : undefined },
    { label: '上级党委审批', on: c.approval?.approvedOn ?? null, detail: c.approval ? `${c.approval.approverOrgName}${c.approval.extended ? '（延长审批）' : ''}` : undefined },
    ...(c.extension ? [{ label: '延长预备期', on: c.extension.decidedOn, detail: `${c.extension.months}个月${meeting(c.extension.meeting)}${c.extension.reason ? `；原因：${c.extension.reason}` : ''}` }] : []),
    ...(c.cancellation ? [{ label: '取消预备党员资格', on: c.cancellation.on, detail: `${meeting(c.cancellation.meeting)}；原因：${c.cancellation.reason}` }] : []),
    { label: '预备期满', on: c.probationEndsOn },
    { label: '转为正式党员', on: c.fullOn, detail: c.fullMeetingOn ? `支部大会${c.fullMeetingOn}，上级党委批准${c.fullApprovedOn ?? ''}` : undefined },
  ];
}

function facts(c: RecruitmentCase): DescriptionsProps['items'] {
  return [
    { key: 'stage', label: '当前阶段', children: <span data-testid="case-stage">{CASE_STAGE_LABELS[c.stage]}</span> },
    { key: 'org', label: '所在党组织', children: <Link to={`/orgs/${c.orgId}`}>{c.orgName}</Link> },
    { key: 'id', label: '身份证号码', children: dash(c.idNumber) },
    ...(c.memberId ? [{ key: 'member', label: '党员名册', children: <Link to={`/members/${c.memberId}`} data-testid="case-member">查看党员信息</Link> }] : []),
    ...(c.leavingOn ? [{ key: 'leaving', label: '预计离开工作单位', children: c.leavingOn }] : []),
    ...(c.closedReason ? [{ key: 'closed', label: c.cancellation ? '取消预备党员资格原因' : '终止原因', children: `${c.closedOn}：${c.closedReason}` }] : []),
  ];
}

const allowed = (c: RecruitmentCase, s: RecruitmentStep) => (s === 'notice' ? ['candidate', 'probationary'].includes(c.stage) : STEP_STAGES[s].includes(c.stage));
const MAIN: RecruitmentStep[] = ['activist', 'candidate', 'meeting', 'approve', 'confirm'];

/** One applicant's path: the timeline, the findings (with their sources, in Chinese), and the forms of the next steps. */
export function RecruitmentCasePage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload: reloadCase } = useAsync(() => getCase(id), [id]);
  const approvals = useAsync(() => caseApprovals(id), [id]);
  const reload = () => { reloadCase(); approvals.reload(); };
  // While a higher committee's decision is awaited (审批中) the case is not changed (docs/approvals.md).
  const awaiting = !!approvals.data?.items.some((r) => r.state === 'pending');
  const [step, setStep] = useState<RecruitmentStep | null>(null);
  const screens = Grid.useBreakpoint();
  const crumbs = [{ label: '发展党员', to: '/recruitment' }, { label: data?.name ?? '发展党员' }];
  if (error) return <><PageHeader title="发展党员" crumbs={crumbs} /><ErrorAlert error={error} /><Link to="/recruitment">返回发展党员</Link></>;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const open = data.manageable && !awaiting ? RECRUITMENT_STEPS.filter((s) => allowed(data, s) && !(s === 'meeting' && data.meeting) && !(s === 'approve' && !data.meeting)) : [];
  return (
    <>
      <PageHeader title={data.name} crumbs={crumbs} extra={<>{awaiting && <Tag color="blue">审批中</Tag>}<Tag color="red">{CASE_STAGE_LABELS[data.stage]}</Tag></>} />
      {!data.manageable && <Typography.Paragraph type="secondary">该记录由其他单位管理，您只能查看。</Typography.Paragraph>}
      {open.length > 0 && (
        <Card size="small" title="登记下一步" style={{ marginBottom: 16 }}>
          <Flex wrap gap={8}>
            {open.map((s) => <Button key={s} type={MAIN.includes(s) ? 'primary' : 'default'} onClick={() => setStep(s)} data-testid={`step-${s}-open`}>{RECRUITMENT_STEP_LABELS[s]}</Button>)}
          </Flex>
        </Card>
      )}
      <CaseApprovals c={data} requests={approvals.data} onDone={reload} />
      <Card title="提醒" size="small" style={{ marginBottom: 16 }}>
        <FindingList findings={data.findings as unknown as FindingDto[]} empty="时间节点符合规定，暂无提醒" testId="case-findings" />
      </Card>
      <Card title="基本情况" size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={screens.lg ? 3 : screens.sm ? 2 : 1} items={facts(data)} styles={{ label: { whiteSpace: 'nowrap' } }} />
      </Card>
      <Card title="发展历程" size="small">
        <Timeline data-testid="case-timeline" items={steps(data).map((s) => ({
          color: s.on || s.done ? 'green' : 'gray',
          children: <><Typography.Text strong={!!s.on || s.done} type={s.on || s.done ? undefined : 'secondary'}>{s.label}</Typography.Text> {s.on && <span>{s.on}</span>}
            {s.detail && <div><Typography.Text type="secondary">{s.detail}</Typography.Text></div>}</>,
        }))} />
      </Card>
      <StepDialog c={data} step={step} onClose={() => setStep(null)} onDone={reload} />
    </>
  );
}
