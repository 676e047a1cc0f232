import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Empty, Grid, Skeleton, Space, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import { CorrectionDialog } from './CorrectionDialog';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { importSourceLabel } from '../../../../src/domain/import-source';
import { CoveragePanel, coveringOrgs, modeLabel, useEnterpriseCoverage } from '../orgs/CoveragePanel';
import type { EnterpriseCoverage } from '../../../../src/contracts/coverage';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync, type AsyncState } from '../../ui/useAsync';
import { getEnterprise } from './api';
import { useAuth } from '../../app/auth';
import { RosterCard } from '../members/RosterCard';
import { EnterpriseVisitsCard } from '../fieldwork/EnterpriseVisitsCard';
import { HISTORY_KIND_LABEL, OPERATING_STATUS_LABEL, PLACEMENT_LABEL, SIZE_CLASS_LABEL, fieldLabel, formatValue } from './labels';
import type { EnterpriseDetail, HistoryEntry } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const when = (t?: string | null) => (t ? dayjs(t).format('YYYY-MM-DD HH:mm') : '—');

function sizeText(e: EnterpriseDetail): string {
  const size = e.sizeClass ? SIZE_CLASS_LABEL[e.sizeClass] : '未填报';
  return e.aboveDesignatedSize ? `${size}（规模以上）` : size;
}

/**
 * 党组织设置 from the coverage on its date — the same answer as the 覆盖情况 block below, so the
 * page never says "none" while naming the joint branch. Without coverage.read it says nothing.
 */
function partyOrgSetting(coverage: AsyncState<EnterpriseCoverage | null>): ReactNode {
  const c = coverage.data;
  if (c === null) return '—';
  if (!c) return coverage.error ? '—' : <Typography.Text type="secondary">查询中……</Typography.Text>;
  const orgs = coveringOrgs(c);
  if (!orgs.length) return c.status === 'closed' ? '无（企业不在营）' : '未建立党组织，也未纳入联合或挂靠党组织';
  return (
    <Space wrap data-testid="party-org-setting">
      {orgs.map((o) => <Link key={o.orgId} to={`/orgs/${o.orgId}`}>{o.orgName}（{modeLabel(o.mode)}，{o.since} 起）</Link>)}
    </Space>
  );
}

/** 八个清: the eight facts every enterprise record must make clear. */
function eightFacts(e: EnterpriseDetail, coverage: AsyncState<EnterpriseCoverage | null>): DescriptionsProps['items'] {
  return [
    { key: 'ownershipType', label: '企业性质', children: dash(e.ownershipType) },
    { key: 'address', label: '经营地点', children: dash(e.address), span: 2 },
    { key: 'sizeClass', label: '企业规模', children: sizeText(e) },
    { key: 'operatingStatus', label: '经营状况', children: OPERATING_STATUS_LABEL[e.operatingStatus] },
    { key: 'partyOrg', label: '党组织设置', children: partyOrgSetting(coverage) },
    { key: 'employeeCount', label: '职工人数', children: dash(e.employeeCount) },
    { key: 'memberCount', label: '党员数量', children: dash(e.memberCount) },
    { key: 'ownerProfile', label: '业主身份', children: dash(e.ownerProfile) },
    { key: 'contact', label: '联系人', children: e.contactName ? `${e.contactName}${e.contactPhone ? `（${e.contactPhone}）` : ''}` : dash(e.contactPhone) },
    { key: 'unionReported', label: '是否建立工会（企业自报）', children: e.unionReported === null || e.unionReported === undefined ? '—' : e.unionReported ? '是' : '否' },
  ];
}

