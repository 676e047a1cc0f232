import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
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

/** One row's picker: choose the township or community, then confirm. */
function PlaceCell({ item, onPlaced }: { item: EnterpriseListItem; onPlaced: (id: string) => void }) {
  const { message } = App.useApp();
  const [code, setCode] = useState<string | undefined>(item.regionCode ?? undefined);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!code || !precise(code)) return;
    setBusy(true);
    try {
      await setPlacement(item.id, code);
      message.success(`已认定：${item.name}`);
      onPlaced(item.id);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} wrap>
      <RegionSelect value={code} onChange={setCode} placeholder="选择街道（乡镇）或社区（村）" style={{ width: 'min(100%, 280px)' }} allowClear={false} />
      <Button type="primary" disabled={!precise(code)} loading={busy} onClick={save} title={precise(code) ? undefined : '请选择到街道（乡镇）或社区（村）'}>确认</Button>
    </Flex>
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
            { title: '认定属地', key: 'place', render: (_: unknown, r) => <PlaceCell item={r} onPlaced={placed} /> },
          ]} />
        {cursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={loadMore} loading={loadingMore}>加载更多</Button></div>}
      </Card>
    </>
  );
}
