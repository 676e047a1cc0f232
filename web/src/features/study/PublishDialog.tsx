import { Form, Input, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { STUDY_KIND_LABELS, STUDY_KINDS, STUDY_TOPIC_LABELS, STUDY_TOPICS, type StudyKind, type StudyTopic } from '../../../../src/domain/study';
import { apiGet } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useAsync } from '../../ui/useAsync';
import { FormDialog } from '../orgs/ui';
import { publishStudy } from './api';

type Values = { publisher: string; title: string; topic: StudyTopic; kind: StudyKind; summary?: string; body?: string; url?: string };

/**
 * 发布学习资料: the publisher is one of the person's own areas (a district or street office) or a
 * party organisation their grant names (a secretary, for their members). A document's file is added
 * on the material's page once it is saved.
 */
export function PublishDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const orgIds = [...new Set((me?.grants ?? []).flatMap((g) => g.partyOrgIds))];
  const orgs = useAsync(() => Promise.all(orgIds.map((id) => apiGet<{ id: string; name: string }>(`/api/party-orgs/${id}`).catch(() => null))), [orgIds.join(',')]);
  const options = [
    ...(me?.areas ?? []).filter((a) => a.level === 3 || a.level === 4).map((a) => ({ value: `r:${a.code}`, label: a.name })),
    ...(orgs.data ?? []).filter((o): o is { id: string; name: string } => !!o).map((o) => ({ value: `o:${o.id}`, label: o.name })),
  ];
  return (
    <FormDialog<Values> title="发布学习资料" open={open} onClose={onClose} onDone={onDone} testId="study-publish-dialog"
      initialValues={{ publisher: options[0]?.value, topic: 'theory', kind: 'text' }} serverFields={['title', 'url', 'body', 'regionCode', 'orgId']}
      submit={async (v) => {
        const [k, id] = v.publisher.split(':');
        const m = await publishStudy({
          title: v.title, topic: v.topic, kind: v.kind, summary: v.summary?.trim() || null, body: v.body?.trim() || null, url: v.url?.trim() || null,
          ...(k === 'r' ? { regionCode: id } : { orgId: id }),
        });
        if (m.kind === 'document') navigate(`/study/${m.id}`);
        return `已发布：${m.title}`;
      }}>
      {(form) => (<>
        <Form.Item name="publisher" label="发布单位" rules={[{ required: true, message: '请选择发布单位' }]}><Select options={options} data-testid="study-publisher" /></Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}><Input maxLength={200} data-testid="study-title" /></Form.Item>
        <Form.Item name="topic" label="专题"><Select options={STUDY_TOPICS.map((t) => ({ value: t, label: STUDY_TOPIC_LABELS[t] }))} /></Form.Item>
        <Form.Item name="kind" label="形式"><Select options={STUDY_KINDS.map((k) => ({ value: k, label: STUDY_KIND_LABELS[k] }))} data-testid="study-kind" /></Form.Item>
        <Form.Item name="summary" label="简介"><Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} /></Form.Item>
        <Form.Item noStyle shouldUpdate>{() => {
          const kind = form.getFieldValue('kind') as StudyKind;
          if (kind === 'text') return <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '图文资料请填写正文' }]}><Input.TextArea maxLength={20000} autoSize={{ minRows: 6, maxRows: 14 }} data-testid="study-body" /></Form.Item>;
          if (kind === 'audio' || kind === 'video') return <Form.Item name="url" label="播放地址" rules={[{ required: true, pattern: /^https?:\/\/\S+$/, message: '请填写以 http:// 或 https:// 开头的网址' }]}><Input maxLength={500} placeholder="https://" data-testid="study-url" /></Form.Item>;
          return <div style={{ color: '#888', marginBottom: 12 }}>保存后在资料页面上传文件（PDF、Word 等，20 MB 以内）。</div>;
        }}</Form.Item>
      </>)}
    </FormDialog>
  );
}
