import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { HARDSHIP_LEVEL_LABELS, HARDSHIP_STATUS_LABELS, yuan } from '../../../../src/domain/union-services';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { downloadFiles, getFiles, type FilesPick, type HardshipPage } from './union-district-api';

/**
 * The 帮扶 files behind a number of the district page: the total, 加载更多 (50 a page), 导出 of exactly
 * these rows (GET /api/hardship/export.xlsx, same filter), each union opening its page (工会服务 card).
 * Names and masked ID numbers only: household facts stay in the file.
 */
export function HardshipFilesDrawer({ pick, onClose }: { pick: FilesPick | null; onClose(): void }) {
  const [more, setMore] = useState<HardshipPage[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getFiles(pick) : null), [pick]);
  const pages = first.data ? [first.data, ...more] : [];
  const next = pages.at(-1)?.nextCursor ?? null;
  const total = first.data?.total;
  const inYear = first.data?.sums.paidFenInYear;
  return (
    <Drawer open={!!pick} onClose={() => { setMore([]); onClose(); }} title={pick?.title} width={Math.min(860, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="hardship-files-total">
          {total == null ? '' : `共 ${total} 份档案${inYear != null && pick?.paidYear ? `，${pick.paidYear}年帮扶金 ${yuan(inYear)} 元` : ''}`}
        </Typography.Text>
        <Button data-testid="hardship-files-export" icon={<DownloadOutlined />} loading={exporting} disabled={!total}
          onClick={async () => { if (!pick) return; setExporting(true); try { await downloadFiles(pick); } finally { setExporting(false); } }}>导出</Button>
      </Space>
      <ErrorAlert error={first.error} />
      <Table data-testid="hardship-files-table" rowKey="id" size="small" loading={first.loading} pagination={false} scroll={{ x: 760 }}
        dataSource={pages.flatMap((p) => p.items)}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '公民身份号码', dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
          { title: '工会', dataIndex: 'unionName', render: (name: string, r) => <Link to={`/unions/${r.unionId}`}>{name}</Link> },
          { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          { title: '困难类别', dataIndex: 'level', render: (l: keyof typeof HARDSHIP_LEVEL_LABELS) => HARDSHIP_LEVEL_LABELS[l] },
          { title: '状态', dataIndex: 'status', render: (s: keyof typeof HARDSHIP_STATUS_LABELS) => <Tag>{HARDSHIP_STATUS_LABELS[s]}</Tag> },
          { title: '复核到期', dataIndex: 'reviewDueOn', render: (d: string | null, r) => (d ? <>{d} {r.reviewOverdue ? <Tag color="red">逾期</Tag> : null}</> : '—') },
          { title: '累计帮扶金（元）', dataIndex: 'paidFen', render: (f: number) => yuan(f) },
        ]} />
      {next !== null && pick ? <Button style={{ marginTop: 8 }} onClick={async () => setMore([...more, await getFiles(pick, next)])}>加载更多</Button> : null}
    </Drawer>
  );
}
