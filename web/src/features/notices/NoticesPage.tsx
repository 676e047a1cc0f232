import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Flex, Input, Select, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { NoticeInboxItem, NoticeSummary } from '../../../../src/contracts/notice';
import { NOTICE_STATE_LABELS, type NoticeState } from '../../../../src/domain/notice';
import { listNoticeInbox, listNotices, noticeInboxExportUrl, noticesExportUrl } from './api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—');

// The first column carries what a phone must show: the title (a link), who sent it, and where it stands.
const inboxColumns: TableProps<NoticeInboxItem>['columns'] = [
  { title: '通知', key: 'title', render: (_: unknown, r) => (
    <Flex vertical gap={2} style={{ maxWidth: 320 }}>
      <span>{!r.read && <Badge status="processing" style={{ marginInlineEnd: 6 }} />}<Link to={`/notices/inbox/${r.recipientId}`} style={{ fontWeight: r.read ? 400 : 600 }}>{r.title}</Link></span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.publisherName} · {when(r.publishedAt)} · 收文：{r.orgName}</Typography.Text>
    </Flex>
  ) },
  { title: '回复', key: 'reply', render: (_: unknown, r) => (!r.hasReplyForm ? <Tag>无需回复</Tag> : r.repliedAt ? <Tag color="green">已回复</Tag>
    : r.overdue ? <Tag color="red">逾期未回复</Tag> : <Tag color="orange">{r.deadline ? `${r.deadline}前回复` : '待回复'}</Tag>) },
];

const sentColumns: TableProps<NoticeSummary>['columns'] = [
  { title: '通知', key: 'title', render: (_: unknown, r) => (
    <Flex vertical gap={2} style={{ maxWidth: 320 }}>
      <Link to={`/notices/${r.id}`}>{r.title}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.publisherName} · {r.publishedAt ? when(r.publishedAt) : '未发布'}{r.deadline ? ` · 截止 ${r.deadline}` : ''}</Typography.Text>
    </Flex>
  ) },
  { title: '状态', key: 'state', render: (_: unknown, r) => <Tag color={r.state === 'published' ? 'blue' : r.state === 'draft' ? 'default' : 'red'}>{NOTICE_STATE_LABELS[r.state]}</Tag> },
  { title: '进度', key: 'progress', responsive: ['sm'], render: (_: unknown, r) => (r.state === 'draft' ? '—'
    : `${r.counts.recipients}个组织${r.askReceipt ? `，已读${r.counts.read}` : ''}${r.hasReplyForm ? `，已回复${r.counts.replied}，未回复${r.counts.unreplied}` : ''}`) },
];

function Received() {
  const [unread, setUnread] = useState<'true' | 'false' | undefined>();
  const [q, setQ] = useState<string>();
  const f = { unread, q };
  const list = useAsync(() => listNoticeInbox(f), [unread, q]);
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} justify="space-between">
        <Flex wrap gap={8}>
          <Select allowClear placeholder="阅读情况" value={unread} onChange={setUnread} style={{ width: 120 }} options={[{ value: 'true', label: '未读' }, { value: 'false', label: '已读' }]} />
          <Input.Search allowClear placeholder="标题" onSearch={(v) => setQ(v || undefined)} style={{ width: 200 }} />
        </Flex>
        <ExportButton url={noticeInboxExportUrl(f)} fileName="收到的通知.xlsx" testId="notice-inbox-export" />
      </Flex>
      <ErrorAlert error={list.error} />
      <ListTotal loading={list.loading} total={list.data?.total ?? null} shown={list.data?.items.length ?? 0} unit="条通知" testId="notice-inbox-total" />
      <Table<NoticeInboxItem> rowKey="recipientId" size="middle" columns={inboxColumns} dataSource={list.data?.items} loading={list.loading} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="notice-inbox-table" locale={{ emptyText: '没有收到通知' }} />
    </>
  );
}

function Sent() {
  const [state, setState] = useState<NoticeState | undefined>();
  const [q, setQ] = useState<string>();
  const f = { state, q };
  const list = useAsync(() => listNotices(f), [state, q]);
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} justify="space-between">
        <Flex wrap gap={8}>
          <Select allowClear placeholder="状态" value={state} onChange={setState} style={{ width: 120 }} options={Object.entries(NOTICE_STATE_LABELS).map(([value, label]) => ({ value, label }))} />
          <Input.Search allowClear placeholder="标题" onSearch={(v) => setQ(v || undefined)} style={{ width: 200 }} />
        </Flex>
        <ExportButton url={noticesExportUrl(f)} fileName="通知公告.xlsx" testId="notices-export" />
      </Flex>
      <ErrorAlert error={list.error} />
      <ListTotal loading={list.loading} total={list.data?.total ?? null} shown={list.data?.items.length ?? 0} unit="条通知" testId="notices-total" />
      <Table<NoticeSummary> rowKey="id" size="middle" columns={sentColumns} dataSource={list.data?.items} loading={list.loading} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="notices-table" locale={{ emptyText: '还没有发出通知' }} />
    </>
  );
}

/** 通知公告: what my organisations received (unread first) and, for a district or street office, what it sent. */
export function NoticesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const receives = can('org.manage') || can('union.manage');
  const publishes = can('notice.publish');
  const tabs = [
    ...(receives ? [{ key: 'received', label: '收到的通知', children: <Received /> }] : []),
    ...(publishes ? [{ key: 'sent', label: '发出的通知', children: <Sent /> }] : []),
  ];
  const active = tabs.find((t) => t.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <>
      <PageHeader title="通知公告" extra={publishes && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/notices/new')} data-testid="notice-new">拟写通知</Button>} />
      <Card>
        {tabs.length ? <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} />
          : <Typography.Paragraph type="secondary">通知发给党组织和工会，由其负责人查看和回复；您的账号未负责任何组织。</Typography.Paragraph>}
      </Card>
    </>
  );
}
