import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Space, Tag, Typography } from 'antd';
import type { AppraisalSheet } from '../../../../src/contracts/appraisal';
import { REVIEWER_LABELS } from '../../../../src/domain/appraisal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getAppraisal, markAppraisal } from './api';
import { FigureList } from './FigureList';

/**
 * 述职评议 (a secretary, reached through the organisation) or 考核 (an instructor): the sheet with each
 * item's evidence from the records, the street's and the district's marks, total, grade and 补贴档次.
 * A reviewer fills their own column.
 */
export function AppraisalPage({ kind }: { kind: 'secretary' | 'instructor' }) {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('year')) || new Date().getFullYear());
  const sheet = useAsync(() => getAppraisal(kind, id, year), [kind, id, year]);
  const s = sheet.data;
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  useEffect(() => {
    if (!s?.reviewerLevel) return;
    setScores(Object.fromEntries(s.items.map((i) => [i.key, i.marks[s.reviewerLevel!]])));
    setComment(s.comment ?? '');
  }, [s]);
  async function save(x: AppraisalSheet) {
    setError(null);
    try {
      const marks = x.items.filter((i) => scores[i.key] != null).map((i) => ({ item: i.key, score: scores[i.key]! }));
      await markAppraisal(kind, id, { year, version: x.version, marks, comment: comment || null });
      message.success('评分已保存');
      sheet.reload();
    } catch (e) {
      setError(e);
    }
  }
  const back = kind === 'secretary' ? `/orgs/${id}` : `/instructors/${id}`;
  return (
    <>
      <PageHeader title={s ? `${s.kindLabel} · ${s.personName ?? '书记空缺'}` : '述职评议'}
        crumbs={[{ label: kind === 'secretary' ? '党组织' : '党建指导员', to: kind === 'secretary' ? '/orgs' : '/instructors' }, { label: s?.subjectName ?? '…', to: back }, { label: kind === 'secretary' ? '述职评议' : '考核' }]}
        extra={<InputNumber min={2024} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} data-testid="appraisal-year" />} />
      <ErrorAlert error={sheet.error ?? error} />
      {s && <>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { key: 't', label: '评分表', children: s.template.name },
            { key: 'p', label: '被评议人', children: s.personName ?? '年末书记空缺' },
            { key: 'total', label: '总分', children: <span data-testid="appraisal-total">{s.total ?? '未评完'}</span> },
            { key: 'g', label: '等次', children: s.gradeLabel ? <Tag color="blue" data-testid="appraisal-grade">{s.gradeLabel}</Tag> : '—' },
            { key: 'a', label: '补贴档次', children: s.allowance ?? '—' },
            { key: 'th', label: '等次标准', children: s.thresholds.map((t) => `${t.label}≥${t.min}`).join('，') },
          ]} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.template.source}</Typography.Text>
        </Card>
        {s.reviewerLevel && s.markable && <Alert style={{ marginBottom: 12 }} type="info" showIcon message={`您填写“${REVIEWER_LABELS[s.reviewerLevel]}”一栏；街道和区的评分取平均`} />}
        {s.items.map((i) => (
          <Card key={i.key} size="small" style={{ marginBottom: 12 }} data-testid={`item-${i.key}`}
            title={<Space wrap><span>{i.label}</span><Tag>{i.weight}分</Tag></Space>}
            extra={<Typography.Text type="secondary">街道 {i.marks.street ?? '—'} · 区 {i.marks.district ?? '—'}</Typography.Text>}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{i.guide}</Typography.Paragraph>
            {i.evidence.length > 0 ? <FigureList figures={i.evidence} /> : <Typography.Text type="secondary">无记录可引用，由评议人根据述职情况评分</Typography.Text>}
            {s.markable && <InputNumber min={0} max={i.weight} step={0.5} value={scores[i.key] ?? null} placeholder="评分" style={{ marginTop: 8, width: 140 }}
              onChange={(v) => setScores({ ...scores, [i.key]: v })} data-testid={`mark-${i.key}`} addonAfter={`/${i.weight}`} />}
          </Card>
        ))}
        {s.markable && <Card size="small" style={{ marginBottom: 16 }}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="评议意见" value={comment} onChange={(e) => setComment(e.target.value)} />
          <Button type="primary" style={{ marginTop: 8 }} onClick={() => save(s)} data-testid="appraisal-save">保存评分</Button>
        </Card>}
      </>}
      <Link to={back}>返回</Link>
    </>
  );
}
