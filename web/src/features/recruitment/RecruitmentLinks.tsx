import { Link } from 'react-router-dom';
import { Card, List, Space, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { BOARD_STAGES, CASE_STAGE_LABELS } from '../../../../src/domain/recruitment';
import { listCases } from './api';

const findingTags = (alerts: number, reminders: number) => (<>
  {alerts > 0 && <Tag color="red">{alerts}项需处理</Tag>}
  {reminders > 0 && <Tag color="blue">{reminders}项提醒</Tag>}
  {alerts + reminders === 0 && <Typography.Text type="secondary">无提醒</Typography.Text>}
</>);

/** 发展党员 on an organisation's page: its cases by stage and the findings of the open ones, with the board filtered to it. */
export function RecruitmentOrgCard({ orgId }: { orgId: string }) {
  const { data, error } = useAsync(() => listCases({ orgId }, null, 1), [orgId]);
  return (
    <Card size="small" title="发展党员" style={{ marginBottom: 16 }} data-testid="org-recruitment"
      extra={<Link to={`/recruitment?org=${orgId}`} data-testid="org-recruitment-board">查看发展党员</Link>}>
      <ErrorAlert error={error} />
      {data && <Space wrap size={[8, 8]}>
        {BOARD_STAGES.map((s) => <Link key={s} to={`/recruitment?org=${orgId}&stage=${s}`}><Tag data-testid={`org-recruitment-${s}`}>{CASE_STAGE_LABELS[s]} {data.counts[s] ?? 0}</Tag></Link>)}
        {data.findings && findingTags(data.findings.alerts, data.findings.reminders)}
      </Space>}
    </Card>
  );
}

/** 发展党员 on a person's (member's) page: the cases of that person the reader sees, with stage and findings. */
export function RecruitmentPersonCard({ personId }: { personId: string }) {
  const { data, error } = useAsync(() => listCases({ personId }, null, 20), [personId]);
  if (!error && !data?.items.length) return null;
  return (
    <Card size="small" title="发展党员记录" style={{ marginBottom: 16 }} data-testid="person-recruitment">
      <ErrorAlert error={error} />
      <List size="small" dataSource={data?.items ?? []} renderItem={(c) => (
        <List.Item key={c.id}>
          <Space wrap size={4}>
            <Link to={`/recruitment/${c.id}`} data-testid="person-recruitment-case">{CASE_STAGE_LABELS[c.stage]}</Link>
            <Typography.Text type="secondary">{c.orgName} · 申请 {c.appliedOn}</Typography.Text>
            {findingTags(c.alerts, c.reminders)}
          </Space>
        </List.Item>
      )} />
    </Card>
  );
}
