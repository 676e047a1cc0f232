import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Grid, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import type { StudyListFilter, StudyMaterialSummary } from '../../../../src/contracts/study';
import { STUDY_KIND_LABELS, STUDY_STATUS_LABELS, STUDY_TOPIC_LABELS, STUDY_TOPICS, type StudyTopic } from '../../../../src/domain/study';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { listStudy, studyExportUrl } from './api';
import { PublishDialog } from './PublishDialog';

export const PUBLISHER_LEVEL = { district: '区县', street: '街道（乡镇）', org: '党组织' } as const;

/**
 * 学习: the materials the person may read, by 专题 (tabs) and publisher, newest first — a phone list
 * of titles that open the material. Publishers (发布学习资料) switch to 我发布的, publish and export.
 * No counts of readers, no time, no ranking: a rule of the product (docs/study.md).
 */
export function StudyListPage() {
  const { can } = useAuth();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const [publishing, setPublishing] = useState(false);
  const publisher = can('study.publish');
  const f: StudyListFilter = {
    topic: (params.get('topic') as StudyTopic | null) ?? undefined,
    view: publisher && params.get('view') === 'mine' ? 'mine' : undefined,
    learned: (params.get('learned') as 'yes' | 'no' | null) ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const list = useAsync(() => listStudy(f), [params.toString()]);
  return (
    <>
      <PageHeader title="学习" extra={publisher && <Space wrap>
        <Segmented value={f.view ?? 'read'} onChange={(v) => set('view', v === 'mine' ? 'mine' : undefined)} options={[{ value: 'read', label: '学习资料' }, { value: 'mine', label: '我发布的' }]} data-testid="study-view" />
        <Button type="primary" onClick={() => setPublishing(true)} data-testid="study-publish">发布学习资料</Button>
        <ExportButton url={studyExportUrl(f)} fileName="学习资料.xlsx" testId="study-export" />
      </Space>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部专题" style={{ width: 140 }} value={f.topic} onChange={(v) => set('topic', v)} data-testid="study-topic"
          options={STUDY_TOPICS.map((t) => ({ value: t, label: STUDY_TOPIC_LABELS[t] }))} />
        <Select allowClear placeholder="已学 / 未学" style={{ width: 120 }} value={f.learned} onChange={(v) => set('learned', v)}
          options={[{ value: 'no', label: '未学' }, { value: 'yes', label: '已学' }]} />
        <Input.Search allowClear placeholder="标题或简介" defaultValue={f.q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: phone ? 200 : 260 }} />
      </Space>
      <ErrorAlert error={list.error} onReload={list.reload} />
      <ListTotal loading={list.loading} total={list.data?.total ?? null} shown={list.data?.items.length ?? 0} unit="份资料" testId="study-total" />
      <Card size="small" styles={{ body: { padding: phone ? 0 : 12 } }}>
        <List<StudyMaterialSummary> loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: '暂无学习资料' }}
          renderItem={(m) => (
            <List.Item data-testid="study-item" style={{ paddingInline: 12 }}>
              <List.Item.Meta
                title={<Link to={`/study/${m.id}`} data-testid="study-link">{m.title}</Link>}
                description={<Space size={[4, 4]} wrap>
                  <Tag color="red">{STUDY_TOPIC_LABELS[m.topic]}</Tag>
                  <Tag>{STUDY_KIND_LABELS[m.kind]}</Tag>
                  <Typography.Text type="secondary">{m.publisher.name}（{PUBLISHER_LEVEL[m.publisher.level]}）· {m.publishedOn}</Typography.Text>
                  {m.status === 'withdrawn' && <Tag>{STUDY_STATUS_LABELS[m.status]}</Tag>}
                  {m.learned && <Tag icon={<CheckCircleFilled />} color="success">已学</Tag>}
                </Space>}
              />
            </List.Item>
          )} />
      </Card>
      <Alert type="info" showIcon style={{ marginTop: 12 }} message="学习不计时、不积分、不排名；“已学”标记只有您自己看得到。" />
      {publisher && <PublishDialog open={publishing} onClose={() => setPublishing(false)} onDone={list.reload} />}
    </>
  );
}
