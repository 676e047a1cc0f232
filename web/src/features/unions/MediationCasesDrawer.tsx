import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { MEDIATION_CATEGORY_SHORT, MEDIATION_STATUS_LABEL, fenToYuanText } from '../../../../src/domain/mediation';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { downloadCases, getCases, type CasesPick, type MediationCase, type MediationCasePage } from './mediation-api';

/** Days left as people read them: 剩N天, 今天到期, 逾期N天. */
export const clockTag = (c: MediationCase) => {
  if (c.daysLeft === null) return c.closedInTime === null ? null : c.closedInTime ? <Tag color="green">按期办结</Tag> : <Tag color="orange">逾期办结</Tag>;
  if (c.daysLeft < 0) return <Tag color="red">逾期{-c.daysLeft}天</Tag>;
  return c.daysLeft === 0 ? <Tag color="volcano">今天到期</Tag> : <Tag color={c.daysLeft <= 3 ? 'orange' : 'blue'}>剩{c.daysLeft}天</Tag>;
};

/** The cases behind a number: the total, 加载更多 (50 a page), 导出 of exactly these rows, each opening its case. */
export function MediationCasesDrawer({ pick, onClose }: { pick: CasesPick | null; onClose(): void }) {
  const [more, setMore] = useState<MediationCasePage[]>([]);
  const [exporting, setExporting] = useState(false);
  const first = useAsync(async () => (pick ? getCases(pick) : null), [pick]);
  const pages = first.data ? [first.data, ...more] : [];
  const next = pages.at(-1)?.nextCursor ?? null;
  const total = first.data?.total;
  return (
    <Drawer open={!!pick} onClose={() => { setMore([]); onClose(); }} title={pick?.title} width={Math.min(820, window.innerWidth)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="mediation-cases-total">{total == null ? '' : `共 ${total} 件`}</Typography.Text>
        <Button data-testid="mediation-cases-export" icon={<DownloadOutlined />} loading={exporting} disabled={!total}
          onClick={async () => { if (!pick) return; setExporting(true); try { await downloadCases(pick); } finally { setExporting(false); } }}>导出</Button>
      </Space>
      <ErrorAlert error={first.error} />
      <Table data-testid="mediation-cases-table" rowKey="id" size="small" loading={first.loading} pagination={false} scroll={{ x: 720 }}
        dataSource={pages.flatMap((p) => p.items)}
        columns={[
          { title: '案号', dataIndex: 'caseNumber', render: (n: string, r: MediationCase) => <Link to={`/mediation/cases/${r.id}`}>{n}</Link> },
          { title: '申请人', dataIndex: 'applicantNames', render: (n: string, r: MediationCase) => `${n}${r.applicantCount > 3 ? `等${r.applicantCount}人` : ''}` },
          { title: '用人单位', dataIndex: 'employerName' },
          { title: '类别', dataIndex: 'category', render: (k: MediationCase['category']) => MEDIATION_CATEGORY_SHORT[k] },
          { title: '请求金额', dataIndex: 'claimedFen', render: (f: number) => fenToYuanText(f) },
          { title: '收到申请', dataIndex: 'receivedOn' },
          { title: '状态', dataIndex: 'status', render: (s: MediationCase['status'], r: MediationCase) => <>{MEDIATION_STATUS_LABEL[s]} {clockTag(r)}</> },
        ]} />
      {next !== null && pick ? <Button style={{ marginTop: 8 }} onClick={async () => setMore([...more, await getCases(pick, next)])}>加载更多</Button> : null}
    </Drawer>
  );
}
