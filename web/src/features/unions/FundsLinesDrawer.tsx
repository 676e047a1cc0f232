import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { FUNDS_STATUS_LABELS, yuan, type FundsStatus } from '../../../../src/domain/union-services';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { downloadLines, getLines, type FundsLinesPage, type LinesPick } from './union-district-api';

const COLOR: Record<FundsStatus, string> = { paid: 'green', paidLate: 'orange', partlyPaid: 'blue', notDue: 'default', arrears: 'red' };

/** The 经费 months behind a number: the total and sums, 加载更多 (50 a page), 导出 of exactly these rows, each union opening its page. */
export function FundsLinesDrawer({ pick, onClose }: { pick: LinesPick | null; onClose(): void }) {
  const [more, setMore] = useState<FundsLinesPage[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getLines(pick) : null), [pick]);
  const pages = first.data ? [first.data, ...more] : [];
  const shown = pages.reduce((n, p) => n + p.items.length, 0);
  const total = first.data?.total;
  const s = first.data?.sums;
  return (
    <Drawer open={!!pick} onClose={() => { setMore([]); onClose(); }} title={pick?.title} width={Math.min(900, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="funds-lines-total">
          {total == null || !s ? '' : `共 ${total} 条（应拨缴 ${yuan(s.dueFen)} 元，已拨缴 ${yuan(s.paidFen)} 元，欠缴 ${yuan(s.arrearsFen)} 元）`}
        </Typography.Text>
        <Button data-testid="funds-lines-export" icon={<DownloadOutlined />} loading={exporting} disabled={!total}
          onClick={async () => { if (!pick) return; setExporting(true); try { await downloadLines(pick); } finally { setExporting(false); } }}>导出</Button>
      </Space>
      <ErrorAlert error={first.error} />
      <Table data-testid="funds-lines-table" rowKey="id" size="small" loading={first.loading} pagination={false} scroll={{ x: 820 }}
        dataSource={pages.flatMap((p) => p.items)}
        columns={[
          { title: '月份', dataIndex: 'month', render: (m: string) => m.slice(0, 7) },
          { title: '工会', dataIndex: 'unionName', render: (name: string, r) => <Link to={`/unions/${r.unionId}`}>{name}</Link> },
          { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          { title: '应拨缴（元）', dataIndex: 'dueFen', render: (f: number) => yuan(f) },
          { title: '拨缴期限', dataIndex: 'dueOn' },
          { title: '已拨缴（元）', dataIndex: 'paidFen', render: (f: number) => yuan(f) },
          { title: '拨缴日期', dataIndex: 'paidOn', render: (d: string | null) => d ?? '—' },
          { title: '状态', dataIndex: 'status', render: (st: FundsStatus) => <Tag color={COLOR[st]}>{FUNDS_STATUS_LABELS[st]}</Tag> },
          { title: '欠缴（元）', dataIndex: 'arrearsFen', render: (f: number) => yuan(f) },
        ]} />
      {pick && total != null && shown < total ? <Button style={{ marginTop: 8 }} onClick={async () => setMore([...more, await getLines(pick, shown)])}>加载更多</Button> : null}
    </Drawer>
  );
}
