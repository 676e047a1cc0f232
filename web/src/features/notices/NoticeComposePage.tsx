import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Checkbox, Flex, Form, Input, Radio, Select, Space, Switch, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect } from '../../ui/RegionSelect';
import type { NoticeInput } from '../../../../src/contracts/notice';
import type { PartyOrgPage } from '../../../../src/contracts/party-org';
import type { UnionPage } from '../../../../src/contracts/union';
import { NOTICE_FIELD_TYPE_LABELS, type NoticeFieldType } from '../../../../src/domain/notice';
import { createNotice, publishNotice, uploadNoticeFile } from './api';

type FieldRow = { label: string; type: NoticeFieldType; required: boolean; options?: string };
type Values = {
  title: string; body: string; publisherRegionCode: string; publisherName?: string; deadline?: string; askReceipt: boolean;
  mode: 'region' | 'picked'; kinds: Array<'party_org' | 'union_org'>; regionCode?: string; picked?: string[]; fields?: FieldRow[];
};

/** RegionSelect inside a Form.Item (the item supplies value and onChange). */
function RegionField(props: { value?: string; onChange?: (v: string | undefined) => void; maxLevel?: number; placeholder: string; 'data-testid'?: string }) {
  const { onChange, ...rest } = props;
  return <RegionSelect {...rest} onChange={(v) => onChange?.(v)} />;
}

