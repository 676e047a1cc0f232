import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { OrgRecognitions, RecognitionInput } from '../../../../src/contracts/recognition';
import { RECOGNITION_KIND_LABELS, RECOGNITION_KINDS, RECOGNITION_LEVEL_LABELS, RECOGNITION_LEVELS } from '../../../../src/domain/recognition';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';

type Form_ = Omit<RecognitionInput, 'grantedOn'> & { grantedOn: Dayjs };

/** The organisation page's 示范点、联系点、表彰和结对共建: what it holds, and 登记 for its managers. */
export function RecognitionCard({ orgId }: { orgId: string }) {
  const r = useAsync(() => apiGet<OrgRecognitions>(`/api/party-orgs/${encodeURIComponent(orgId)}/recognitions`), [orgId]);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Form_>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await apiPost(`/api/party-orgs/${encodeURIComponent(orgId)}/recognitions`, { ...v, grantedOn: v.grantedOn.format('YYYY-MM-DD') });
      setOpen(false); form.resetFields(); r.reload();
    } catch (e) { setError(e); }
  };
  return (
    <Card size="small" title="示范点、联系点、表彰和结对共建" style={{ marginBottom: 16 }} data-testid="org-recognitions"
      extra={r.data?.manageable && <Button size="small" onClick={() => setOpen(true)}>登记</Button>}>
      <ErrorAlert error={r.error} />
      <List size="small" dataSource={r.data?.items ?? []} locale={{ emptyText: '暂无' }} renderItem={(x) => (
        <List.Item key={x.id}><Space wrap size={4}>
          <Tag>{RECOGNITION_KIND_LABELS[x.kind].replace(/（.*）/, '')}</Tag><Typography.Text>{x.title}</Typography.Text>
          {x.memberName && <Typography.Text>{x.memberName}</Typography.Text>}
          <Typography.Text type="secondary">{RECOGNITION_LEVEL_LABELS[x.level]} {x.grantedOn}{x.grantedBy ? ` ${x.grantedBy}` : ''}{x.document ? ` ${x.document}` : ''}</Typography.Text>
        </Space></List.Item>
      )} />
      {(r.data?.pairings.length ?? 0) > 0 && <List size="small" header="结对共建" dataSource={r.data!.pairings} renderItem={(p) => (
        <List.Item key={p.id}><Space wrap size={4}>
          {p.partnerOrgId ? <Link to={`/orgs/${p.partnerOrgId}`}>{p.partnerName}</Link> : <Typography.Text type="secondary">其他辖区党组织</Typography.Text>}
          <Typography.Text type="secondary">{p.since}起</Typography.Text>{p.content && <Typography.Text>{p.content}</Typography.Text>}
        </Space></List.Item>
      )} />}
      <Modal title="登记示范点、联系点或表彰" open={open} onOk={() => void save()} onCancel={() => setOpen(false)} okText="保存" destroyOnHidden>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'modelSite', level: 'street' }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}><Select options={RECOGNITION_KINDS.filter((k) => k !== 'personAward').map((k) => ({ value: k, label: RECOGNITION_KIND_LABELS[k] }))} /></Form.Item>
          <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称，如“区级党建示范点”“先进基层党组织”' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="level" label="级别" rules={[{ required: true }]}><Select options={RECOGNITION_LEVELS.map((l) => ({ value: l, label: RECOGNITION_LEVEL_LABELS[l] }))} /></Form.Item>
          <Form.Item name="grantedOn" label="授予（确定）日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="grantedBy" label="授予单位"><Input maxLength={100} /></Form.Item>
          <Form.Item name="document" label="文号"><Input maxLength={100} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
