import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, List, Space, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import type { FindingDto } from '../../../../src/contracts/coverage';
import { severityTag, WhyExplained } from '../orgs/ui';
import { listFindings } from './api';

/**
 * 发展党员提醒: the violations and coming deadlines of the open cases the reader manages (of one
 * organisation, or all), most urgent first, each with the case and its source in Chinese.
 */
export function RecruitmentFindingsCard({ orgId, title = '发展党员提醒' }: { orgId?: string; title?: string }) {
  const { data, error } = useAsync(() => listFindings(orgId), [orgId]);
  const [all, setAll] = useState(false);
  const items = data?.items ?? [];
  const shown = all ? items : items.slice(0, 5);
  return (
    <Card size="small" title={`${title}${data ? `（${data.total}）` : ''}`} style={{ marginBottom: 16 }} data-testid="recruitment-findings"
      extra={orgId ? <Link to={`/recruitment?org=${orgId}`}>发展党员</Link> : undefined}>
      <ErrorAlert error={error} />
      {data && !items.length && <Typography.Text type="secondary">暂无提醒</Typography.Text>}
      {items.length > 0 && <List size="small" dataSource={shown} renderItem={(f) => (
        <List.Item key={`${f.caseId}:${f.ruleId}`} style={{ display: 'block' }}>
          <Space wrap size={4}>{severityTag(f.severity)}<Link to={`/recruitment/${f.caseId}`}>{f.name}</Link><Typography.Text strong>{f.title}</Typography.Text>
            <Typography.Text>{f.summary}</Typography.Text></Space>
          <WhyExplained finding={f as unknown as FindingDto} />
        </List.Item>
      )} />}
      {!all && items.length > 5 && <div style={{ textAlign: 'center' }}><Button type="link" onClick={() => setAll(true)}>展开全部</Button></div>}
    </Card>
  );
}
