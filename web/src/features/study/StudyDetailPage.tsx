import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, List, Popconfirm, Space, Switch, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import type { StudyMaterial } from '../../../../src/contracts/study';
import { STUDY_KIND_LABELS, STUDY_STATUS_LABELS, STUDY_TOPIC_LABELS } from '../../../../src/domain/study';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getStudy, markStudy, removeStudyFile, updateStudy, uploadStudyFile } from './api';
import { PUBLISHER_LEVEL } from './StudyListPage';

/**
 * One material: its text, its link (audio and video play where they are published), its files; the
 * reader's own 已学 switch. Its publisher may add or remove files and withdraw or republish it.
 */
export function StudyDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const m = useAsync(() => getStudy(id), [id]);
  const [busy, setBusy] = useState(false);
  const act = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try { await what(); message.success(done); m.reload(); } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  const d: StudyMaterial | undefined = m.data;
  const setStatus = (status: 'published' | 'withdrawn') => d && act(() => updateStudy(d.id, {
    title: d.title, topic: d.topic, kind: d.kind, summary: d.summary, body: d.body, url: d.url, status, version: d.version,
  }), status === 'withdrawn' ? '已撤回' : '已重新发布');
  return (
    <>
      <PageHeader title={d?.title ?? '学习资料'} crumbs={[{ label: '学习', to: '/study' }, { label: d?.title ?? '' }]} extra={d && d.status === 'published' && (
        <Space><span>已学</span><Switch checked={d.learned} loading={busy} onChange={(v) => void act(() => markStudy(d.id, v), v ? '已标记为已学（仅您自己可见）' : '已取消“已学”')} data-testid="study-learned" /></Space>
      )} />
      <ErrorAlert error={m.error} onReload={m.reload} />
      {d && (<>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} items={[
          { key: 't', label: '专题', children: <Tag color="red">{STUDY_TOPIC_LABELS[d.topic]}</Tag> },
          { key: 'k', label: '形式', children: STUDY_KIND_LABELS[d.kind] },
          { key: 'p', label: '发布单位', children: `${d.publisher.name}（${PUBLISHER_LEVEL[d.publisher.level]}）` },
          { key: 'd', label: '发布日期', children: d.publishedOn },
          { key: 's', label: '状态', children: STUDY_STATUS_LABELS[d.status] },
        ]} />
        {d.summary && <Typography.Paragraph type="secondary">{d.summary}</Typography.Paragraph>}
        {d.url && <Card size="small" style={{ marginBottom: 12 }}>
          <a href={d.url} target="_blank" rel="noopener noreferrer" data-testid="study-play"><PlayCircleOutlined /> 打开{STUDY_KIND_LABELS[d.kind]}（在发布网站播放）</a>
        </Card>}
        {d.body && <Card size="small" style={{ marginBottom: 12 }}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.8 }} data-testid="study-body-text">{d.body}</Typography.Paragraph></Card>}
        {(d.attachments.length > 0 || d.manageable) && <Card size="small" title="文件" style={{ marginBottom: 12 }} extra={d.manageable && (
          <Upload showUploadList={false} customRequest={({ file }) => void act(() => uploadStudyFile(d.id, file as File, () => undefined), '已上传')}>
            <Button size="small" icon={<UploadOutlined />} data-testid="study-upload">上传文件</Button>
          </Upload>
        )}>
          <List size="small" dataSource={d.attachments} locale={{ emptyText: '暂无文件' }} renderItem={(f) => (
            <List.Item actions={[
              <Button key="d" type="link" size="small" icon={<DownloadOutlined />} onClick={() => download(f.url, f.fileName).catch((e: unknown) => message.error(errorMessage(e)))}>打开</Button>,
              ...(d.manageable ? [<Popconfirm key="r" title="删除该文件？" okText="删除" cancelText="取消" onConfirm={() => void act(() => removeStudyFile(d.id, f.id, f.version), '已删除')}><Button type="link" size="small" danger>删除</Button></Popconfirm>] : []),
            ]}>{f.fileName}</List.Item>
          )} />
        </Card>}
        {d.manageable && <Space>
          {d.status === 'published'
            ? <Popconfirm title="撤回后党员将看不到这份资料，确定撤回？" okText="撤回" cancelText="取消" onConfirm={() => void setStatus('withdrawn')}><Button danger loading={busy} data-testid="study-withdraw">撤回</Button></Popconfirm>
            : <Button loading={busy} onClick={() => void setStatus('published')}>重新发布</Button>}
        </Space>}
      </>)}
    </>
  );
}
