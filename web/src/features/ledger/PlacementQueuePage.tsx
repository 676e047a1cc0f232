import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { VersionConflictAlert, isVersionConflict } from '../../ui/VersionConflict';
import { PageHeader } from '../../ui/PageHeader';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { getEnterprise, listPlacementQueue, setPlacement } from './api';
import type { EnterpriseListItem } from './types';

/**
 * The address is what the officer decides by. List items do not carry it (yet), so a row without
 * it reads it from the enterprise's detail.
 */
function AddressCell({ item }: { item: EnterpriseListItem }) {
  const detail = useAsync(() => (item.address !== undefined ? Promise.resolve(null) : getEnterprise(item.id)), [item.id, item.address]);
  const address = item.address !== undefined ? item.address : detail.data?.address;
  return <>{address ?? (detail.loading ? '…' : '—')}</>;
}

/** Township (9 digits) or community (12): placing at the county would not place anything. */
const precise = (code?: string) => Boolean(code && regionPrefix(code).length >= 9);

/**
 * One row's picker: choose the township or community, then confirm. The row's version goes with it;
 * if someone placed or re-imported the enterprise meanwhile, the conflict stays in the row with a
 * reload of the enterprise (`onReload`), so the officer decides again on what is stored now.
 */
function PlaceCell({ item, onPlaced, onReload }: { item: EnterpriseListItem; onPlaced: (id: string) => void; onReload: (id: string) => Promise<void> }) {
  const { message } = App.useApp();
  const [code, setCode] = useState<string | undefined>(item.regionCode ?? undefined);
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

export function PlacementQueuePage() {
  const first = useAsync(() => listPlacementQueue(), []);
  const [items, setItems] = useState<EnterpriseListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    setItems(first.data?.items ?? []);
    setCursor(first.data?.nextCursor ?? null);
    setTotal(first.data?.total ?? 0);
  }, [first.data]);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await listPlacementQueue(cursor);
      setItems((all) => [...all, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  };
  const placed = (id: string) => {
    setItems((all) => all.filter((i) => i.id !== id));
    setTotal((t) => Math.max(0, t - 1));
  };
  /** The row read again after a conflict: gone from the queue if someone placed it, else its new version. */
  const reloadOne = async (id: string) => {
    const fresh = await getEnterprise(id);
    if (fresh.placement !== 'pending') placed(id);
    else setItems((all) => all.map((i) => (i.id === id ? { ...i, ...fresh } : i)));
  };

  return (
    <>
      <PageHeader title="待认定属地" crumbs={[{ label: '企业台账', to: '/enterprises' }, { label: '待认定属地' }]} />
      <Card>
        <Typography.Paragraph type="secondary">
          以下企业未能按住所自动认定到街道（乡镇），请核实后选择其属地。认定后记入企业变更记录。共 {total} 家。
        </Typography.Paragraph>
        <ErrorAlert error={first.error ?? error} />
        <Table<EnterpriseListItem> rowKey="id" loading={first.loading} dataSource={items} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有待认定属地的企业' }} data-testid="placement-table"
          columns={[
            { title: '企业名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/enterprises/${r.id}`}>{n}</Link> },
            { title: '住所', key: 'address', render: (_: unknown, r) => <AddressCell item={r} /> },
            { title: '认定属地', key: 'place', render: (_: unknown, r) => <PlaceCell key={`${r.id}@${r.version}`} item={r} onPlaced={placed} onReload={reloadOne} /> },
          ]} />
        {cursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={loadMore} loading={loadingMore}>加载更多</Button></div>}
      </Card>
    </>
  );
}
