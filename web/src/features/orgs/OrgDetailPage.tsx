import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Grid, Skeleton, Table, Tag, type DescriptionsProps, type TableProps } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { useAsync } from '../../ui/useAsync';
import {
  ORG_TYPE_LABEL, POSITION_LABEL, SETUP_MODE_LABEL, type Coverage, type PartyOrgDetail, type Position,
} from '../../../../src/contracts/party-org';
import { endOrgCoverage, endPosition, getOrg } from './api';
import { AddCoverageDialog, AppointDialog, DissolveDialog, EndIntervalDialog, OrgFormDialog, ReelectDialog } from './OrgForms';
import { FindingList, termTag } from './ui';
import { PartialNotice } from '../../ui/PartialNotice';
import { HistoryCard } from './HistoryCard';
import { OrgApprovals } from './OrgApprovals';
import { GroupsCard } from './GroupsCard';
import { RosterCard } from '../members/RosterCard';
import { RecruitmentOrgCard } from '../recruitment/RecruitmentLinks';
import { RosterSinceDialog } from './RosterSinceDialog';
import { MergeDialog } from './MergeDialog';
import { RecognitionCard } from '../standards/RecognitionCard';
import { OrgSupportCard, ReserveCandidatesCard } from '../training/SupportCards';

export { HISTORY_LABEL, historyItems } from './HistoryCard';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const interval = (since: string, until: string | null) => `${since} 至 ${until ?? '今'}`;

function basics(o: PartyOrgDetail): DescriptionsProps['items'] {
  return [
    { key: 'type', label: '组织类别', children: ORG_TYPE_LABEL[o.orgType] },
    { key: 'mode', label: '组建方式', children: <>{SETUP_MODE_LABEL[o.setupMode]}{o.temporary && <Tag style={{ marginLeft: 6 }}>临时</Tag>}</> },
    { key: 'parent', label: '上级组织', children: o.parentId ? <Link to={`/orgs/${o.parentId}`}>{o.parentName ?? o.parentId}</Link> : '—' },
    { key: 'region', label: '属地', children: <RegionName code={o.regionCode} /> },
    { key: 'founded', label: '成立日期', children: dash(o.foundedOn) },
    { key: 'term', label: '任期届满', children: <span data-testid="term-end">{termTag(o.termEndsOn, o.status)}</span> },
    {
      key: 'members', label: '正式/预备党员', children: <span data-testid="org-member-counts">{`${o.fullMembers} / ${o.probationaryMembers}`}{o.memberCountSource === 'typed'
        ? <Tag style={{ marginLeft: 6 }}>填报数</Tag> : <Tag color="blue" style={{ marginLeft: 6 }}>按党员名册</Tag>}</span>,
    },
    { key: 'rosterSince', label: '党员名册启用日期', children: <span data-testid="org-roster-since">{o.rosterSince ?? '未启用（人数为填报数）'}</span> },
    { key: 'building', label: '所在楼宇', children: dash(o.building) },
    { key: 'status', label: '状态', children: o.status === 'active' ? <Tag color="green">正常</Tag> : <Tag>已撤销（{o.dissolvedOn}）</Tag> },
  ];
}

type Dialog = 'adjust' | 'rosterSince' | 'reelect' | 'dissolve' | 'merge' | 'coverage' | 'appoint' | { coverage: Coverage } | { position: Position } | null;

