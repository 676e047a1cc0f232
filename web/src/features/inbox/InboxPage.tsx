import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Badge, Button, Card, Flex, Select, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import type { InboxTask } from '../../../../src/contracts/task';
import { TASK_STATE_LABEL } from '../../../../src/domain/task-kinds';
import { INBOX_TABS, inboxCounts, inboxExportUrl, listInbox, refreshInbox, type InboxFilters, type InboxView } from './api';
import { OverdueBoard } from './OverdueBoard';
import { TaskDrawer } from './TaskDrawer';

// One first column carries what a phone must show: the task (opening its detail), the record it is about (a link) and why.
const columnsFor = (open: (id: string) => void): TableProps<InboxTask>['columns'] => [
  { title: '事项', key: 'kind', render: (_: unknown, r) => (
    <Flex vertical gap={2} style={{ maxWidth: 300 }}>
      <span><Typography.Link onClick={() => open(r.id)} data-testid="inbox-open-task">{r.kindLabel}</Typography.Link>{r.assignee && <Tag color="blue" style={{ marginInlineStart: 6 }}>{r.assignee}</Tag>}{!r.actionable && <Tag style={{ marginInlineStart: 6 }} title={r.viewOnlyReason ?? undefined}>仅可查看</Tag>}</span>
      <span><Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>{r.link.entityLabel}</Typography.Text>
        <Link to={r.link.href}>{r.subjectName}</Link></span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.reason}</Typography.Text>
    </Flex>
  ) },
  { title: '办理期限', key: 'dueOn', render: (_: unknown, r) => (r.overdue ? <Typography.Text type="danger">{r.dueOn}（已逾期）</Typography.Text> : r.dueOn) },
  { title: '状态', key: 'state', responsive: ['sm'], render: (_: unknown, r) => (r.closedReason ? `${r.stateLabel}（${r.closedReason}）` : r.stateLabel) },
  { title: '属地', dataIndex: 'regionCode', key: 'regionCode', responsive: ['md'], render: (c: string | null) => <RegionName code={c} /> },
  { title: '依据', key: 'source', responsive: ['lg'], width: 320, render: (_: unknown, r) => <Typography.Text style={{ fontSize: 12 }}>{r.source}（{r.dueRule}）</Typography.Text> },
];

function useInbox(filters: InboxFilters, key: string) {
  const first = useAsync(() => listInbox(filters), [key]);
  const [more, setMore] = useState<{ items: InboxTask[]; cursor: string | null }>({ items: [], cursor: null });
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null }), [first.data]);
  const loadMore = () => listInbox(filters, more.cursor).then((p) => setMore((m) => ({ items: [...m.items, ...p.items], cursor: p.nextCursor })), setMoreError);
  return { first, items: [...(first.data?.items ?? []), ...more.items], cursor: more.cursor, loadMore, error: first.error ?? moreError };
}

/** 待办: my tasks, my role's in my scope, the overdue ones; each links to the record to fix. */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const view = (INBOX_TABS.find((t) => t.key === params.get('view'))?.key ?? 'role') as InboxView;
  const region = params.get('region') ? regionPrefix(params.get('region')!) : undefined;
  const filters: InboxFilters = useMemo(() => ({
    view, regionPrefix: region, kind: params.get('kind') ?? undefined,
    state: view === 'overdue' ? undefined : ((params.get('state') as InboxFilters['state']) ?? 'open'),
  }), [params, view, region]);
  const counts = useAsync(() => inboxCounts(region), [region]);
  const { first, items, cursor, loadMore, error } = useInbox(filters, params.toString());
  const { message } = App.useApp();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const exportList = () => download(inboxExportUrl(filters), 'inbox.xlsx').catch((e: unknown) => message.error(errorMessage(e)));
  const { can } = useAuth();
  const [refreshing, setRefreshing] = useState(false);
  // The district re-runs the rules after records changed; counts and list reload with the result.
  const refresh = () => {
    setRefreshing(true);
    refreshInbox().then((r) => {
      const t = r.results.reduce((a, x) => ({ opened: a.opened + x.opened, closed: a.closed + x.closed, reopened: a.reopened + x.reopened }), { opened: 0, closed: 0, reopened: 0 });
      message.success(`已刷新：新增 ${t.opened}，已整改关闭 ${t.closed}，重新打开 ${t.reopened}`);
      counts.reload();
      first.reload();
    }, (e: unknown) => message.error(errorMessage(e))).finally(() => setRefreshing(false));
  };
  const n = counts.data?.views;
  // The open task is in the address (?task=id), so a link or the back button reaches it.
  const openTask = params.get('task');
  const columns = useMemo(() => columnsFor((id) => set({ task: id })), [params]);

  return (
    <>
      <PageHeader title="待办" extra={<Flex gap={8}>
        {can('task.refresh') && <Button icon={<SyncOutlined />} loading={refreshing} onClick={refresh} data-testid="inbox-refresh">按规则刷新</Button>}
        <Button type="primary" icon={<DownloadOutlined />} onClick={exportList} data-testid="inbox-export">导出</Button>
      </Flex>} />
      <Card>
        <Tabs activeKey={view} onChange={(k) => set({ view: k, state: undefined })} data-testid="inbox-tabs"
          items={INBOX_TABS.map((t) => ({ key: t.key, label: <span>{t.label} <Badge count={n?.[t.key] ?? 0} showZero color={t.key === 'overdue' ? 'red' : 'blue'} overflowCount={9999} /></span> }))} />
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <RegionSelect value={params.get('region') ?? undefined} onChange={(v) => set({ region: v })} placeholder="属地" data-testid="inbox-region" />
          <Select allowClear placeholder="事项类别" value={filters.kind} onChange={(v?: string) => set({ kind: v })} style={{ minWidth: 180 }} popupMatchSelectWidth={false}
            options={(counts.data?.byKind ?? []).map((k) => ({ value: k.kind, label: `${k.label}（${k.open}）` }))} />
          {view !== 'overdue' && <Select value={filters.state} onChange={(v: string) => set({ state: v })} style={{ width: 120 }}
            options={Object.entries(TASK_STATE_LABEL).map(([value, label]) => ({ value, label }))} />}
        </Flex>
        <ErrorAlert error={error ?? counts.error} />
        <Typography.Paragraph type="secondary" data-testid="inbox-total">
          {first.loading ? '正在查询……' : `合计 ${first.data?.total ?? 0} 条，已显示 ${items.length} 条`}
        </Typography.Paragraph>
        <Table<InboxTask> rowKey="id" size="middle" columns={columns} dataSource={items} loading={first.loading} pagination={false}
          scroll={{ x: 'max-content' }} data-testid="inbox-table" locale={{ emptyText: view === 'mine' ? '没有分派给您的待办' : '没有待办事项' }} />
        {cursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={loadMore}>加载更多</Button></div>}
      </Card>
      <TaskDrawer id={openTask} onClose={() => set({ task: undefined })} onChanged={() => { counts.reload(); first.reload(); }} />
      {view === 'overdue' && <OverdueBoard regionPrefix={region} onDrill={(street, kind) => set({ region: street, kind })} />}
    </>
  );
}
