import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { downloadDrill, getDrill, type DrillPage, type Node } from './api';

export type Pick = { metric: string; part: 'numerator' | 'denominator'; node: Node; title: string };

/**
 * The enterprises behind a figure: the total, 加载更多 over keyset pages, 导出 of exactly these rows
 * (same node, metric and side: GET /api/coverage/drill.xlsx), and each name opening the enterprise.
 */
export function DrillDrawer({ pick, onClose }: { pick: Pick | null; onClose(): void }) {
  const [pages, setPages] = useState<DrillPage[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getDrill(pick.node, pick.metric, pick.part) : null), [pick]);
  const all = first.data ? [first.data, ...pages] : [];
  const next = all.at(-1)?.nextCursor;
  const total = first.data?.total;
  const exportAll = async () => {
    if (!pick) return;
    setExporting(true);
    try {
      await downloadDrill(pick.node, pick.metric, pick.part, pick.title.replace(/[\\/:*?"<>|]/g, '-'));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Drawer open={!!pick} onClose={() => { setPages([]); onClose(); }} title={pick?.title} width={Math.min(720, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="drill-total">{total == null ? '' : `共 ${total} 家企业`}</Typography.Text>
        <Button data-testid="drill-export" icon={<DownloadOutlined />} loading={exporting} disabled={!total} onClick={exportAll}>导出</Button>
      </Space>
      {first.error ? <ErrorAlert error={first.error} /> : null}
      <Table data-testid="drill-table" rowKey="id" size="small" loading={first.loading} pagination={false} scroll={{ x: 600 }}
        dataSource={all.flatMap((p) => p.items)}
        columns={[
          { title: '企业名称', dataIndex: 'name', render: (name: string, r) => <Link to={`/enterprises/${r.id}`}>{name}</Link> },
          { title: '属地', dataIndex: 'regionName' },
          { title: '覆盖状态', dataIndex: 'statusLabel' }, { title: '正式党员', dataIndex: 'fullMembers', render: (n: number, r) => (r.membersFromRoster ? n : <span>{n}<Typography.Text type="secondary" style={{ fontSize: 12 }}>（填报数）</Typography.Text></span>) }, { title: '职工', dataIndex: 'employees' },
          { title: '工会会员', dataIndex: 'unionMembers', render: (n: number, r) => (r.unionMembersFromRoster || !n ? n : <span>{n}<Typography.Text type="secondary" style={{ fontSize: 12 }}>（填报数）</Typography.Text></span>) },
        ]} />
      {next && pick ? <Button data-testid="drill-more" style={{ marginTop: 8 }} onClick={async () => setPages([...pages, await getDrill(pick.node, pick.metric, pick.part, next)])}>加载更多</Button> : null}
    </Drawer>
  );
}
