import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Tag, Timeline, Typography } from 'antd';
import type { AnnualReport } from '../../../../src/contracts/annual-report';
import { editable, FACT_LABELS, NARRATIVE_FIELDS, NARRATIVE_LABELS } from '../../../../src/domain/annual-report';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getReport, reportFile, saveReport, submitReport } from './api';
import { FigureList } from './FigureList';
import { ReviewCard } from './ReviewCard';

const STATE_COLOR: Record<AnnualReport['state'], string> = { none: 'default', draft: 'blue', submitted: 'orange', passed: 'green', returned: 'red' };
type FormValues = { highlights?: string; problems?: string; plans?: string; honours?: string };

/**
 * An organisation's 年度党建工作报告: the figures the records give (each with its source), what
 * only the organisation knows (edited while it holds the pen), submit, the street's review, downloads.
 */
export function AnnualReportPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('year')) || new Date().getFullYear());
  const report = useAsync(() => getReport(id, year), [id, year]);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const r = report.data;
  useEffect(() => {
    if (r) form.setFieldsValue({ highlights: r.highlights ?? '', problems: r.problems ?? '', plans: r.plans ?? '', honours: r.facts.honours ?? '' });
  }, [r, form]);
  const canEdit = !!r && r.manageable && editable(r.state);

  async function run(step: () => Promise<AnnualReport>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await step();
      message.success(done);
      report.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const values = () => {
    const v = form.getFieldsValue();
    return { highlights: v.highlights || null, problems: v.problems || null, plans: v.plans || null, facts: { honours: v.honours || null } };
  };
  const save = () => run(() => saveReport(id, { year, version: r!.version, ...values() }), '已保存');
  // Submitting saves what is on the form first, so nothing typed is lost.
  const submit = () => run(async () => {
    const saved = await saveReport(id, { year, version: r!.version, ...values() });
    return submitReport(id, { year, version: saved.version });
  }, '已提交，等待街道审核');

  return (
    <>
      <PageHeader title={r ? `${r.orgName} · ${year}年度党建工作报告` : '年度党建工作报告'}
        crumbs={[{ label: '党组织', to: '/orgs' }, { label: r?.orgName ?? '党组织', to: `/orgs/${id}` }, { label: '年度报告' }]}
        extra={<Space wrap>
          <InputNumber min={2018} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} data-testid="report-year" />
          <a href={reportFile(id, year, 'docx')} data-testid="report-docx">下载Word</a>
          <a href={reportFile(id, year, 'pdf')} data-testid="report-pdf">下载PDF</a>
        </Space>} />
      <ErrorAlert error={report.error ?? error} />
      {r && <>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            <Tag color={STATE_COLOR[r.state]} data-testid="report-state">{r.stateLabel}</Tag>
            <Typography.Text type="secondary">数据截至 {r.asOf}{r.submittedAt ? `，提交于 ${r.submittedAt.slice(0, 10)}` : ''}</Typography.Text>
          </Space>
          {r.reviewComment && <Alert style={{ marginTop: 8 }} type={r.state === 'returned' ? 'warning' : 'info'} showIcon message={`审核意见：${r.reviewComment}`} />}
          {r.changedSince.length > 0 && <Alert style={{ marginTop: 8 }} type="info" showIcon data-testid="report-changed" message="提交后相关记录有变化（报告仍按提交时的数据）"
            description={r.changedSince.map((c) => `${c.label}：提交时 ${c.submitted ?? '—'}，现为 ${c.now ?? '—'}`).join('；')} />}
        </Card>
        {r.sections.map((s) => (
          <Card key={s.key} size="small" title={s.title} style={{ marginBottom: 16 }} data-testid={`section-${s.key}`}>
            <FigureList figures={s.figures} />
          </Card>
        ))}
        <Card size="small" title="记录无法反映的情况（由本组织填写）" style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" disabled={!canEdit}>
            {NARRATIVE_FIELDS.map((k) => (
              <Form.Item key={k} name={k} label={NARRATIVE_LABELS[k]}><Input.TextArea rows={4} maxLength={5000} showCount data-testid={`report-${k}`} /></Form.Item>
            ))}
            <Form.Item name="honours" label={FACT_LABELS.honours}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
          </Form>
          {canEdit && <Space wrap>
            <Button onClick={save} loading={busy} data-testid="report-save">保存</Button>
            <Button type="primary" onClick={submit} loading={busy} data-testid="report-submit">提交审核</Button>
          </Space>}
          {!r.manageable && <Typography.Text type="secondary">由本组织填写和提交</Typography.Text>}
        </Card>
        {r.reviewable && <ReviewCard orgId={id} report={r} onDone={report.reload} />}
        {r.history.length > 0 && <Card size="small" title="办理记录" style={{ marginBottom: 16 }}>
          <Timeline items={r.history.map((h) => ({ children: `${h.at.slice(0, 10)} ${h.label}${h.by ? `（${h.by}）` : ''}${h.comment ? `：${h.comment}` : ''}` }))} />
        </Card>}
      </>}
      <Space wrap><Link to={`/orgs/${id}`}>返回党组织</Link><Link to={`/orgs/${id}/appraisal?year=${year}`}>书记述职评议</Link></Space>
    </>
  );
}
