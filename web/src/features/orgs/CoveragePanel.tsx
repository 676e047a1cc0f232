import { Link } from 'react-router-dom';
import { Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import type { EnterpriseCoverage } from '../../../../src/contracts/coverage';
import { SETUP_MODE_LABEL } from '../../../../src/contracts/party-org';
import { getEnterpriseCoverage } from './api';
import { FindingList, WhyExplained } from './ui';

const CLASS: Record<EnterpriseCoverage['coverageClass'], { color: string; label: string }> = {
  organisational: { color: 'green', label: '组织覆盖' },
  work: { color: 'blue', label: '仅工作覆盖' },
  gap: { color: 'red', label: '空白点' },
  closed: { color: 'default', label: '已关闭' },
};
const current = <T extends { until: string | null }>(rows: T[]) => rows.filter((r) => !r.until);
const modeLabel = (m: string) => (m in SETUP_MODE_LABEL ? SETUP_MODE_LABEL[m as keyof typeof SETUP_MODE_LABEL] : m);

/** 覆盖情况 on the enterprise detail page: status, who covers it, next steps and alerts, each explained. */
export function CoveragePanel({ enterpriseId }: { enterpriseId: string }) {
  // People without coverage.read (e.g. union officers) see the rest of the page without this panel.
  return useAuth().can('coverage.read') ? <CoverageCard enterpriseId={enterpriseId} /> : null;
}

function CoverageCard({ enterpriseId }: { enterpriseId: string }) {
  const { data, error, loading } = useAsync(() => getEnterpriseCoverage(enterpriseId), [enterpriseId]);
  if (error) return <Card title="覆盖情况" style={{ marginBottom: 16 }}><ErrorAlert error={error} /></Card>;
  if (loading || !data) return <Card title="覆盖情况" style={{ marginBottom: 16 }}><Skeleton active paragraph={{ rows: 2 }} /></Card>;
  const cls = CLASS[data.coverageClass];
  const orgs = current(data.orgs);
  return (
    <Card title="覆盖情况" style={{ marginBottom: 16 }} data-testid="coverage-panel"
      extra={<Typography.Text type="secondary">截至 {data.date}</Typography.Text>}>
      <Space wrap style={{ marginBottom: 4 }}>
        <Tag color={cls.color} data-testid="coverage-class">{cls.label}</Tag>
        <Typography.Text strong data-testid="coverage-status">{data.statusLabel}</Typography.Text>
      </Space>
      <WhyExplained finding={data.explanation} />
      <Descriptions size="small" column={1} items={[
        { key: 'orgs', label: '党组织', children: orgs.length ? <Space wrap>{orgs.map((o) => <Link key={o.orgId} to={`/orgs/${o.orgId}`}>{o.orgName}（{modeLabel(o.mode)}，{o.since} 起）</Link>)}</Space> : '无' },
        { key: 'ins', label: '党建指导员', children: current(data.instructors).length ? <Space wrap>{current(data.instructors).map((i) => <Link key={i.instructorId} to={`/instructors/${i.instructorId}`}>{i.kind === 'liaison' ? '联络员' : '指导员'}（{i.since} 起）</Link>)}</Space> : '无' },
        { key: 'unions', label: '工会', children: current(data.unions).length ? <Space wrap>{current(data.unions).map((u) => <Link key={u.unionId} to={`/unions/${u.unionId}`}>查看工会（{u.since} 起）</Link>)}</Space> : '无' },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>下一步建议</Typography.Title>
      <FindingList findings={data.nextSteps} empty="暂无建议" testId="coverage-next-steps" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>预警</Typography.Title>
      <FindingList findings={data.alerts} empty="暂无预警" testId="coverage-alerts" />
    </Card>
  );
}
