import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Flex, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { ApprovalSummary } from '../../../../src/contracts/approval';
import { APPROVAL_TABS, approvalsExportUrl, listApprovals, type ApprovalView } from './api';

const STATE_COLOR: Record<ApprovalSummary['state'], string> = { pending: 'processing', returned: 'warning', approved: 'success', withdrawn: 'default' };

const columns: TableProps<ApprovalSummary>['columns'] = [
  { title: '审批事项', key: 'subject', render: (_: unknown, r) => (
    <Flex vertical gap={2} style={{ maxWidth: 320 }}>
      <Link to={`/approvals/${r.id}`} data-testid="approval-link">{r.subjectLabel}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}</Typography.Text>
    </Flex>
  ) },
  { title: '当前环节', key: 'waiting', render: (_: unknown, r) => <><Tag color={STATE_COLOR[r.state]}>{r.stateLabel}</Tag>{r.state !== 'approved' && r.waitingFor}</> },
  { title: '流程', key: 'levels', responsive: ['md'], render: (_: unknown, r) => r.levels.map((l) => l.label).join(' → ') },
  { title: '申请人', dataIndex: 'requester', key: 'requester', responsive: ['sm'] },
  { title: '提交时间', key: 'submittedAt', responsive: ['lg'], render: (_: unknown, r) => r.submittedAt.slice(0, 10) },
];

/** 审批: what waits for my decision, what I submitted, what I decided — each row opens the request. */
export function ApprovalsPage() {
  const [params, setParams] = useSearchParams();
  const view = (APPROVAL_TABS.find((t) => t.key === params.get('view'))?.key ?? 'pending') as ApprovalView;
  const first = useAsync(() => listApprovals({ view }), [view]);
  const [more, setMore] = useState<{ items: ApprovalSummary[]; cursor: string | null }>({ items: [], cursor: null });
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null }), [first.data]);
  const { message } = App.useApp();
  const items = [...(first.data?.items ?? []), ...more.items];
  const loadMore = () => listApprovals({ view }, more.cursor).then((p) => setMore((m) => ({ items: [...m.items, ...p.items], cursor: p.nextCursor })), (e: unknown) => message.error(errorMessage(e)));
  const exportList = () => download(approvalsExportUrl({ view }), 'approvals.xlsx').catch((e: unknown) => message.error(errorMessage(e)));
  return (
    <>
      <PageHeader title="审批" extra={<Flex gap={8}>
        <Link to="/approvals/flows"><Button icon={<SettingOutlined />}>审批流程设置</Button></Link>
        <Button type="primary" icon={<DownloadOutlined />} onClick={exportList} data-testid="approvals-export">导出</Button>
      </Flex>} />
      <Card>
        <Tabs activeKey={view} onChange={(k) => setParams({ view: k }, { replace: true })} data-testid="approval-tabs" items={APPROVAL_TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <ErrorAlert error={first.error} />
        <Typography.Paragraph type="secondary" data-testid="approvals-total">
          {first.loading ? '正在查询……' : `合计 ${first.data?.total ?? 0} 条，已显示 ${items.length} 条`}
        </Typography.Paragraph>
        <Table<ApprovalSummary> rowKey="id" size="middle" columns={columns} dataSource={items} loading={first.loading} pagination={false}
          scroll={{ x: 'max-content' }} data-testid="approvals-table" locale={{ emptyText: view === 'pending' ? '没有待您审批的申请' : '暂无记录' }} />
        {more.cursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={loadMore}>加载更多</Button></div>}
      </Card>
    </>
  );
}
