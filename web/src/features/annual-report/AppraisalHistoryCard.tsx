import { Link } from 'react-router-dom';
import { Card, List, Space, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { personAppraisals } from './api';

/**
 * 述职评议、考核结果 on a person's page (the member's and the instructor's): each year's total, grade
 * and 补贴档次 from the person's history (GET /api/people/:id/appraisals), each opening its sheet.
 */
export function AppraisalHistoryCard({ personId }: { personId: string }) {
  const h = useAsync(() => personAppraisals(personId), [personId]);
  return (
    <Card size="small" title="述职评议、考核结果" style={{ marginBottom: 16 }} data-testid="person-appraisals">
      <ErrorAlert error={h.error} />
      <List size="small" loading={h.loading} dataSource={h.data?.items ?? []} locale={{ emptyText: '暂无述职评议、考核结果' }}
        renderItem={(a) => (
          <List.Item key={`${a.kind}${a.year}${a.subjectId}`}>
            <Space wrap size={6}>
              <Link to={`${a.kind === 'secretary' ? '/orgs' : '/instructors'}/${a.subjectId}/appraisal?year=${a.year}`}>{a.year}年{a.kindLabel}</Link>
              {a.total === null ? <Typography.Text type="secondary">评分未完成</Typography.Text> : <span>{a.total} 分</span>}
              {a.gradeLabel && <Tag color={a.gradeLabel === '不称职' ? 'red' : 'green'}>{a.gradeLabel}</Tag>}
              {a.allowance && <Typography.Text type="secondary">补贴{a.allowance}</Typography.Text>}
            </Space>
          </List.Item>
        )} />
    </Card>
  );
}