/** Picks organisations by name: party organisations and unions the office sees (the server keeps only its own). */
function OrgPicker({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const search = async (q: string) => {
    if (!q.trim()) return;
    const [orgs, unions] = await Promise.all([apiGet<PartyOrgPage>('/api/party-orgs', { q, limit: 20 }), apiGet<UnionPage>('/api/unions', { q, limit: 20 })]);
    setOptions([...orgs.items.map((o) => ({ value: `party_org:${o.id}`, label: `${o.name}（党组织）` })), ...unions.items.map((u) => ({ value: `union_org:${u.id}`, label: `${u.name}（工会）` }))]);
  };
  return <Select mode="multiple" showSearch filterOption={false} onSearch={(q) => void search(q)} value={value} onChange={onChange} options={options} placeholder="输入名称搜索组织" data-testid="notice-picked" />;
}

const toInput = (v: Values): NoticeInput => ({
  title: v.title, body: v.body, publisherRegionCode: v.publisherRegionCode, publisherName: v.publisherName || undefined, deadline: v.deadline || null,
  askReceipt: !!v.askReceipt,
  replyForm: (v.fields ?? []).map((f, i) => ({
    key: `f${i + 1}`, label: f.label, type: f.type, required: !!f.required,
    ...(f.type === 'choice' ? { options: (f.options ?? '').split(/[,，、\s]+/).filter(Boolean) } : {}),
  })),
  target: v.mode === 'region' ? { mode: 'region', kinds: v.kinds, ...(v.regionCode ? { regionCode: v.regionCode } : {}) }
    : { mode: 'picked', orgs: (v.picked ?? []).map((p) => ({ kind: p.split(':')[0] as 'party_org' | 'union_org', id: p.split(':')[1]! })) },
});

/** 拟写通知: title, text, files, deadline, 回执 and a reply form; 发布 fixes who receives it. */
export function NoticeComposePage() {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = async (publish: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const draft = await createNotice(toInput(v));
      for (const f of files) await uploadNoticeFile(draft.id, f.originFileObj as File, () => undefined);
      if (publish) {
        const n = await publishNotice(draft.id, draft.version);
        message.success(`已发布，发给 ${n.counts.recipients} 个组织`);
      } else message.success('已保存为草稿');
      navigate(`/notices/${draft.id}`);
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <>
      <PageHeader title="拟写通知" crumbs={[{ label: '通知公告', to: '/notices?tab=sent' }, { label: '拟写通知' }]} />
      <Card style={{ maxWidth: 860 }}>
        <ErrorAlert error={error} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" initialValues={{ askReceipt: true, mode: 'region', kinds: ['party_org'] }} data-testid="notice-form">
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}><Input maxLength={200} placeholder="如：关于开展2026年度党组织书记述职评议的通知" /></Form.Item>
          <Flex wrap gap={12}>
            <Form.Item name="publisherRegionCode" label="发文单位所在区划" rules={[{ required: true, message: '请选择本单位所在的区县或街道' }]} style={{ minWidth: 240 }}>
              <RegionField maxLevel={4} placeholder="区县或街道" data-testid="notice-publisher" />
            </Form.Item>
            <Form.Item name="publisherName" label="发文单位名称" extra="如：区委组织部、街道党工委；不填则用区划名称"><Input maxLength={60} style={{ width: 220 }} /></Form.Item>
          </Flex>
          <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}><Input.TextArea rows={8} maxLength={20000} showCount /></Form.Item>
          <Form.Item label="附件（JPEG、PNG、PDF、Word、Excel，每个20 MB以内）">
            <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
              <Button icon={<PaperClipOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Flex wrap gap={24}>
            <Form.Item name="deadline" label="截止日期（可不填）"><Input type="date" style={{ width: 180 }} /></Form.Item>
            <Form.Item name="askReceipt" label="要求阅读回执" valuePropName="checked" extra="要求的，收文组织打开即记录阅读人和时间"><Switch /></Form.Item>
          </Flex>
          <Form.Item name="mode" label="发送范围"><Radio.Group options={[{ value: 'region', label: '按区划和组织类别' }, { value: 'picked', label: '指定组织' }]} /></Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.mode !== b.mode}>
            {() => (form.getFieldValue('mode') === 'region' ? (
              <Flex wrap gap={12}>
                <Form.Item name="kinds" label="组织类别" rules={[{ required: true, message: '请至少选一类' }]}>
                  <Checkbox.Group options={[{ value: 'party_org', label: '党组织' }, { value: 'union_org', label: '工会' }]} />
                </Form.Item>
                <Form.Item name="regionCode" label="区划（不填为本单位全辖区）" style={{ minWidth: 240 }}><RegionField placeholder="本单位辖区内的街道或社区" /></Form.Item>
              </Flex>
            ) : <Form.Item name="picked" label="组织" rules={[{ required: true, message: '请选择组织' }]}><OrgPicker /></Form.Item>)}
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>只发给本单位辖区内、以自身属地登记的组织；其他街道的联建组织即使关联了本辖区企业，也由其所在街道发文。</Typography.Paragraph>
          <Form.List name="fields">
            {(rows, { add, remove }) => (
              <Card size="small" title="回执栏目（需要收文组织填报的内容；不设则无需回复）" extra={<Button size="small" icon={<PlusOutlined />} onClick={() => add({ type: 'text', required: true })} data-testid="notice-add-field">添加栏目</Button>}>
                {rows.map((r) => (
                  <Space key={r.key} wrap align="baseline" style={{ marginBottom: 8 }}>
                    <Form.Item name={[r.name, 'label']} rules={[{ required: true, message: '栏目名称' }]} noStyle><Input placeholder="栏目名称，如：党员人数" style={{ width: 200 }} maxLength={40} /></Form.Item>
                    <Form.Item name={[r.name, 'type']} noStyle><Select style={{ width: 90 }} options={Object.entries(NOTICE_FIELD_TYPE_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item>
                    <Form.Item noStyle shouldUpdate>{() => (form.getFieldValue(['fields', r.name, 'type']) === 'choice'
                      ? <Form.Item name={[r.name, 'options']} noStyle rules={[{ required: true, message: '选项' }]}><Input placeholder="选项，用逗号分隔" style={{ width: 200 }} /></Form.Item> : null)}</Form.Item>
                    <Form.Item name={[r.name, 'required']} valuePropName="checked" noStyle><Checkbox>必填</Checkbox></Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(r.name)} aria-label="删除栏目" />
                  </Space>
                ))}
              </Card>
            )}
          </Form.List>
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Button type="primary" loading={busy} onClick={() => void save(true)} data-testid="notice-publish">发布</Button>
            <Button loading={busy} onClick={() => void save(false)}>保存草稿</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
