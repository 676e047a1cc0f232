import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Grid, Skeleton, Table, Tag, type DescriptionsProps, type TableProps } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { UNION_KIND_LABEL, type Contract, type UnionCoverage, type UnionDetail } from '../../../../src/contracts/union';
import { EndIntervalDialog } from '../orgs/OrgForms';
import { HistoryCard } from '../orgs/HistoryCard';
import { FindingList, termTag, today } from '../orgs/ui';
import { endUnionCoverage, getUnion } from './api';
import { ContractDialog, UnionCoverageDialog, UnionDissolveDialog, UnionFormDialog } from './UnionForms';
import { PartialNotice } from '../../ui/PartialNotice';
import { BargainingCard } from './BargainingCard';
import { UnionJoinCard } from './UnionJoinCard';
import { MediationCommitteeCard } from './MediationCommitteeCard';
import { UnionMembersCard } from './UnionMembersCard';
import { UnionCommitteeCard } from './UnionCommitteeCard';
import { UnionCongressCard } from './UnionCongressCard';
import { UnionServicesCard } from './UnionServicesCard';

const yes = (b: boolean) => (b ? <Tag color="green">已建立</Tag> : <Tag>未建立</Tag>);

function facts(u: UnionDetail): DescriptionsProps['items'] {
  return [
    { key: 'kind', label: '类别', children: UNION_KIND_LABEL[u.kind] },
    { key: 'members', label: '会员数', children: u.members },
    { key: 'female', label: '女会员数', children: u.femaleMembers },
    { key: 'committee', label: '工会委员会', children: u.hasCommittee ? yes(true) : <>{yes(false)}{u.organiserPersonId ? '（已选组织员）' : ''}</> },
    { key: 'women', label: '女职工委员会', children: <>{yes(u.hasWomenCommittee)}{u.womenCommitteeMember && <Tag color="blue">设女职工委员</Tag>}</> },
    { key: 'founded', label: '成立日期', children: u.foundedOn ?? '—' },
    { key: 'term', label: '任期届满', children: termTag(u.termEndsOn, u.status) },
    { key: 'funds', label: '经费计拨依据', children: u.fundsBasis ?? '—' },
    { key: 'status', label: '状态', children: u.status === 'active' ? <Tag color="green">正常</Tag> : <Tag>已撤销（{u.dissolvedOn}）</Tag> },
  ];
}

function expiryTag(endsOn: string) {
  const t = today();
  const soon = new Date(Date.parse(t) + 90 * 86400_000).toISOString().slice(0, 10);
  if (endsOn < t) return <Tag color="red">已到期</Tag>;
  if (endsOn <= soon) return <Tag color="orange">即将到期</Tag>;
  return <Tag color="green">有效</Tag>;
}

const contractCols: TableProps<Contract>['columns'] = [
  { title: '类别', dataIndex: 'kind', key: 'kind', render: (k: Contract['kind']) => (k === 'wage' ? '工资专项集体合同' : '集体合同') },
  { title: '期限', key: 'term', render: (_: unknown, c) => <>{c.startsOn} 至 {c.endsOn} {expiryTag(c.endsOn)}</> },
  { title: '签订', dataIndex: 'signedOn', key: 'signedOn', responsive: ['md'] },
  { title: '报送审查', dataIndex: 'filedOn', key: 'filedOn', responsive: ['md'], render: (d: string | null) => d ?? '—' },
];

type Dialog = 'edit' | 'dissolve' | 'coverage' | 'contract' | { end: UnionCoverage } | null;

export function UnionDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => getUnion(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const crumbs = [{ label: '工会', to: '/unions' }, { label: data?.name ?? '工会详情' }];
  if (error) return <><PageHeader title="工会详情" crumbs={crumbs} /><ErrorAlert error={error} /><Link to="/unions">返回工会列表</Link></>;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const manage = data.manageable && data.status === 'active';
  const close = () => setDialog(null);
  const common = { union: data, onClose: close, onDone: reload, onReload: reload };
  const coverageCols: TableProps<UnionCoverage>['columns'] = [
    { title: '企业', dataIndex: 'enterpriseName', key: 'name', render: (n: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{n}</Link> },
    { title: '期间', key: 'interval', render: (_: unknown, r) => `${r.since} 至 ${r.until ?? '今'}` },
    ...(manage ? [{ title: '', key: 'end', render: (_: unknown, r: UnionCoverage) => !r.until && <Button size="small" onClick={() => setDialog({ end: r })}>结束</Button> }] : []),
  ];
  const add = (d: Dialog, label: string) => manage && <Button size="small" type="primary" onClick={() => setDialog(d)}>{label}</Button>;
  return (
    <>
      <PageHeader title={data.name} crumbs={crumbs} extra={manage && <>
        <Button onClick={() => setDialog('edit')}>修改</Button><Button danger onClick={() => setDialog('dissolve')}>撤销</Button>
      </>} />
      <PartialNotice what="工会" access={data.access} manageable={data.manageable} canManageKind={can('union.manage')}
        hidden={[{ count: data.hiddenCoverageCount, label: '家覆盖企业' }, { count: data.hiddenHistoryCount, label: '条历史记录' }]} />
      <Card title="基本情况" style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={screens.lg ? 3 : screens.sm ? 2 : 1} items={facts(data)} styles={{ label: { whiteSpace: 'nowrap' } }} />
      </Card>
      <Card title="提醒" style={{ marginBottom: 16 }}><FindingList findings={data.alerts} testId="union-alerts" /></Card>
      <Card title="覆盖企业" style={{ marginBottom: 16 }} extra={add('coverage', '增加')}>
        <Table<UnionCoverage> rowKey="id" size="small" columns={coverageCols} dataSource={data.coverage} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无覆盖企业' }} />
      </Card>
      <Card title="集体合同" style={{ marginBottom: 16 }} extra={add('contract', '登记')}>
        <Table<Contract> rowKey="id" size="small" columns={contractCols} dataSource={data.contracts} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无集体合同' }} />
      </Card>
      <UnionMembersCard union={data} onChanged={reload} />
      <UnionCommitteeCard key={`committee:${data.version}`} unionId={data.id} unionVersion={data.version} active={data.status === 'active'} onChanged={reload} />
      <UnionCongressCard key={`congress:${data.historyTotal}`} unionId={data.id} active={data.status === 'active'} onChanged={reload} />
      <BargainingCard unionId={data.id} active={data.status === 'active'} />
      <UnionJoinCard unionId={data.id} active={data.status === 'active'} />
      <MediationCommitteeCard unionId={data.id} />
      <UnionServicesCard unionId={data.id} />
      <Card size="small" title="标准化建设" style={{ marginBottom: 16 }} extra={<Link to={`/unions/${data.id}/standards`} data-testid="union-standards">自评和审核</Link>}>
        工会“六有”、职工之家：本年度自评、佐证和审核情况
      </Card>
      <HistoryCard key={`${data.id}:${data.historyTotal}`} path={`/api/unions/${data.id}`} history={data.history} total={data.historyTotal} testId="union-history" />
      <UnionFormDialog union={data} open={dialog === 'edit'} onClose={close} onDone={reload} onReload={reload} />
      <UnionDissolveDialog {...common} open={dialog === 'dissolve'} />
      <UnionCoverageDialog {...common} open={dialog === 'coverage'} />
      <ContractDialog {...common} open={dialog === 'contract'} />
      <EndIntervalDialog title="结束覆盖" open={typeof dialog === 'object' && dialog !== null} onClose={close} onDone={reload}
        end={(v) => endUnionCoverage(data.id, (dialog as { end: UnionCoverage }).end.id, v)} />
    </>
  );
}