export function OrgDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => getOrg(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const crumbs = [{ label: '党组织', to: '/orgs' }, { label: data?.name ?? '党组织详情' }];
  if (error) return <><PageHeader title="党组织详情" crumbs={crumbs} /><ErrorAlert error={error} /><Link to="/orgs">返回党组织列表</Link></>;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const manage = data.manageable && data.status === 'active';
  const close = () => setDialog(null);
  const common = { org: data, onClose: close, onDone: reload, onReload: reload };
  const coverageCols: TableProps<Coverage>['columns'] = [
    { title: '企业', dataIndex: 'enterpriseName', key: 'name', render: (n: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{n}</Link> },
    { title: '方式', dataIndex: 'mode', key: 'mode', responsive: ['sm'], render: (m: Coverage['mode']) => SETUP_MODE_LABEL[m] },
    { title: '覆盖期间', key: 'interval', render: (_: unknown, r) => interval(r.since, r.until) },
    ...(manage ? [{ title: '', key: 'end', render: (_: unknown, r: Coverage) => !r.until && <Button size="small" onClick={() => setDialog({ coverage: r })}>结束覆盖</Button> }] : []),
  ];
  const positionCols: TableProps<Position>['columns'] = [
    { title: '职务', dataIndex: 'position', key: 'position', render: (p: Position['position']) => POSITION_LABEL[p] },
    { title: '姓名', dataIndex: 'personName', key: 'personName' },
    { title: '任职期间', key: 'interval', render: (_: unknown, r) => interval(r.since, r.until) },
    ...(manage ? [{ title: '', key: 'end', render: (_: unknown, r: Position) => !r.until && <Button size="small" onClick={() => setDialog({ position: r })}>离任</Button> }] : []),
  ];
  const current = (rows: { until: string | null }[]) => rows.filter((r) => !r.until).length;
  return (
    <>
      <PageHeader title={data.name} crumbs={crumbs} extra={manage && <>
        <Button onClick={() => setDialog('adjust')}>调整</Button>
        <Button onClick={() => setDialog('rosterSince')} data-testid="org-roster-since-edit">党员名册启用日期</Button>
        <Button onClick={() => setDialog('reelect')}>登记换届</Button>
        <Button onClick={() => setDialog('merge')} data-testid="org-merge">合并到…</Button>
        <Button danger onClick={() => setDialog('dissolve')}>撤销</Button>
      </>} />
      <PartialNotice what="党组织" access={data.access} manageable={data.manageable} canManageKind={can('org.manage')}
        hidden={[{ count: data.hiddenCoverageCount, label: '家覆盖企业' }, { count: data.hiddenHistoryCount, label: '条历史记录' }]} />
      <Card title="基本情况" style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={screens.lg ? 3 : screens.sm ? 2 : 1} items={basics(data)} styles={{ label: { whiteSpace: 'nowrap' } }} />
      </Card>
      <Card title="提醒" style={{ marginBottom: 16 }}><FindingList findings={data.alerts} testId="org-alerts" /></Card>
      <Card title={`覆盖企业（现 ${current(data.coverage)} 家）`} style={{ marginBottom: 16 }} extra={manage && <Button size="small" type="primary" onClick={() => setDialog('coverage')}>增加</Button>}>
        <Table<Coverage> rowKey="id" size="small" columns={coverageCols} dataSource={data.coverage} pagination={false} scroll={{ x: 'max-content' }}
          data-testid="org-coverage" locale={{ emptyText: '暂无覆盖企业' }} />
      </Card>
      <Card title="班子成员" style={{ marginBottom: 16 }} extra={manage && <Button size="small" type="primary" onClick={() => setDialog('appoint')}>任职</Button>}>
        {data.secretaryVacant && data.status === 'active' && <Alert type="warning" showIcon title="书记空缺" style={{ marginBottom: 12 }} data-testid="secretary-vacant" />}
        <Table<Position> rowKey="id" size="small" columns={positionCols} dataSource={data.positions} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无任职记录' }} />
      </Card>
      <OrgApprovals org={data} canSubmit={manage} onDone={reload} />
      <RosterCard orgId={data.id} canAdd={manage} onChanged={reload} />
      {data.orgType === 'branch' && <GroupsCard orgId={data.id} />}
      <RecruitmentOrgCard orgId={data.id} />
      <Card size="small" title="组织生活" style={{ marginBottom: 16 }} extra={<Link to={`/orgs/${data.id}/life`} data-testid="org-life">查看年历、登记会议</Link>}>
        三会一课、主题党日、组织生活会等：各月应开、已开和缺开情况
      </Card>
      <Card size="small" title="年度党建工作报告" style={{ marginBottom: 16 }} extra={<span style={{ display: 'inline-flex', gap: 12, flexWrap: 'wrap' }}><Link to={`/orgs/${data.id}/annual-report`} data-testid="org-annual-report">本年度报告</Link><Link to={`/orgs/${data.id}/appraisal`} data-testid="org-appraisal">书记述职评议</Link></span>}>
        由党员、发展党员、组织生活、培训、党费和班子等记录预填，本组织补充工作亮点、存在问题和下年打算后提交街道审核
      </Card>
      <Card size="small" title="标准化建设" style={{ marginBottom: 16 }} extra={<Link to={`/orgs/${data.id}/standards`} data-testid="org-standards">自评和审核</Link>}>
        六有、七个有、双强六好：本年度自评、佐证和街道、区县审核情况
      </Card>
      <RecognitionCard orgId={data.id} />
      <ReserveCandidatesCard orgId={data.id} manage={!!manage} />
      <OrgSupportCard orgId={data.id} />
      <HistoryCard key={`${data.id}:${data.historyTotal}`} path={`/api/party-orgs/${data.id}`} history={data.history} total={data.historyTotal} testId="org-history" />
      <OrgFormDialog org={data} open={dialog === 'adjust'} onClose={close} onDone={reload} onReload={reload} />
      <ReelectDialog {...common} open={dialog === 'reelect'} />
      {dialog === 'rosterSince' && <RosterSinceDialog {...common} open />}
      <DissolveDialog {...common} open={dialog === 'dissolve'} />
      {dialog === 'merge' && <MergeDialog {...common} open />}
      <AddCoverageDialog {...common} open={dialog === 'coverage'} />
      <AppointDialog {...common} open={dialog === 'appoint'} />
      <EndIntervalDialog title="结束覆盖" open={typeof dialog === 'object' && dialog !== null && 'coverage' in dialog} onClose={close} onDone={reload}
        end={(v) => endOrgCoverage(data.id, (dialog as { coverage: Coverage }).coverage.id, v)} />
      <EndIntervalDialog title="离任" open={typeof dialog === 'object' && dialog !== null && 'position' in dialog} onClose={close} onDone={reload}
        end={(v) => endPosition(data.id, (dialog as { position: Position }).position.id, v)} />
    </>
  );
}
