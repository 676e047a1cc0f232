import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { downloadDispatched, getDispatched, type DispatchedPage, type DispatchedPick } from './union-figures-api';

/**
 * The unions behind 劳务派遣工入会占比: each union keeping a roster with its members and dispatched
 * members (the union's page lists them: 会员 card, filter 劳务派遣), the sums, 加载更多 and 导出.
 */
export function DispatchedDrawer({ pick, onClose }: { pick: DispatchedPick | null; onClose(): void }) {
  const [more, setMore] = useState<DispatchedPage[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getDispatched(pick) : null), [pick]);
  const pages = first.data ? [first.data, ...more] : [];
  const shown = pages.reduce((n, p) => n + p.items.length, 0);
  const d = first.data;
  return (
    <Drawer open={!!pick} onClose={() => { setMore([]); onClose(); }} title={pick?.title} width={Math.min(760, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="dispatched-total">{d ? `共 ${d.total} 个工会，实名在会会员 ${d.sums.members} 人，其中劳务派遣工 ${d.sums.dispatched} 人` : ''}</Typography.Text>
        <Button data-testid="dispatched-export" icon={<DownloadOutlined />} loading={exporting} disabled={!d?.total}
          onClick={async () => { if (!pick) return; setExporting(true); try { await downloadDispatched(pick); } finally { setExporting(false); } }}>导出</Button>
      </Space>
      <ErrorAlert error={first.error} />
      <Table data-testid="dispatched-table" rowKey="unionId" size="small" loading={first.loading} pagination={false} scroll={{ x: 560 }}
        dataSource={pages.flatMap((p) => p.items)}
        columns={[
          { title: '工会', dataIndex: 'unionName', render: (name: string, r) => <Link to={`/unions/${r.unionId}`}>{name}</Link> },
          { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          { title: '实名在会会员', dataIndex: 'members' },
          { title: '其中劳务派遣工', dataIndex: 'dispatched' },
        ]} />
      {pick && d && shown < d.total ? <Button style={{ marginTop: 8 }} onClick={async () => setMore([...more, await getDispatched(pick, shown)])}>加载更多</Button> : null}
    </Drawer>
  );
}
