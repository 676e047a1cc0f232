import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Flex, Input, Modal, Row, Select, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { Notice, NoticeReplyFilter, NoticeReplyRow } from '../../../../src/contracts/notice';
import { NOTICE_ORG_KIND_LABELS, NOTICE_STATE_LABELS } from '../../../../src/domain/notice';
import { getNotice, noticeReplies, publishNotice, removeNoticeFile, repliesExportUrl, withdrawNotice } from './api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
type Status = NoticeReplyFilter['status'];

function Actions({ n, reload }: { n: Notice; reload: () => void }) {
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const publish = () => modal.confirm({
    title: '发布通知', content: '发布后接收组织即确定，附件不能再增删。确定发布？', okText: '发布', cancelText: '取消',
    onOk: () => publishNotice(n.id, n.version).then((x) => { message.success(`已发布，发给 ${x.counts.recipients} 个组织`); reload(); }, (e: unknown) => message.error(errorMessage(e))),
  });
  const withdraw = () => withdrawNotice(n.id, n.version, reason).then(() => { message.success('已撤回'); setOpen(false); reload(); }, (e: unknown) => message.error(errorMessage(e)));
  return (
    <Flex gap={8}>
      {n.state === 'draft' && <Button type="primary" onClick={publish} data-testid="notice-publish-draft">发布</Button>}
      {n.state !== 'withdrawn' && <Button danger onClick={() => setOpen(true)} data-testid="notice-withdraw">撤回</Button>}
      <Modal open={open} title="撤回通知" okText="撤回" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => void withdraw()} okButtonProps={{ disabled: !reason.trim() }}>
        <Typography.Paragraph>撤回后收文组织不再看到此通知，已收到的回复保留。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={200} placeholder="撤回原因（必填）" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Flex>
  );
}

/** One notice as its office follows it: counts, progress by street, the replies with 合计, export; withdraw. */
export function NoticeProgressPage() {
  const { id = '' } = useParams();
  const notice = useAsync(() => getNotice(id), [id]);
  const [status, setStatus] = useState<Status>();
  const replies = useAsync(() => noticeReplies(id, { status }), [id, status]);
  const { message } = App.useApp();
  const n = notice.data;
  const reload = () => { notice.reload(); replies.reload(); };
  const t = replies.data;
  const columns: TableProps<NoticeReplyRow>['columns'] = [
    { title: '组织', key: 'org', render: (_: unknown, r) => <Flex vertical><Link to={r.link}>{r.orgName}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{NOTICE_ORG_KIND_LABELS[r.orgKind]} · {r.streetName}</Typography.Text></Flex> },
    { title: '回复', key: 'replied', render: (_: unknown, r) => (r.repliedAt ? <Tag color="green">{when(r.repliedAt)}</Tag> : <Tag color="orange">未回复</Tag>) },
    ...(n?.askReceipt ? [{ title: '阅读', key: 'read', responsive: ['sm' as const], render: (_: unknown, r: NoticeReplyRow) => (r.readAt ? when(r.readAt) : '未读') }] : []),
    ...(t?.fields ?? []).map((f) => ({ title: f.label, key: f.key, responsive: ['md' as const], render: (_: unknown, r: NoticeReplyRow) => (r.values[f.key] ?? '') })),
  ];
  return (
    <>
      <PageHeader title={n?.title ?? '通知'} crumbs={[{ label: '通知公告', to: '/notices?tab=sent' }, { label: '回复进度' }]} extra={n && <Actions n={n} reload={reload} />} />
      <ErrorAlert error={notice.error} />
      {n && (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
            <Descriptions.Item label="状态"><Tag>{NOTICE_STATE_LABELS[n.state]}</Tag>{n.withdrawReason && `（${n.withdrawReason}）`}</Descriptions.Item>
            <Descriptions.Item label="发文单位">{n.publisherName}</Descriptions.Item>
            <Descriptions.Item label="发布时间">{when(n.publishedAt)}</Descriptions.Item>
            <Descriptions.Item label="截止日期">{n.deadline ?? '未规定'}</Descriptions.Item>
            <Descriptions.Item label="阅读回执">{n.askReceipt ? '要求' : '不要求'}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{n.body}</Typography.Paragraph>
          {n.attachments.map((a) => (
            <div key={a.id}><a href={a.url}>{a.fileName}</a>{n.state === 'draft' && <Button type="link" size="small" danger onClick={() => removeNoticeFile(n.id, a.id, a.version).then(reload, (e: unknown) => message.error(errorMessage(e)))}>删除</Button>}</div>
          ))}
        </Card>
      )}
      {n && n.state !== 'draft' && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Card><Statistic title="接收组织" value={n.counts.recipients} /></Card></Col>
          <Col xs={12} md={6}><Card><Statistic title="已读" value={n.askReceipt ? n.counts.read : '—'} /></Card></Col>
          <Col xs={12} md={6}><Card><Statistic title="已回复" value={n.hasReplyForm ? n.counts.replied : '—'} /></Card></Col>
          <Col xs={12} md={6}><Card><Statistic title="未回复" value={n.hasReplyForm ? n.counts.unreplied : '—'} valueStyle={{ color: n.counts.unreplied ? '#cf1322' : undefined }} /></Card></Col>
        </Row>
      )}
      {n && n.byStreet.length > 0 && (
        <Card title="各街道（乡镇）进度" style={{ marginBottom: 16 }}>
          <Table rowKey={(r) => r.regionCode ?? ''} size="small" pagination={false} dataSource={n.byStreet} data-testid="notice-by-street" columns={[
            { title: '街道（乡镇）', dataIndex: 'name' }, { title: '组织', dataIndex: 'recipients' },
            ...(n.askReceipt ? [{ title: '已读', dataIndex: 'read' }] : []),
            { title: '已回复', dataIndex: 'replied' }, { title: '未回复', dataIndex: 'unreplied' },
          ]} />
        </Card>
      )}
      {n && n.state !== 'draft' && (
        <Card title="回复情况" extra={<ExportButton url={repliesExportUrl(id, { status })} fileName="回复情况.xlsx" testId="notice-replies-export" />}>
          <Select allowClear placeholder="回复情况" value={status} onChange={setStatus} style={{ width: 140, marginBottom: 12 }}
            options={[{ value: 'replied', label: '已回复' }, { value: 'unreplied', label: '未回复' }, ...(n.askReceipt ? [{ value: 'read', label: '已读' }, { value: 'unread', label: '未读' }] : [])]} />
          <ErrorAlert error={replies.error} />
          <ListTotal loading={replies.loading} total={t?.total ?? null} shown={t?.items.length ?? 0} unit="个组织" testId="notice-replies-total" />
          <Table<NoticeReplyRow> rowKey="recipientId" size="middle" columns={columns} dataSource={t?.items} loading={replies.loading} pagination={false} scroll={{ x: 'max-content' }}
            data-testid="notice-replies-table" summary={() => t && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>已回复 {t.replied} 个</Table.Summary.Cell>
                {n.askReceipt && <Table.Summary.Cell index={2} />}
                {t.fields.map((f, i) => <Table.Summary.Cell key={f.key} index={3 + i}>{f.key in t.sums ? t.sums[f.key] : ''}</Table.Summary.Cell>)}
              </Table.Summary.Row>
            )} />
        </Card>
      )}
    </>
  );
}
