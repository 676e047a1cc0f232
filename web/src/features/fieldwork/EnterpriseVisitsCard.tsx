import { Card, List, Tag, Typography } from 'antd';
import { ListTotal } from '../../ui/ListTools';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { VISIT_CHANNEL_LABEL } from '../../../../src/domain/fieldwork';
import { getEnterpriseVisits } from './api';

/** 走访记录 on the enterprise page: the latest visits by its instructors, what they found, with the total. */
export function EnterpriseVisitsCard({ enterpriseId }: { enterpriseId: string }) {
  const v = useAsync(() => getEnterpriseVisits(enterpriseId), [enterpriseId]);
  return (
    <Card title="走访记录" style={{ marginBottom: 16 }} data-testid="enterprise-visits">
      <ErrorAlert error={v.error} />
      {v.data && <ListTotal loading={v.loading} total={v.data.total} shown={v.data.items.length} unit="次走访" />}
      <List loading={v.loading} dataSource={v.data?.items ?? []} locale={{ emptyText: '暂无走访记录' }} renderItem={(x) => (
        <List.Item>
          <List.Item.Meta title={`${x.visitedOn} ${x.instructorName}（${VISIT_CHANNEL_LABEL[x.channel]}）`}
            description={<>{x.findingLabels.map((l) => <Tag key={l} color={l === '问题已整改' ? 'green' : 'orange'}>{l}</Tag>)}
              {x.notes && <Typography.Paragraph style={{ margin: 0 }}>{x.notes}</Typography.Paragraph>}</>} />
        </List.Item>
      )} />
    </Card>
  );
}
