import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, InputNumber, List, Space, Tag, Typography } from 'antd';
import { ASSESSMENT_STATUS_LABELS } from '../../../../src/domain/standards/standards-status';
import { REVIEW_LEVEL_LABELS } from '../../../../src/domain/standards/standards-types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { createAssessment, getOrgStandards } from './api';

export const STATUS_COLOR = { draft: 'default', submitted: 'blue', returned: 'orange', passed: 'green' } as const;

/** 标准化建设 of one organisation: each template in force this year, its self-assessment and review status. */
function StandardsPage({ kind }: { kind: 'party-orgs' | 'unions' }) {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const [year, setYear] = useState(new Date().getFullYear());
  const [error, setError] = useState<unknown>(null);
  const st = useAsync(() => getOrgStandards(kind, id, year), [kind, id, year]);
  const back = kind === 'party-orgs' ? `/orgs/${id}` : `/unions/${id}`;
  const start = async (templateId: string) => {
    try {
      const a = await createAssessment({ templateId: templateId as never, orgKind: kind === 'party-orgs' ? 'partyOrg' : 'union', orgId: id, year });
      nav(`/standards/assessments/${a.id}`);
    } catch (e) { setError(e); }
  };
  return (
    <>
      <PageHeader title="标准化建设" crumbs={[{ label: kind === 'party-orgs' ? '党组织' : '工会', to: kind === 'party-orgs' ? '/orgs' : '/unions' }, { label: '组织', to: back }, { label: '标准化建设' }]}
        extra={<InputNumber min={2019} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} />} />
      <ErrorAlert error={st.error ?? error} />
      <Card size="small" title={`${year}年标准化建设（${st.data?.items.length ?? 0}项标准）`}>
        <List size="small" dataSource={st.data?.items ?? []} renderItem={(t) => (
          <List.Item key={t.templateId} data-testid={`standard-${t.templateId}`} actions={[
            t.assessmentId ? <Link key="open" to={`/standards/assessments/${t.assessmentId}`} data-testid={`standard-open-${t.templateId}`}>查看</Link>
              : st.data?.manageable ? <Button key="start" size="small" type="primary" onClick={() => void start(t.templateId)} data-testid={`standard-start-${t.templateId}`}>开始自评</Button> : null,
          ]}>
            <Space wrap size={4}>
              <Typography.Text>{t.name}</Typography.Text>
              {t.status ? <Tag color={STATUS_COLOR[t.status]}>{ASSESSMENT_STATUS_LABELS[t.status]}{t.stage ? `（${REVIEW_LEVEL_LABELS[t.stage]}）` : ''}</Tag> : <Tag>未自评</Tag>}
              {t.result && <Tag color="gold">{t.result} {t.total}分</Tag>}
              {t.grade && <Tag color="red">{t.grade}</Tag>}
            </Space>
          </List.Item>
        )} />
      </Card>
      <Link to={back}>返回</Link>
    </>
  );
}

export const OrgStandardsPage = () => <StandardsPage kind="party-orgs" />;
export const UnionStandardsPage = () => <StandardsPage kind="unions" />;