function registration(e: EnterpriseDetail): DescriptionsProps['items'] {
  return [
    { key: 'creditCode', label: '统一社会信用代码', children: <Typography.Text code copyable>{e.creditCode}</Typography.Text> },
    { key: 'legal', label: '法定代表人', children: dash(e.legalRepresentative) },
    { key: 'founded', label: '成立日期', children: dash(e.foundedOn) },
    { key: 'capital', label: '注册资本（万元）', children: dash(e.registeredCapital) },
    { key: 'industry', label: '所属行业', children: dash(e.industry) },
    { key: 'region', label: '属地', children: <>{dash(e.regionName ?? e.regionCode)} <Tag color={e.placement === 'pending' ? 'warning' : 'default'}>{PLACEMENT_LABEL[e.placement]}</Tag></> },
    { key: 'park', label: '所在园区', children: dash(e.parkName) },
    { key: 'association', label: '所属行业协会', children: dash(e.associationName) },
    { key: 'source', label: '数据来源', children: importSourceLabel(e.source) },
    { key: 'seen', label: '首次出现/最近导入更新', children: `${when(e.firstSeenAt)} / ${when(e.lastSeenAt)}` },
  ];
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const changes = Object.entries(entry.changes ?? {});
  return (
    <>
      <Typography.Text strong>{HISTORY_KIND_LABEL[entry.kind] ?? entry.kind}</Typography.Text>
      {entry.sourceLabel && entry.kind !== 'created' && <Tag style={{ marginInlineStart: 8 }} data-testid="history-source">{entry.sourceLabel}{entry.campaignName ? `：${entry.campaignName}` : ''}</Tag>}
      {entry.actorName && <Typography.Text type="secondary">{entry.actorName}</Typography.Text>}
      {entry.reason && <div><Typography.Text type="secondary">理由：{entry.reason}</Typography.Text></div>}
      {entry.kind !== 'created' && changes.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {changes.map(([field, [before, after]]) => (
            <li key={field}>{fieldLabel(field)}：{formatValue(field, before)} → {formatValue(field, after)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => getEnterprise(id), [id]);
  const coverage = useEnterpriseCoverage(id);
  const { can } = useAuth();
  const [correcting, setCorrecting] = useState(false);
  const screens = Grid.useBreakpoint();
  const columns = screens.lg ? 3 : screens.sm ? 2 : 1;
  const crumbs = [{ label: '企业台账', to: '/enterprises' }, { label: data?.name ?? '企业详情' }];
  if (error) return <><PageHeader title="企业详情" crumbs={crumbs} /><ErrorAlert error={error} /><Link to="/enterprises">返回企业台账</Link></>;
  if (loading || !data) return <Skeleton active />;
  const history = [...(data.history ?? [])].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <>
      <PageHeader title={data.name} crumbs={crumbs} extra={<Tag color={data.operatingStatus === 'active' ? 'green' : 'default'}>{OPERATING_STATUS_LABEL[data.operatingStatus]}</Tag>} />
      <Card title="八个清" style={{ marginBottom: 16 }} data-testid="eight-facts"
        extra={can('enterprise.update') && <Button size="small" onClick={() => setCorrecting(true)} data-testid="correct-facts">更正</Button>}>
        {(data.corrections ?? []).length > 0 && (
          <Typography.Paragraph type="secondary">经更正的信息（以后的登记数据导入不覆盖，除非来源数据本身变化）：{(data.corrections ?? []).map((c) => `${c.label}（${c.source === 'survey' ? '排查摸底' : '人工更正'}）`).join('、')}</Typography.Paragraph>
        )}
        <Descriptions bordered size="small" column={columns} items={eightFacts(data, coverage)} styles={{ label: { whiteSpace: 'nowrap' } }} />
      </Card>
      <CoveragePanel coverage={coverage} />
      {can('org.read') && <RosterCard enterpriseId={data.id} />}
      {can('instructor.read') && <EnterpriseVisitsCard enterpriseId={data.id} />}
      <Card title="登记信息" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={columns} items={registration(data)} />
      </Card>
      <Card title="变更记录" data-testid="history">
        {history.length === 0 ? <Empty description="暂无变更记录" /> : (
          <Timeline items={history.map((h) => ({
            key: h.id,
            content: <><Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>{when(h.changedAt)}</Typography.Text><HistoryItem entry={h} /></>,
          }))} />
        )}
      </Card>
      {correcting && <CorrectionDialog enterprise={data} onClose={() => setCorrecting(false)} onDone={() => { setCorrecting(false); reload(); }} />}
    </>
  );
}
