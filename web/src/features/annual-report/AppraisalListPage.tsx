import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { AppraisalList, AppraisalListFilter, AppraisalListItem } from '../../../../src/contracts/appraisal-list';
import { APPRAISAL_KIND_LABELS, APPRAISAL_STATE_LABELS, APPRAISAL_STATES, type AppraisalKind, type AppraisalState } from '../../../../src/domain/appraisal';
import { roleAllows } from '../../../../src/domain/permissions';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useKeysetList } from '../../ui/useKeysetList';
import { appraisalExportUrl, listAppraisals } from './api';

const COLOR: Record<AppraisalState, string> = { unmarked: 'default', marking: 'orange', marked: 'green' };

/**
 * 述职评议、考核情况: every secretary and 党建指导员 of the reader's area due an appraisal in the year —
 * 未评分 first to find — with the total by state, each name opening the sheet; 导出 holds exactly
 * the filter's rows. Area, year, kind and state live in the address; it opens on the person's own area.
 */
export function AppraisalListPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'org.read'));
  const region = params.get('region') ?? (unrestricted ? undefined : me?.areas?.[0]?.prefix);
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const kind = (params.get('kind') as AppraisalKind | null) ?? undefined;
  const state = (params.get('state') as AppraisalState | null) ?? undefined;
  const q: AppraisalListFilter = { year, region: region || undefined, kind, state };
  const [counts, setCounts] = useState<AppraisalList['byState']>({});
  const list = useKeysetList((cursor?: string | null) => listAppraisals(q, cursor).then((p) => { if (!cursor) setCounts(p.byState); return p; }),
    `${year}:${region ?? ''}:${kind ?? ''}:${state ?? ''}`);
  const go = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const columns = [
    { title: '姓名', key: 'person', render: (r: AppraisalListItem) => <Link to={r.link}>{r.personName ?? '（无在任书记）'}</Link> },
    { title: '类别', key: 'kind', render: (r: AppraisalListItem) => r.kindLabel },
    { title: '党组织或指导员', key: 'subject', render: (r: AppraisalListItem) => <Link to={r.kind === 'secretary' ? `/orgs/${r.subjectId}` : `/instructors/${r.subjectId}`}>{r.subjectName}</Link> },
    { title: '评分', key: 'state', render: (r: AppraisalListItem) => <Tag color={COLOR[r.state]}>{r.stateLabel}</Tag> },
    { title: '总分', key: 'total', render: (r: AppraisalListItem) => r.total ?? '—' },
    { title: '等次', key: 'grade', render: (r: AppraisalListItem) => r.gradeLabel ?? '—' },
    { title: '补贴档次', key: 'allowance', render: (r: AppraisalListItem) => r.allowance ?? '—' },
  ];
  return (
    <>
      <PageHeader title="述职评议、考核情况" extra={<Space wrap>
        <RegionSelect value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4} placeholder="选择或搜索区划"
          style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }} onChange={(code) => go({ region: code ? regionPrefix(code) : '' })} />
        <InputNumber min={2018} max={new Date().getFullYear()} value={year} onChange={(v) => v && go({ year: String(v) })} addonAfter="年" style={{ width: 120 }} data-testid="appraisals-year" />
        <Select allowClear placeholder="全部类别" value={kind} style={{ width: 200 }} onChange={(v) => go({ kind: v ?? '' })}
          options={(Object.keys(APPRAISAL_KIND_LABELS) as AppraisalKind[]).map((k) => ({ value: k, label: APPRAISAL_KIND_LABELS[k] }))} />
        <ExportButton url={appraisalExportUrl(q)} fileName={`${year}年度述职评议考核情况.xlsx`} testId="appraisals-export" />
      </Space>} />
      <ErrorAlert error={list.error} />
      <Segmented style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }} value={state ?? 'all'} data-testid="appraisals-state"
        onChange={(v) => go({ state: v === 'all' ? '' : String(v) })}
        options={[{ value: 'all', label: '全部' }, ...APPRAISAL_STATES.map((s) => ({ value: s, label: `${APPRAISAL_STATE_LABELS[s]}${counts[s] !== undefined && !state ? ` ${counts[s]}` : ''}` }))]} />
      <Card size="small" title={<Typography.Text data-testid="appraisals-total">{list.loading || list.total === null ? '正在查询……' : `共 ${list.total} 人${list.items.length < list.total ? `，已显示 ${list.items.length} 人` : ''}`}</Typography.Text>}>
        <Table<AppraisalListItem> rowKey={(r) => `${r.kind}${r.subjectId}`} size="small" loading={list.loading} columns={columns} dataSource={list.items}
          pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '没有应评议的书记或指导员' }} data-testid="appraisals-table" />
        {list.hasMore && <Button block style={{ marginTop: 8 }} onClick={list.loadMore} data-testid="appraisals-more">加载更多</Button>}
      </Card>
    </>
  );
}
