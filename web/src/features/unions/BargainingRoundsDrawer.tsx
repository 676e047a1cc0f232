import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { BARGAINING_STAGE_LABELS, CONTRACT_KIND_LABELS } from '../../../../src/domain/rules/bargaining';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { downloadRounds, getRounds, type BargainingRounds, type RoundsPick } from './bargaining-api';

/**
 * The rounds behind a board number: the total, 加载更多 in pages of 50, 导出 of exactly these rows,
 * each union's name opening its page (the 集体协商 card).
 */
export function BargainingRoundsDrawer({ pick, onClose }: { pick: RoundsPick | null; onClose(): void }) {
  const [more, setMore] = useState<BargainingRounds[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getRounds(pick) : null), [pick]);
  const pages = first.data ? [first.data, ...more] : [];
  const next = pages.at(-1)?.nextOffset ?? null;
  const total = first.data?.total;
  return (
    <Drawer open={!!pick} onClose={() => { setMore([]); onClose(); }} title={pick?.title} width={Math.min(760, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="bargaining-rounds-total">{total == null ? '' : `共 ${total} 轮协商`}</Typography.Text>
        <Button data-testid="bargaining-rounds-export" icon={<DownloadOutlined />} loading={exporting} disabled={!total}
          onClick={async () => { if (!pick) return; setExporting(true); try { await downloadRounds(pick); } finally { setExporting(false); } }}>导出</Button>
      </Space>
      <ErrorAlert error={first.error} />
      <Table data-testid="bargaining-rounds-table" rowKey="id" size="small" loading={first.loading} pagination={false} scroll={{ x: 640 }}
        dataSource={pages.flatMap((p) => p.items)}
        columns={[
          { title: '工会', dataIndex: 'unionName', render: (name: string, r) => <Link to={`/unions/${r.unionId}`}>{name}</Link> },
          { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          { title: '类别', dataIndex: 'contractKind', render: (k: 'collective' | 'wage') => CONTRACT_KIND_LABELS[k] },
          { title: '阶段', dataIndex: 'stage', render: (s: keyof typeof BARGAINING_STAGE_LABELS) => <Tag>{BARGAINING_STAGE_LABELS[s]}</Tag> },
          { title: '下一期限', dataIndex: 'nextDue', render: (d: BargainingRounds['items'][number]['nextDue']) => (d
            ? <>{d.label} {d.date} {d.state === 'overdue' ? <Tag color="red">已逾期</Tag> : null}</> : '—') },
        ]} />
      {next !== null && pick ? <Button style={{ marginTop: 8 }} onClick={async () => setMore([...more, await getRounds(pick, next)])}>加载更多</Button> : null}
    </Drawer>
  );
}
