import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { LIFE_STATUS_LABELS } from '../../../../src/domain/rules/life-compliance';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { downloadOrgs, getOrgs, type LifeOrgs, type OrgsPick } from './district-api';

const STATUS_COLOR = { compliant: 'green', lagging: 'orange', dormant: 'red' } as const;

/**
 * The 党支部 behind a count: the total, 加载更多 in pages of 50, 导出 of exactly these rows (same year,
 * area and status), each name opening the organisation's year (/orgs/:id/life) and its meetings.
 */
export function LifeOrgsDrawer({ pick, onClose }: { pick: OrgsPick | null; onClose(): void }) {
  const [more, setMore] = useState<LifeOrgs[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getOrgs(pick) : null), [pick]);
  const pages = first.data ? [first.data, ...more] : [];
  const next = pages.at(-1)?.nextOffset ?? null;
  const total = first.data?.total;
  const exportAll = async () => {
    if (!pick) return;
    setExporting(true);
    try { await downloadOrgs(pick); } finally { setExporting(false); }
  };
  return (
    <Drawer open={!!pick} onClose={() => { setMore([]); onClose(); }} title={pick?.title} width={Math.min(720, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="life-orgs-total">{total == null ? '' : `共 ${total} 个党支部`}</Typography.Text>
        <Button data-testid="life-orgs-export" icon={<DownloadOutlined />} loading={exporting} disabled={!total} onClick={exportAll}>导出</Button>
      </Space>
      <ErrorAlert error={first.error} />
      <Table data-testid="life-orgs-table" rowKey="orgId" size="small" loading={first.loading} pagination={false} scroll={{ x: 560 }}
        dataSource={pages.flatMap((p) => p.items)}
        columns={[
          { title: '党组织', dataIndex: 'name', render: (name: string, r) => <Link to={`/orgs/${r.orgId}/life?year=${pick?.year ?? ''}`}>{name}</Link> },
          { title: '街道', dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          { title: '本年', dataIndex: 'status', render: (s: keyof typeof STATUS_COLOR) => <Tag color={STATUS_COLOR[s]}>{LIFE_STATUS_LABELS[s]}</Tag> },
          { title: '缺开期次', dataIndex: 'missed' },
          { title: '最近一次会议', dataIndex: 'lastMeetingOn', render: (v: string | null) => v ?? '无' },
        ]} />
      {next !== null && pick ? <Button data-testid="life-orgs-more" style={{ marginTop: 8 }} onClick={async () => setMore([...more, await getOrgs(pick, next)])}>加载更多</Button> : null}
    </Drawer>
  );
}
