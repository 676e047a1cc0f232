import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ReviewRow, StandardsRollup } from '../../../../src/contracts/standards';
import { checklistsOn, TEMPLATE_LABELS } from '../../../../src/domain/standards/standards-catalogue';
import { ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES, type AssessmentStatus } from '../../../../src/domain/standards/standards-status';
import { REVIEW_LEVEL_LABELS } from '../../../../src/domain/standards/standards-types';
import { download, withQuery } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getRollup, listReviews } from './api';
import { STATUS_COLOR } from './OrgStandardsPage';

type Filter = { templateId?: string; status?: AssessmentStatus; stars?: number; region?: string; grade?: string };
const STARS = [5, 4, 3, 2, 1, 0];
const starLabel = (s: number) => (s === 0 ? '达标' : `${s}星`);

/** The district view: by street, organisations per status and star level; a count opens the list filtered to it. */
function Rollup({ data, pick, grades }: { data: StandardsRollup; pick: (f: Filter) => void; grades: string[] }) {
  const count = (region: string | undefined, f: Filter, n: number) => (n ? <a onClick={() => pick({ ...f, region })} data-testid="rollup-count">{n}</a> : 0);
  type R = StandardsRollup['rows'][number];
  const cols = [
    { title: '街道（乡镇）', key: 'name', render: (r: R) => r.name ?? r.region },
    { title: '合计', key: 'total', render: (r: R) => count(r.region, {}, r.total) },
    ...ASSESSMENT_STATUSES.map((s) => ({ title: ASSESSMENT_STATUS_LABELS[s], key: s, render: (r: R) => count(r.region, { status: s }, r[s]) })),
    ...STARS.map((s) => ({ title: starLabel(s), key: `s${s}`, render: (r: R) => count(r.region, { stars: s }, r.stars[String(s)] ?? 0) })),
    // Named grades (职工之家) where the chosen template has them, highest first.
    ...grades.map((g) => ({ title: g, key: `g-${g}`, render: (r: R) => count(r.region, { grade: g }, r.grades?.[g] ?? 0) })),
    ...(data.sum.notStarted === null ? [] : [{ title: '未自评', key: 'none', render: (r: R) => r.notStarted ?? 0 }]),
  ];
  const sum = { region: '', name: '合计', ...data.sum } as R;
  return <Table size="small" rowKey="region" pagination={false} scroll={{ x: 'max-content' }} columns={cols} dataSource={[...data.rows, sum]} data-testid="standards-rollup" />;
}

/** 标准化建设审核: the area's assessments with their total and XLSX, filtered by template, status, stars and street. */
export function ReviewListPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [f, setF] = useState<Filter>({});
  const list = useAsync(() => listReviews({ year, ...f } as never), [year, f]);
  const roll = useAsync(() => getRollup(year, f.templateId), [year, f.templateId]);
  const [error, setError] = useState<unknown>(null);
  const columns = [
    { title: '组织', key: 'org', render: (r: ReviewRow) => <Link to={`/standards/assessments/${r.id}`} data-testid="review-row">{r.orgName}</Link> },
    { title: '街道', key: 'street', render: (r: ReviewRow) => r.streetName ?? '' },
    { title: '标准', key: 't', render: (r: ReviewRow) => r.templateName },
    { title: '状态', key: 's', render: (r: ReviewRow) => <Tag color={STATUS_COLOR[r.status]}>{ASSESSMENT_STATUS_LABELS[r.status]}{r.stage ? `（${REVIEW_LEVEL_LABELS[r.stage]}）` : ''}</Tag> },
    { title: '总分', key: 'total', render: (r: ReviewRow) => r.total ?? '' },
    { title: '结果', key: 'r', render: (r: ReviewRow) => r.result ?? '' },
    { title: '等次', key: 'g', render: (r: ReviewRow) => r.grade ?? '' },
  ];
  const grades = f.templateId ? [...(checklistsOn(`${year}-12-31`).find((v) => v.templateId === f.templateId)?.grades?.thresholds ?? [])].sort((a, b) => b.min - a.min).map((g) => g.grade) : [];
  const q = { year, ...f };
  return (
    <>
      <PageHeader title="标准化建设审核" extra={<InputNumber min={2019} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} />} />
      <ErrorAlert error={list.error ?? roll.error ?? error} />
      <Card size="small" title="按街道统计" style={{ marginBottom: 12 }}>{roll.data && <Rollup data={roll.data} grades={grades} pick={(x) => setF({ templateId: f.templateId, ...x })} />}</Card>
      <Card size="small" title={`自评（${list.data?.total ?? 0}个）`} extra={<Button size="small" onClick={() => void download(withQuery('/api/standards/reviews/export.xlsx', q), '标准化建设审核.xlsx').catch(setError)}>导出</Button>}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Select allowClear placeholder="标准" style={{ width: 160 }} value={f.templateId} onChange={(v) => setF({ ...f, templateId: v })}
            options={Object.entries(TEMPLATE_LABELS).map(([value, label]) => ({ value, label }))} data-testid="filter-template" />
          <Select allowClear placeholder="状态" style={{ width: 120 }} value={f.status} onChange={(v) => setF({ ...f, status: v })}
            options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: ASSESSMENT_STATUS_LABELS[s] }))} data-testid="filter-status" />
          <Select allowClear placeholder="星级" style={{ width: 100 }} value={f.stars} onChange={(v) => setF({ ...f, stars: v })}
            options={STARS.map((s) => ({ value: s, label: starLabel(s) }))} />
          {f.region && <Tag closable onClose={() => setF({ ...f, region: undefined })}>街道 {f.region}</Tag>}
          {f.grade && <Tag closable onClose={() => setF({ ...f, grade: undefined })}>{f.grade}</Tag>}
        </Space>
        <Table size="small" rowKey="id" scroll={{ x: 'max-content' }} columns={columns} dataSource={list.data?.items ?? []} pagination={{ pageSize: 50 }} data-testid="review-list" />
      </Card>
    </>
  );
}
