import { Link } from 'react-router-dom';
import { Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync, type AsyncState } from '../../ui/useAsync';
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
type Interval = { since: string; until: string | null };
/** In force on the coverage date (half-open: the `until` day is no longer covered). */
const onDate = <T extends Interval>(rows: T[], date: string) => rows.filter((r) => r.since <= date && (!r.until || date < r.until));
export const modeLabel = (m: string) => (m in SETUP_MODE_LABEL ? SETUP_MODE_LABEL[m as keyof typeof SETUP_MODE_LABEL] : m);

/** The organisations covering the enterprise on the coverage date: what 党组织设置 says. */
export const coveringOrgs = (c: EnterpriseCoverage) => onDate(c.orgs, c.date);

/**
 * The enterprise's coverage, loaded once for the page: 八个清 (党组织设置) and 覆盖情况 read the same
 * answer, so they cannot disagree. Null without coverage.read (e.g. union officers).
 */
export function useEnterpriseCoverage(enterpriseId: string): AsyncState<EnterpriseCoverage | null> {
  const allowed = useAuth().can('coverage.read');
  return useAsync(() => (allowed ? getEnterpriseCoverage(enterpriseId) : Promise.resolve(null)), [enterpriseId, allowed]);
}

/** 覆盖情况 on the enterprise detail page: status, who covers it, next steps and alerts, each explained. */
export function CoveragePanel({ coverage }: { coverage: AsyncState<EnterpriseCoverage | null> }) {
  const { data, error, loading } = coverage;
  // People without coverage.read see the rest of the page without this panel.
  if (data === null) return null;
  if (error) return <Card title="覆盖情况" style={{ marginBottom: 16 }}><ErrorAlert error={error} /></Card>;
  if (loading || !data) return <Card title="覆盖情况" style={{ marginBottom: 16 }}><Skeleton active paragraph={{ rows: 2 }} /></Card>;
  const cls = CLASS[data.coverageClass];
  const orgs = coveringOrgs(data);
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
        { key: 'ins', label: '党建指导员', children: onDate(data.instructors, data.date).length ? <Space wrap>{onDate(data.instructors, data.date).map((i) => <Link key={i.instructorId} to={`/instructors/${i.instructorId}`}>{i.kind === 'liaison' ? '联络员' : '指导员'}（{i.since} 起）</Link>)}</Space> : '无' },
        { key: 'unions', label: '工会', children: onDate(data.unions, data.date).length ? <Space wrap>{onDate(data.unions, data.date).map((u) => <Link key={u.unionId} to={`/unions/${u.unionId}`}>查看工会（{u.since} 起）</Link>)}</Space> : '无' },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>下一步建议</Typography.Title>
      <FindingList findings={data.nextSteps} empty="暂无建议" testId="coverage-next-steps" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>预警</Typography.Title>
      <FindingList findings={data.alerts} empty="暂无预警" testId="coverage-alerts" />
    </Card>
  );
}
