import { useState } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { roleAllows } from '../../../../src/domain/permissions';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { MediationCasesDrawer } from '../unions/MediationCasesDrawer';
import type { CasesPick } from '../unions/mediation-api';
import { DispatchedDrawer } from './DispatchedDrawer';
import { getDispatched, getMediationYear, type DispatchedPick } from './union-figures-api';

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');

/**
 * 工会工作 figures on the dashboard (docs/unions.md "在统计和月通报中"), read live as the bulletin reads
 * them: 调解及时率 — cases concluded from 1 January to the day shown within 15 days of receipt
 * (《劳动争议调解仲裁法》第十四条) over all concluded — and 劳务派遣工入会占比 — dispatched members among the
 * active real-name members of the area's unions keeping rosters (today's roll). Each number opens its rows.
 * Shown only to those who read unions.
 */
export function UnionFiguresCard({ regionPrefix, month, label }: { regionPrefix?: string; month?: string; label: string }) {
  const { me } = useAuth();
  const reads = (me?.grants ?? []).some((g) => roleAllows(g.role, 'union.read'));
  const to = month ? dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD') : dayjs().format('YYYY-MM-DD');
  const from = `${to.slice(0, 4)}-01-01`;
  const mediation = useAsync(async () => (reads ? getMediationYear(regionPrefix, from, to) : null), [reads, regionPrefix, to]);
  const dispatched = useAsync(async () => (reads ? getDispatched({ regionPrefix }, 0, 1) : null), [reads, regionPrefix]);
  const [cases, setCases] = useState<CasesPick | null>(null);
  const [unions, setUnions] = useState<DispatchedPick | null>(null);
  if (!reads) return null;
  const m = mediation.data?.inTime;
  const d = dispatched.data?.sums;
  const link = (n: number | undefined, id: string, go: () => void) => <a data-testid={id} onClick={go}>{n ?? 0}</a>;
  return (
    <Card size="small" title="工会工作" data-testid="dashboard-union-figures">
      <ErrorAlert error={mediation.error ?? dispatched.error} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Statistic title={`调解及时率（${from.slice(0, 4)}年1月1日至${to}）`} value={m ? pct(m.closedInTime.n, m.closed.n) : '—'} loading={mediation.loading} />
          {link(m?.closedInTime.n, 'figure-mediation-numerator', () => m && setCases({ filter: m.closedInTime.filter, title: `${label}：15日内调解结案的劳动争议` }))}
          {' / '}
          {link(m?.closed.n, 'figure-mediation-denominator', () => m && setCases({ filter: m.closed.filter, title: `${label}：调解结案的劳动争议` }))}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            受理之日起15日内结案 / 调解结案（达成协议或终止调解，不含撤回），《劳动争议调解仲裁法》第十四条
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={12}>
          <Statistic title="劳务派遣工入会占比（实名会员，截至今天）" value={d ? pct(d.dispatched, d.members) : '—'} loading={dispatched.loading} />
          {link(d?.dispatched, 'figure-dispatched-numerator', () => setUnions({ regionPrefix, onlyDispatched: 'true', title: `${label}：有劳务派遣工会员的工会` }))}
          {' / '}
          {link(d?.members, 'figure-dispatched-denominator', () => setUnions({ regionPrefix, title: `${label}：实行会员实名制的工会` }))}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            劳务派遣工会员 / 实行会员实名制工会的在会会员（台账无各企业派遣工人数，故为会员中的占比）
          </Typography.Paragraph>
        </Col>
      </Row>
      <MediationCasesDrawer pick={cases} onClose={() => setCases(null)} />
      <DispatchedDrawer pick={unions} onClose={() => setUnions(null)} />
    </Card>
  );
}
