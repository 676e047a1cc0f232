import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Grid, Skeleton, Tag, type DescriptionsProps } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { PartialNotice } from '../../ui/PartialNotice';
import { useAsync } from '../../ui/useAsync';
import type { MemberDetail } from '../../../../src/contracts/member';
import { getMember, revealPerson } from './api';
import { MEMBER_CATEGORY_LABELS, MEMBER_LEFT_REASON_LABELS, MEMBER_STATUS_LABELS, STATUS_COLOR } from './labels';
import { ConfirmMemberDialog, EditMemberDialog, MemberStatusDialog } from './MemberForms';
import { MemberTimeline } from './MemberTimeline';
import { MobileReportDialog, MobilityDialog, StatusFindingsCard } from '../transfers/MobilityDialog';
import { TransferOutApproval } from '../transfers/TransferOutApproval';
import { RecruitmentPersonCard } from '../recruitment/RecruitmentLinks';
import { AppraisalHistoryCard } from '../annual-report/AppraisalHistoryCard';

const dash = (v: string | null | undefined) => v || '—';
const GENDER = { male: '男', female: '女' } as const;

function facts(m: MemberDetail, idNumber: string | null, birthDate: string | null): DescriptionsProps['items'] {
  return [
    { key: 'gender', label: '性别', children: m.gender ? GENDER[m.gender] : '—' },
    { key: 'id', label: '身份证号码', children: <span data-testid="member-id-number">{dash(idNumber)}</span> },
    ...(birthDate ? [{ key: 'birth', label: '出生日期', children: birthDate }] : []),
    { key: 'ethnicity', label: '民族', children: dash(m.ethnicity) },
    { key: 'education', label: '学历', children: dash(m.education) },
    { key: 'org', label: '所在党组织', children: m.orgId ? <Link to={`/orgs/${m.orgId}`}>{m.orgName}</Link> : '其他单位' },
    { key: 'category', label: '党员类别', children: <span data-testid="member-category">{MEMBER_CATEGORY_LABELS[m.category]}</span> },
    { key: 'joined', label: '入党日期', children: dash(m.joinedOn) },
    { key: 'confirmed', label: '转正日期', children: dash(m.confirmedOn) },
    {
      key: 'status', label: '状态', children: <>
        <Tag color={STATUS_COLOR[m.status]} data-testid="member-status">{MEMBER_STATUS_LABELS[m.status]}</Tag>
        {m.statusSince && `自 ${m.statusSince}`}{m.leftReason && `（${MEMBER_LEFT_REASON_LABELS[m.leftReason]}）`}
      </>,
    },
    ...(m.mobility ? [{
      key: 'mobility', label: '流动情况', children: <span data-testid="member-mobility-facts">{[m.mobility.cardNo && `活动证 ${m.mobility.cardNo}`,
        m.mobility.orgName && `流入地党组织 ${m.mobility.orgName}`, m.mobility.place ? `外出地点 ${m.mobility.place}` : '外出地点不固定'].filter(Boolean).join('；')}</span>,
    }] : []),
    { key: 'employer', label: '工作单位', children: m.enterpriseId ? <Link to={`/enterprises/${m.enterpriseId}`}>{m.enterpriseName}</Link> : dash(m.employerName) },
    { key: 'post', label: '工作岗位', children: dash(m.post) },
  ];
}

type Dialog = 'edit' | 'confirm' | 'status' | 'mobility' | 'report' | null;

/** A member's page: the record (masked; the full ID number through the audited reveal), the actions, the history. */
export function MemberDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => getMember(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [revealed, setRevealed] = useState<{ idNumber: string | null; birthDate: string | null } | null>(null);
  const [reloads, setReloads] = useState(0);
  const { can } = useAuth();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const crumbs = [{ label: '党员名册', to: '/members' }, { label: data?.name ?? '党员' }];
  if (error) return <><PageHeader title="党员" crumbs={crumbs} /><ErrorAlert error={error} /><Link to="/members">返回党员名册</Link></>;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const manage = data.manageable && data.status !== 'left';
  const done = () => { reload(); setReloads((n) => n + 1); };
  const common = { member: data, onClose: () => setDialog(null), onDone: done, onReload: done };
  const reveal = () => revealPerson(data.personId).then((p) => setRevealed({ idNumber: p.idNumber, birthDate: p.birthDate }), (e: unknown) => message.error(errorMessage(e)));
  return (
    <>
      <PageHeader title={data.name} crumbs={crumbs} extra={<>
        {can('pii.view') && !revealed && data.idNumber && <Button onClick={reveal} data-testid="member-reveal">查看完整身份证号</Button>}
        {manage && <Button onClick={() => setDialog('edit')} data-testid="member-edit">修改</Button>}
        {manage && data.category === 'probationary' && <Button type="primary" onClick={() => setDialog('confirm')} data-testid="member-confirm">转正</Button>}
        {manage && data.status !== 'suspended' && <Button onClick={() => setDialog('mobility')} data-testid="member-mobility">流动/失联登记</Button>}
        {manage && data.status === 'mobile' && <Button onClick={() => setDialog('report')} data-testid="member-mobile-report">登记汇报</Button>}
        {manage && <Button onClick={() => setDialog('status')} data-testid="member-status-change">变更状态</Button>}
      </>} />
      <PartialNotice what="党员" access={data.access} manageable={data.manageable} canManageKind={can('org.manage')} hidden={[]} />
      <Card title="基本情况" style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={screens.lg ? 3 : screens.sm ? 2 : 1} items={facts(data, revealed?.idNumber ?? data.idNumber, revealed?.birthDate ?? null)}
          styles={{ label: { whiteSpace: 'nowrap' } }} />
      </Card>
      <StatusFindingsCard memberId={data.id} reloadKey={reloads} />
      <TransferOutApproval member={data} canSubmit={manage} onDone={done} />
      <RecruitmentPersonCard personId={data.personId} />
      <Card size="small" title="培训" style={{ marginBottom: 16 }} extra={<Link to={`/training/people/${data.personId}`} data-testid="member-training">培训记录和学时</Link>}>
        各年参加培训的班次和认定学时
      </Card>
      <AppraisalHistoryCard personId={data.personId} />
      <MemberTimeline memberId={data.id} reloadKey={reloads} />
      <EditMemberDialog {...common} open={dialog === 'edit'} />
      <ConfirmMemberDialog {...common} open={dialog === 'confirm'} />
      <MemberStatusDialog {...common} open={dialog === 'status'} />
      {dialog === 'mobility' && <MobilityDialog {...common} open />}
      {dialog === 'report' && <MobileReportDialog {...common} open />}
    </>
  );
}
