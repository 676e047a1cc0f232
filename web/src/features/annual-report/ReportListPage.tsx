import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ReportList, ReportListFilter, ReportListItem } from '../../../../src/contracts/annual-report';
import { REPORT_STATE_LABELS, type ReportState } from '../../../../src/domain/annual-report';
import { roleAllows } from '../../../../src/domain/permissions';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useKeysetList } from '../../ui/useKeysetList';
import { listExportUrl, listReports } from './api';

const STATES: ReportState[] = ['none', 'draft', 'submitted', 'returned', 'passed'];
const COLOR: Record<ReportState, string> = { none: 'default', draft: 'blue', submitted: 'orange', passed: 'green', returned: 'red' };

/**
 * 年度报告填报情况: every organisation of the reader's area with the state of its report and its key
 * figures, filtered by state (待审核 first for a street), each row opening the report; the XLSX
 * summary holds exactly these rows. Opens on the person's own area for the current year.
 */
export function ReportListPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'org.read'));
  const home = unrestricted ? undefined : me?.areas?.[0]?.prefix;
  const region = params.get('region') ?? home;
  const year = Number(params.get('year')) || new Date().getFullYear();
  const state = (params.get('state') as ReportState | null) ?? undefined;
  const q: ReportListFilter = { year, region: region || undefined, state };
  // Counts by state come with the first page; later pages only add rows.
  const [counts, setCounts] = useState<ReportList['byState']>({});
  const list = useKeysetList((cursor?: string | null) => listReports(q, cursor).then((p) => { if (!cursor) setCounts(p.byState); return p; }), `${year}:${region ?? ''}:${state ?? ''}`);
  const go = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const columns = [
    { title: '党组织', key: 'org', render: (r: ReportListItem) => <Link to={`/orgs/${r.orgId}/annual-report?year=${year}`}>{r.orgName}</Link> },
    { title: '状态', key: 'state', render: (r: ReportListItem) => <Tag color={COLOR[r.state]}>{r.stateLabel}</Tag> },
    { title: '党员', dataIndex: 'members', key: 'members' },
    { title: '预备党员', dataIndex: 'probationary', key: 'probationary' },
    { title: '本年接收', dataIndex: 'admitted', key: 'admitted' },
    { title: '提交时间', key: 'at', render: (r: ReportListItem) => r.submittedAt?.slice(0, 10) ?? '' },
  ];
  return (
    <>
      <PageHeader title="年度党建工作报告" extra={<Space wrap>
        <RegionSelect value={region ? region.padEnd(12, '0') : undefined} allowClear={unrestricted} maxLevel={4} placeholder="选择或搜索区划"
          style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }} onChange={(code) => go({ region: code ? regionPrefix(code) : '' })} />
        <InputNumber min={2018} max={new Date().getFullYear()} value={year} onChange={(v) => v && go({ year: String(v) })} addonAfter="年" style={{ width: 120 }} />
      </Space>} />
      <ErrorAlert error={list.error} />
      <Segmented style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }} value={state ?? 'all'} data-testid="reports-state"
        onChange={(v) => go({ state: v === 'all' ? '' : String(v) })}
        options={[{ value: 'all', label: `全部` }, ...STATES.map((s) => ({ value: s, label: `${REPORT_STATE_LABELS[s]}${counts[s] !== undefined && !state ? ` ${counts[s]}` : ''}` }))]} />
      <Card size="small" title={<Typography.Text data-testid="reports-total">{list.loading || list.total === null ? '正在查询……' : `共 ${list.total} 个党组织${list.items.length < list.total ? `，已显示 ${list.items.length} 个` : ''}`}</Typography.Text>}
        extra={<a href={listExportUrl(q)} data-testid="reports-export">导出汇总表</a>}>
        <Table<ReportListItem> rowKey="orgId" size="small" loading={list.loading} columns={columns} dataSource={list.items}
          pagination={false} scroll={{ x: 'max-content' }} data-testid="reports-table" />
        {list.hasMore && <Button block style={{ marginTop: 8 }} onClick={list.loadMore} data-testid="reports-more">加载更多</Button>}
      </Card>
    </>
  );
}
