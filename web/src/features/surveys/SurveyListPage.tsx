import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SurveyCampaign } from '../../../../src/contracts/survey';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { listSurveys } from './api';
import { SurveyCreateDialog } from './SurveyCreateDialog';

/** 排查摸底: the campaigns the reader designed or has enterprises in, with their progress over those enterprises. */
export function SurveyListPage() {
  const { data, error, loading, reload } = useAsync(listSurveys, []);
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—');
  return (
    <>
      <PageHeader title="排查摸底" crumbs={[{ label: '排查摸底' }]}
        extra={can('survey.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="survey-new">发起排查摸底</Button>} />
      <ErrorAlert error={error} />
      <Card>
        <ListTotal loading={loading} total={data?.total ?? null} shown={data?.items.length ?? 0} unit="次排查摸底" testId="survey-total" />
        <Table<SurveyCampaign> rowKey="id" loading={loading} dataSource={data?.items ?? []} pagination={false} scroll={{ x: 760 }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/surveys/${r.id}`}>{v}</Link> },
            { title: '状态', dataIndex: 'statusLabel', width: 90, render: (v: string, r) => <Tag color={r.status === 'open' ? 'green' : 'default'}>{v}</Tag> },
            { title: '截止日期', dataIndex: 'closesOn', width: 110 },
            { title: '发送', width: 70, render: (_, r) => r.counts.sent },
            { title: '已填报', width: 110, render: (_, r) => `${r.counts.answered}（${pct(r.counts.answered, r.counts.sent)}）` },
            { title: '已采纳', width: 80, render: (_, r) => r.counts.accepted },
          ]} />
      </Card>
      {creating && <SurveyCreateDialog onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); reload(); navigate(`/surveys/${c.id}`); }} />}
    </>
  );
}
