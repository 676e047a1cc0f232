import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Result, Select, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { PublicSurvey, PublicSurveyResult } from '../../../../src/contracts/survey';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { answerSurvey, getPublicSurvey } from './api';

type Field = PublicSurvey['fields'][number];

function input(f: Field): ReactNode {
  switch (f.type) {
    case 'number': return <InputNumber min={0} precision={0} style={{ width: '100%' }} size="large" inputMode="numeric" />;
    case 'date': return <DatePicker style={{ width: '100%' }} size="large" inputReadOnly />;
    case 'yesNo': return <Radio.Group size="large" options={['是', '否'].map((v) => ({ value: v, label: v }))} />;
    case 'choice': return <Select size="large" options={(f.options ?? []).map((v) => ({ value: v, label: v }))} />;
    default: return <Input size="large" maxLength={500} />;
  }
}

/**
 * The public 排查摸底 page (/s/:token): reached from the link or QR code on a phone, outside the login
 * shell — only the two public routes. Shows the enterprise and what the ledger holds now; a field the
 * server refuses is marked with the server's own Chinese message.
 */
export function PublicSurveyPage({ token }: { token: string }) {
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [result, setResult] = useState<PublicSurveyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  useEffect(() => { getPublicSurvey(token).then(setSurvey, setLoadError); }, [token]);
  useEffect(() => { if (survey) document.title = `${survey.campaignName} · ${survey.enterpriseName}`; }, [survey]);

  const submit = async (v: Record<string, unknown>) => {
    if (!survey) return;
    setBusy(true);
    setError(null);
    const values: Record<string, string | null> = {};
    for (const f of survey.fields) {
      const x = v[f.key];
      values[f.key] = x === undefined || x === null || x === '' ? null : f.type === 'date' ? (x as Dayjs).format('YYYY-MM-DD') : String(x);
    }
    try {
      setResult(await answerSurvey(token, { respondent: (v.__respondent as string) || null, values }));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        form.setFields(e.details.filter((d) => d.field?.startsWith('values.')).map((d) => ({ name: d.field!.slice(7), errors: [d.message ?? '填写有误'] })));
      }
    } finally { setBusy(false); }
  };

  const shell = (body: ReactNode) => <div style={{ maxWidth: 520, margin: '0 auto', padding: 16, minHeight: '100vh', background: '#fafafa' }}>{body}</div>;
  if (loadError) return shell(<ErrorAlert error={loadError} />);
  if (!survey) return shell(<Skeleton active />);
  if (result) return shell(<Result status="success" title={result.message} subTitle={survey.enterpriseName} data-testid="survey-result" extra={<Button onClick={() => setResult(null)}>返回修改</Button>} />);
  return shell(<>
    <Typography.Title level={4} style={{ color: '#c41d1d', marginTop: 8 }}>{survey.campaignName}</Typography.Title>
    <Typography.Title level={5} data-testid="survey-enterprise">{survey.enterpriseName}</Typography.Title>
    {survey.intro && <Typography.Paragraph>{survey.intro}</Typography.Paragraph>}
    <Typography.Paragraph type="secondary">填报截止：{survey.closesOn}。“台账现有”为街道（乡镇）掌握的情况，如有变化请填写最新情况。</Typography.Paragraph>
    {survey.locked && <Alert type="info" title="街道（乡镇）已处理您单位的填报，如需更改请与街道（乡镇）工作人员联系。" style={{ marginBottom: 12 }} />}
    <Card size="small">
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark onFinish={(v) => void submit(v)} disabled={survey.locked} data-testid="survey-form"
        initialValues={Object.fromEntries(survey.fields.filter((f) => f.answer !== null && f.type !== 'date' && !(f.type === 'text' && f.answer.includes('*'))).map((f) => [f.key, f.answer]))}>
        {survey.fields.map((f) => (
          <Form.Item key={f.key} name={f.key} label={f.label} extra={f.current !== null ? `台账现有：${f.current}` : undefined}
            rules={f.required ? [{ required: true, message: `请填写“${f.label}”` }] : []}>
            {input(f)}
          </Form.Item>
        ))}
        <Form.Item name="__respondent" label="填报人"><Input size="large" maxLength={50} autoComplete="name" /></Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="survey-submit">{survey.answered ? '更新填报' : '提交'}</Button>
      </Form>
    </Card>
  </>);
}
