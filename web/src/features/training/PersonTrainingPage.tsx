import { useParams } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { TRAINING_AUDIENCE_LABELS } from '../../../../src/domain/training';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getPersonTraining } from './api';

/** A person's training: every session attended and the 学时 of each year (linked from the member page). */
export function PersonTrainingPage() {
  const { id = '' } = useParams();
  const t = useAsync(() => getPersonTraining(id), [id]);
  return (
    <>
      <PageHeader title={t.data ? `${t.data.name}的培训记录` : '培训记录'} crumbs={[{ label: '培训', to: '/training' }]} />
      <ErrorAlert error={t.error} />
      {t.data && <Card size="small">
        <Typography.Paragraph data-testid="person-training-years">{t.data.byYear.map((y) => `${y.year}年 ${y.hours} 学时`).join('；') || '暂无培训记录'}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">共 {t.data.total} 期，{t.data.hours} 学时</Typography.Paragraph>
        <Table rowKey="sessionId" size="small" scroll={{ x: true }} pagination={false} dataSource={t.data.items} columns={[
          { title: '日期', dataIndex: 'heldOn' }, { title: '课程', dataIndex: 'courseTitle' },
          { title: '培训对象', key: 'a', render: (_, r) => TRAINING_AUDIENCE_LABELS[r.audience] }, { title: '主办单位', dataIndex: 'organiserName' }, { title: '认定学时', dataIndex: 'hours' },
        ]} />
      </Card>}
    </>
  );
}
