import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import type { SurveyTargetDetail } from '../../../../src/contracts/survey';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { decide, getTarget } from './api';

type Answer = SurveyTargetDetail['answers'][number];
const STATE_COLOR: Record<Answer['state'], string> = { info: 'default', same: 'default', proposed: 'orange', accepted: 'green', rejected: 'red' };

/** One enterprise's answer: each mapped field as a proposed change (台账现值 → 填报值), accepted or rejected per field or all at once. */
export function SurveyTargetPage() {
  const { id = '', targetId = '' } = useParams();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useAsync(() => getTarget(id, targetId), [id, targetId]);
  const [busy, setBusy] = useState(false);
  const send = async (accept: string[], reject: string[]) => {
    if (!data) return;
    setBusy(true);
    try {
      await decide(id, targetId, { version: data.version, enterpriseVersion: data.enterpriseVersion, accept, reject });
      message.success(accept.length ? '已采纳，企业台账已更新' : '已处理');
      reload();
    } catch (e) { message.error(errorMessage(e)); reload(); } finally { setBusy(false); }
  };
  const proposed = (data?.answers ?? []).filter((a) => a.state === 'proposed').map((a) => a.id);
  const can = !!data?.actionable;
  return (
    <>
      <PageHeader title={data?.enterpriseName ?? '企业填报'} crumbs={[{ label: '排查摸底', to: '/surveys' }, { label: data?.campaignName ?? '排查摸底', to: `/surveys/${id}` }, { label: data?.enterpriseName ?? '企业填报' }]}
        extra={can && proposed.length > 0 && <Button type="primary" loading={busy} onClick={() => void send(proposed, [])} data-testid="survey-accept-all">全部采纳</Button>} />
      <ErrorAlert error={error} />
      {data && (
        <Card style={{ marginBottom: 16 }} loading={loading}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={[
            { key: 'e', label: '企业', children: <Link to={`/enterprises/${data.enterpriseId}`}>{data.enterpriseName}</Link> },
            { key: 's', label: '状态', children: data.stateLabel },
            { key: 'a', label: '填报时间', children: data.answeredAt ? data.answeredAt.slice(0, 16).replace('T', ' ') : '未填报' },
            { key: 'r', label: '填报人', children: data.respondent ?? '—' },
          ]} />
        </Card>
      )}
      <Card title="填报内容">
        <Table<Answer> rowKey="id" loading={loading} dataSource={data?.answers ?? []} pagination={false} scroll={{ x: 640 }} locale={{ emptyText: '企业尚未填报' }}
          columns={[
            { title: '填报项', dataIndex: 'label' },
            { title: '台账现值', dataIndex: 'oldValue', render: (v: string | null, r) => (r.fact ? v ?? '（空）' : '—') },
            { title: '填报值', dataIndex: 'newValue', render: (v: string | null) => v ?? '（空）' },
            { title: '状态', dataIndex: 'stateLabel', width: 100, render: (v: string, r) => <Tag color={STATE_COLOR[r.state]}>{v}</Tag> },
            {
              title: '处理', width: 150, render: (_, r) => (r.state === 'proposed' && can ? (
                <Space>
                  <Button size="small" type="link" disabled={busy} onClick={() => void send([r.id], [])} data-testid={`survey-accept-${r.fieldKey}`}>采纳</Button>
                  <Button size="small" type="link" danger disabled={busy} onClick={() => void send([], [r.id])}>不采纳</Button>
                </Space>
              ) : r.decidedBy ? `${r.decidedBy}` : ''),
            },
          ]} />
      </Card>
    </>
  );
}
