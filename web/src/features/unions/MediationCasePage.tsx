import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Timeline, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { MEDIATION_CATEGORY_LABEL, MEDIATION_STATUS_LABEL, fenToCapitals, fenToYuanText, isClosedStatus } from '../../../../src/domain/mediation';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { clockTag } from './MediationCasesDrawer';
import { DOCUMENTS, closeCase, downloadDocument, getCase, startCase, type MediationCaseDetail } from './mediation-api';

const EVENT_LABEL: Record<string, string> = { received: '受理', started: '开始调解', edited: '修改', agreed: '达成协议', failed: '未达成协议', withdrawn: '撤回' };
const today = () => dayjs().format('YYYY-MM-DD');

/** A mediation case: its facts and clock, parties (masked), findings with sources, the timeline, 开始调解 / 结案 and the three documents. */
export function MediationCasePage() {
  const { id = '' } = useParams();
  const c = useAsync(() => getCase(id), [id]);
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const d = c.data;
  const run = async (f: () => Promise<unknown>) => { setError(null); try { await f(); c.reload(); return true; } catch (e) { setError(e); return false; } };
  return (
    <>
      <PageHeader title={d ? `调解案件 ${d.caseNumber}` : '调解案件'} extra={<Link to="/mediation">返回劳动争议调解</Link>} />
      <ErrorAlert error={c.error ?? error} />
      {d && <>
        {d.access === 'partial' && <Alert style={{ marginBottom: 12 }} type="info" showIcon message="本案由其他街道的调解组织受理，因用人单位在您的辖区而可见，您只能查看。" />}
        <Card size="small" style={{ marginBottom: 12 }} title={<Space wrap>{MEDIATION_STATUS_LABEL[d.status]}{clockTag(d)}</Space>}
          extra={d.manageable && !isClosedStatus(d.status) ? <Space wrap>
            {d.status === 'accepted' && <Button data-testid="mediation-start" onClick={() => run(() => startCase(d.id, { version: d.version, on: today() }))}>开始调解</Button>}
            <Button type="primary" data-testid="mediation-close" onClick={() => setClosing(true)}>结案</Button>
          </Space> : null}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { label: '调解组织', children: d.bodyKind === 'enterprise' ? <Link to={`/mediation/bodies/${d.bodyId}`}>{d.bodyName}</Link> : d.bodyName },
            { label: '所在街道', children: d.streetName ?? '—' },
            { label: '用人单位', children: d.employerEnterpriseId ? <Link to={`/enterprises/${d.employerEnterpriseId}`}>{d.employerName}</Link> : d.employerName },
            { label: '争议类别', children: MEDIATION_CATEGORY_LABEL[d.category] },
            { label: '收到申请', children: d.receivedOn },
            { label: '调解期限', children: `${d.mediationDays}日，至${d.dueOn}` },
            { label: '请求金额', children: `${fenToYuanText(d.claimedFen)}（${fenToCapitals(d.claimedFen)}）` },
            { label: '协议金额', children: d.agreedFen === null ? '—' : `${fenToYuanText(d.agreedFen)}（${fenToCapitals(d.agreedFen)}）` },
            { label: '知道权利被侵害之日', children: d.knownOn ?? '未登记' },
            { label: '结案日期', children: d.closedOn ?? '—' },
            ...(d.arbitrationLimitOn ? [{ label: '申请仲裁时效届满', children: <Tag color="purple">{d.arbitrationLimitOn}</Tag> }] : []),
            ...(d.reviewUntil ? [{ label: '共同申请仲裁审查截止', children: d.reviewUntil }] : []),
            { label: '调解请求', span: 2, children: d.claim },
            ...(d.agreementText ? [{ label: '协议内容', span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.agreementText}</Typography.Paragraph> }] : []),
            ...(d.outcomeNote ? [{ label: '说明', span: 2, children: d.outcomeNote }] : []),
          ]} />
        </Card>
        <Card size="small" style={{ marginBottom: 12 }} title="文书（Word）">
          <Space wrap>
            {DOCUMENTS.filter((x) => x.kind === 'acceptance' || (x.kind === 'agreement' ? d.status === 'agreed' : d.status === 'failed' || d.status === 'withdrawn'))
              .map((x) => <Button key={x.kind} data-testid={`mediation-doc-${x.kind}`} icon={<FileWordOutlined />} onClick={() => run(() => downloadDocument(d, x.kind, x.label))}>{x.label}</Button>)}
          </Space>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }} title={`当事人（申请人${d.applicantCount}人${d.collective ? '，集体劳动争议' : ''}）`}>
          <Table rowKey={(p) => `${p.role}-${p.personId}`} size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} dataSource={d.parties}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '身份', dataIndex: 'role', render: (r: string) => (r === 'representative' ? <Tag color="blue">推举的代表</Tag> : '申请人') },
              { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
              { title: '身份证号码', dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
            ]} />
        </Card>
        {d.findings.length > 0 && <Card size="small" style={{ marginBottom: 12 }} title="期限与提醒">
          {d.findings.map((f) => <Typography.Paragraph key={f.ruleId} style={{ marginBottom: 6 }}>
            <Tag color={f.severity === 'overdue' ? 'red' : f.severity === 'warning' ? 'orange' : 'default'}>{f.title}</Tag>{f.message}
            <br /><Typography.Text type="secondary">依据：{f.source}</Typography.Text>
          </Typography.Paragraph>)}
        </Card>}
        <Card size="small" title="办理经过">
          <Timeline items={d.events.map((e) => ({ children: `${e.at} ${EVENT_LABEL[e.kind] ?? e.kind}` }))} />
        </Card>
        <CloseDialog open={closing} detail={d} onClose={() => setClosing(false)} onDone={async (body) => { if (await run(() => closeCase(d.id, body))) setClosing(false); }} />
      </>}
    </>
  );
}

type CloseBody = Parameters<typeof closeCase>[1];
function CloseDialog({ open, detail, onClose, onDone }: { open: boolean; detail: MediationCaseDetail; onClose(): void; onDone(b: CloseBody): void }) {
  const [form] = Form.useForm();
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal open={open} title="结案" onCancel={onClose} okText="确定" destroyOnHidden onOk={async () => {
      const v = await form.validateFields();
      onDone({
        version: detail.version, outcome: v.outcome, on: v.on.format('YYYY-MM-DD'), note: v.note || null,
        ...(v.outcome === 'agreed' ? { agreedFen: Math.round(Number(v.agreedYuan ?? 0) * 100), agreementText: v.agreementText } : {}),
      });
    }}>
      <Form form={form} layout="vertical" initialValues={{ outcome: 'agreed', on: dayjs() }}>
        <Form.Item name="outcome" label="结果" rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'agreed', label: '达成协议' }, { value: 'failed', label: '未达成协议' }, { value: 'withdrawn', label: '撤回' }]} />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(x) => x.isAfter(dayjs()) || x.isBefore(dayjs(detail.receivedOn))} />
        </Form.Item>
        {outcome === 'agreed' && <>
          <Form.Item name="agreedYuan" label="协议金额（元）" rules={[{ required: true, message: '请填写协议金额，无金额填0' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="agreementText" label="协议内容（每行一项）" rules={[{ required: true, message: '请填写协议内容' }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </>}
        {outcome === 'failed' && <Alert style={{ marginBottom: 12 }} type="info" message={detail.knownOn ? '当事人可以依法申请仲裁；申请仲裁的时效期间为一年（《劳动争议调解仲裁法》第二十七条）。' : '未登记知道权利被侵害之日，无法计算仲裁时效届满日。'} />}
        <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
