import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { NoticeCopy, NoticeField } from '../../../../src/contracts/notice';
import { openCopy, replyCopy } from './api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

function FieldInput({ f }: { f: NoticeField }) {
  if (f.type === 'number') return <InputNumber style={{ width: '100%' }} />;
  if (f.type === 'date') return <Input type="date" />;
  if (f.type === 'choice') return <Select allowClear options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
  return <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={500} />;
}

/** One organisation's copy: the notice, its files, and the reply form (editable until the deadline). */
export function NoticeCopyPage() {
  const { id = '' } = useParams();
  const copy = useAsync(() => openCopy(id), [id]);
  const [current, setCurrent] = useState<NoticeCopy | undefined>();
  const [form] = Form.useForm<Record<string, string | number | null>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  useEffect(() => { if (copy.data) setCurrent(copy.data); }, [copy.data]);
  useEffect(() => { if (current?.values) form.setFieldsValue(current.values); }, [current, form]);
  const c = current;
  const submit = async () => {
    if (!c) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      setCurrent(await replyCopy(id, { version: c.version, values }));
      message.success('已提交回执');
    } catch (e) {
      // A field the server refused is shown by that field.
      if (e instanceof ApiError) form.setFields(e.details.filter((d) => d.field?.startsWith('values.')).map((d) => ({ name: d.field!.slice(7), errors: [d.message ?? ''] })));
      setError(e);
    } finally { setBusy(false); }
  };
  return (
    <>
      <PageHeader title={c?.title ?? '通知'} crumbs={[{ label: '通知公告', to: '/notices?tab=received' }, { label: '阅读通知' }]} />
      <ErrorAlert error={copy.error} />
      {c && (
        <Card style={{ marginBottom: 16 }} data-testid="notice-copy">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="发文单位">{c.publisherName}</Descriptions.Item>
            <Descriptions.Item label="发布时间">{when(c.publishedAt)}</Descriptions.Item>
            <Descriptions.Item label="收文组织">{c.orgName}</Descriptions.Item>
            <Descriptions.Item label="截止日期">{c.deadline ?? '未规定'}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{c.body}</Typography.Paragraph>
          {c.attachments.map((a) => <div key={a.id}><a href={a.url}>{a.fileName}</a></div>)}
          {c.askReceipt && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>已记录阅读回执（{when(c.readAt)}）</Typography.Paragraph>}
        </Card>
      )}
      {c && c.replyForm.length > 0 && (
        <Card title={<>回执 {c.repliedAt ? <Tag color="green">已于 {when(c.repliedAt)} 回复</Tag> : <Tag color={c.overdue ? 'red' : 'orange'}>{c.overdue ? '逾期未回复' : '待回复'}</Tag>}</>}>
          {!c.replyOpen && <Alert type="warning" showIcon message={`回复截止日期（${c.deadline}）已过，不能再填报或修改`} style={{ marginBottom: 12 }} />}
          <ErrorAlert error={error} style={{ marginBottom: 12 }} />
          <Form form={form} layout="vertical" disabled={!c.replyOpen} data-testid="notice-reply-form">
            {c.replyForm.map((f) => (
              <Form.Item key={f.key} name={f.key} label={f.label} rules={f.required ? [{ required: true, message: `请填写“${f.label}”` }] : []}>
                <FieldInput f={f} />
              </Form.Item>
            ))}
            <Button type="primary" loading={busy} onClick={() => void submit()} disabled={!c.replyOpen} data-testid="notice-reply-submit">{c.repliedAt ? '修改回执' : '提交回执'}</Button>
          </Form>
        </Card>
      )}
    </>
  );
}
