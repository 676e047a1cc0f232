import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { PlacementQueue, PlacementQueueItem } from '../../../../src/contracts/placement-queue';
import { download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { VersionConflictAlert, isVersionConflict } from '../../ui/VersionConflict';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { getEnterprise, listPlacementQueue, queueExportUrl, setPlacement, type QueueFilters } from './api';
import { PlacementBulkBar } from './PlacementBulkBar';

/** Township (9 digits) or community (12): placing at the county would not place anything. */
const precise = (code?: string) => Boolean(code && regionPrefix(code).length >= 9);

/**
 * One row's picker: choose the township or community, then confirm. Starts on the suggestion when
 * there is one. The row's version goes with it; if someone placed or re-imported the enterprise
 * meanwhile, the conflict stays in the row with a reload (`onReload`), so the officer decides again.
 */
function PlaceCell({ item, onPlaced, onReload }: { item: PlacementQueueItem; onPlaced: (id: string) => void; onReload: (id: string) => Promise<void> }) {
  const { message } = App.useApp();
  const [code, setCode] = useState<string | undefined>(item.suggestion?.regionCode ?? item.regionCode ?? undefined);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const save = async () => {
    if (!code || !precise(code)) return;
    setBusy(true);
    setConflict(false);
    try {
      await setPlacement(item.id, code, item.version);
      message.success(`已认定：${item.name}`);
      onPlaced(item.id);
    } catch (err) {
      if (isVersionConflict(err)) setConflict(true);
      else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const reload = () => onReload(item.id).then(() => setConflict(false), (err: unknown) => message.error(errorMessage(err)));
  return (
    <>
      {conflict && <VersionConflictAlert onReload={reload} style={{ marginBottom: 8 }} />}
      <Flex gap={8} wrap>
        <RegionSelect value={code} onChange={setCode} placeholder="选择街道（乡镇）或社区（村）" style={{ width: 'min(100%, 280px)' }} allowClear={false} />
        <Button type="primary" disabled={!precise(code)} loading={busy} onClick={save} title={precise(code) ? undefined : '请选择到街道（乡镇）或社区（村）'}>确认</Button>
      </Flex>
    </>
  );
}

function SuggestionCell({ item }: { item: PlacementQueueItem }) {
  const s = item.suggestion;
  if (!s) return <Typography.Text type="secondary">无建议</Typography.Text>;
  return (
    <Flex vertical gap={2} align="start">
      <span>{s.regionName}</span>
      {s.basis === 'road'
        ? <Tag color="orange" title={item.reason}>按道路名推测，请核实</Tag>
        : <Tag color="green">按住所认定</Tag>}
    </Flex>
  );
}

const filtersFrom = (p: URLSearchParams): QueueFilters => ({ suggested: p.get('suggested') ?? undefined, q: p.get('q') ?? undefined });

export function PlacementQueuePage() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const first = useAsync(() => listPlacementQueue(filters), [filters.suggested, filters.q]);
  const [queue, setQueue] = useState<PlacementQueue | null>(null);
  const [items, setItems] = useState<PlacementQueueItem[]>([]);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    if (!first.data) return;
    setQueue(first.data);
    setItems(first.data.items);
    setSelectedIds([]);
  }, [first.data]);

  const setFilter = (patch: QueueFilters) => {
    const next = { ...filters, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>);
  };
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await listPlacementQueue(filters, queue?.nextCursor);
      setItems((all) => [...all, ...page.items]);
      setQueue((q) => (q ? { ...q, nextCursor: page.nextCursor } : q));
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };
  const placed = (id: string) => {
    setItems((all) => all.filter((i) => i.id !== id));
    setSelectedIds((ids) => ids.filter((x) => x !== id));
    setQueue((q) => (q ? { ...q, total: Math.max(0, q.total - 1) } : q));
  };
  /** The row read again after a conflict: gone from the queue if someone placed it, else its new version. */
  const reloadOne = async (id: string) => {
    const fresh = await getEnterprise(id);
    if (fresh.placement !== 'pending') placed(id);
    else setItems((all) => all.map((i) => (i.id === id ? { ...i, version: fresh.version, regionCode: fresh.regionCode, regionName: fresh.regionName } : i)));
  };

  const total = queue?.total ?? 0;
  const townships = queue?.townships ?? [];
  const chosen = townships.find((t) => t.townshipCode === filters.suggested);
  // The township counts are taken under the other filters (the name search too), so they add up to what "全部接受" accepts.
  const withSuggestion = townships.reduce((n, t) => n + t.count, 0);
  const suggestedTotal = !filters.suggested ? withSuggestion : chosen ? chosen.count : 0;
  const filterLabel = chosen ? `建议为${chosen.name}的` : filters.q ? '当前筛选下' : '待认定名单中';
  const selected = items.filter((i) => selectedIds.includes(i.id));
  const save = (url: string, name: string) => download(url, name).catch((err: unknown) => message.error(errorMessage(err)));

  return (
    <>
      <PageHeader title="待认定属地" crumbs={[{ label: '企业台账', to: '/enterprises' }, { label: '待认定属地' }]} />
      <Card>
        <Typography.Paragraph type="secondary">
          以下企业未能按住所自动认定到街道（乡镇）。平台按住所给出建议属地；仅凭道路名（如“建设路”）推测的建议须核实后再接受。认定后记入企业变更记录和审计日志。
        </Typography.Paragraph>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select style={{ width: 'min(100%, 300px)' }} value={filters.suggested ?? ''} onChange={(v: string) => setFilter({ suggested: v || undefined })} data-testid="suggested-filter"
            options={[
              { value: '', label: `全部（${withSuggestion + (queue?.withoutSuggestion ?? 0)}）` },
              ...townships.map((t) => ({ value: t.townshipCode, label: `${t.name}（${t.count}）` })),
              { value: 'none', label: `无建议（${queue?.withoutSuggestion ?? 0}）` },
            ]} />
          <Input.Search allowClear placeholder="企业名称或信用代码" defaultValue={filters.q} onSearch={(v) => setFilter({ q: v.trim() || undefined })} style={{ width: 'min(100%, 240px)' }} />
          <Typography.Text data-testid="queue-total">共 {total} 家</Typography.Text>
          {can('enterprise.export') && (
            <Button icon={<DownloadOutlined />} onClick={() => save(queueExportUrl(filters), '待认定属地.xlsx')} data-testid="queue-export">导出</Button>
          )}
        </Flex>
        {can('enterprise.place') && (
          <PlacementBulkBar selected={selected} filters={filters} suggestedTotal={suggestedTotal}
            filterLabel={filterLabel} onDone={first.reload} />
        )}
        <ErrorAlert error={first.error ?? error} />
        <Table<PlacementQueueItem> rowKey="id" loading={first.loading} dataSource={items} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有待认定属地的企业' }} data-testid="placement-table"
          rowSelection={can('enterprise.place') ? { selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys.map(String)) } : undefined}
          columns={[
            { title: '企业名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/enterprises/${r.id}`}>{n}</Link> },
            { title: '住所', dataIndex: 'address', render: (a: string | null) => a ?? '—' },
            { title: '当前属地', key: 'region', render: (_: unknown, r) => r.regionName ?? '未认定' },
            { title: '建议属地', key: 'suggestion', render: (_: unknown, r) => <SuggestionCell item={r} /> },
            ...(can('enterprise.place') ? [{ title: '认定属地', key: 'place', render: (_: unknown, r: PlacementQueueItem) => <PlaceCell key={`${r.id}@${r.version}`} item={r} onPlaced={placed} onReload={reloadOne} /> }] : []),
          ]} />
        {queue?.nextCursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={loadMore} loading={loadingMore}>加载更多</Button></div>}
      </Card>
    </>
  );
}
