import { useState } from 'react';
import { App, Badge, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { APPLICATION_STATUS_LABEL, type UnionApplication } from '../../../../src/contracts/union-join';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { applicationExportUrl, getJoinLink, listApplications, posterUrl, regenerateJoinLink, type ApplicationStatusFilter } from './join-api';
import { DecisionDialog, JoinSettingsDialog, type Decision } from './UnionJoinDialogs';

const STATUS_COLOR = { pending: 'blue', accepted: 'green', rejected: 'default', merged: 'default' } as const;
const FILTERS: Array<{ label: string; value: string }> = [
  { label: '待审核', value: 'pending' }, { label: '已接收', value: 'accepted' }, { label: '未接收', value: 'rejected' }, { label: '全部', value: 'all' },
];

/**
 * 入会申请 on the union page (docs/unions.md "扫码入会（亮牌子）"): the public page's address to copy,
 * the A4 QR poster, and for the union's managers the queue with 接收 / 不予接收 / 转介.
 */
export function UnionJoinCard({ unionId, active }: { unionId: string; active: boolean }) {
  const link = useAsync(() => getJoinLink(unionId), [unionId]);
  const [filter, setFilter] = useState('pending');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const status = (filter === 'all' ? undefined : filter) as ApplicationStatusFilter;
  const manage = !!link.data?.manageable;
  const page = useAsync(() => (manage ? listApplications(unionId, status, cursors.at(-1)) : Promise.resolve(null)), [unionId, manage, status, cursors]);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [settings, setSettings] = useState(false);
  const { message } = App.useApp();
  const reload = () => { link.reload(); setCursors([null]); page.reload(); };
  const l = link.data;
  const url = l?.path ? `${window.location.origin}${l.path}` : null;
  const columns: TableProps<UnionApplication>['columns'] = [
    { title: '姓名', dataIndex: 'name', key: 'name' },
    { title: '性别', dataIndex: 'gender', key: 'gender', responsive: ['md'], render: (g: string | null) => (g === 'female' ? '女' : g === 'male' ? '男' : '—') },
    { title: '身份证号码', dataIndex: 'idNumber', key: 'idNumber', responsive: ['lg'] },
    { title: '手机', dataIndex: 'phone', key: 'phone', responsive: ['md'] },
    { title: '工作单位', dataIndex: 'employer', key: 'employer' },
    { title: '提交', dataIndex: 'submittedAt', key: 'submittedAt', responsive: ['md'], render: (t: string) => new Date(t).toLocaleString('zh-CN', { hour12: false }) },
    {
      title: '状态', key: 'status', render: (_: unknown, r) => <Space size={4} wrap>
        <Tag color={STATUS_COLOR[r.status]}>{APPLICATION_STATUS_LABEL[r.status]}</Tag>
        {r.referredFrom && <Typography.Text type="secondary">由{r.referredFrom.name}转来{r.referralNote ? `：${r.referralNote}` : ''}</Typography.Text>}
        {r.decisionReason && <Typography.Text type="secondary">{r.decisionReason}</Typography.Text>}
      </Space>,
    },
    ...(manage && active ? [{
      title: '', key: 'act', render: (_: unknown, r: UnionApplication) => r.status === 'pending' && <Space size={4} wrap>
        <Button size="small" type="primary" onClick={() => setDecision({ kind: 'accept', app: r })} data-testid={`accept-${r.id}`}>接收</Button>
        <Button size="small" onClick={() => setDecision({ kind: 'reject', app: r })}>不予接收</Button>
        <Button size="small" onClick={() => setDecision({ kind: 'refer', app: r })}>转介</Button>
      </Space>,
    }] : []),
  ];
  const regenerate = async () => {
    try {
      await regenerateJoinLink(unionId, l!.version);
      message.success('已生成新的入会二维码，旧二维码和已印海报即时失效');
      reload();
    } catch (e) {
      message.error(errorMessage(e));
      link.reload();
    }
  };
  return (
    <Card style={{ marginBottom: 16 }} data-testid="union-join" loading={link.loading && !l}
      title={<Space>入会申请{manage && <Badge count={l?.pendingCount ?? 0} showZero={false} title="待审核" data-testid="join-pending-count" />}</Space>}
      extra={url && <Space wrap>
        <Button size="small" onClick={() => void download(posterUrl(unionId), '入会二维码.pdf').catch((e: unknown) => message.error(errorMessage(e)))} data-testid="join-poster">二维码海报</Button>
        {manage && <Button size="small" onClick={() => setSettings(true)}>显示设置</Button>}
        {manage && <Popconfirm title="重新生成后，旧二维码和已印海报将失效，确定？" okText="重新生成" cancelText="取消" onConfirm={() => void regenerate()}>
          <Button size="small" danger>重新生成</Button>
        </Popconfirm>}
      </Space>}>
      <ErrorAlert error={link.error} />
      {url ? <Typography.Paragraph copyable={{ text: url, tooltips: ['复制入会链接', '已复制'] }} data-testid="join-url">
        职工扫码或打开此链接申请入会：<Typography.Text code>{url}</Typography.Text>
      </Typography.Paragraph> : l && <Typography.Paragraph type="secondary">工会已撤销，不再接收入会申请。</Typography.Paragraph>}
      {manage && <>
        <Space wrap style={{ marginBottom: 8 }}>
          <Segmented options={FILTERS} value={filter} onChange={(v) => { setFilter(String(v)); setCursors([null]); }} />
          <Typography.Text data-testid="join-total">共 {page.data?.total ?? 0} 条</Typography.Text>
          <Button size="small" onClick={() => void download(applicationExportUrl(unionId, status), '入会申请.xlsx').catch((e: unknown) => message.error(errorMessage(e)))}>导出</Button>
        </Space>
        <ErrorAlert error={page.error} />
        <Table<UnionApplication> rowKey="id" size="small" columns={columns} dataSource={page.data?.items ?? []} loading={page.loading}
          pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无入会申请' }} data-testid="join-applications" />
        <Space style={{ marginTop: 8 }}>
          {cursors.length > 1 && <Button size="small" onClick={() => setCursors(cursors.slice(0, -1))}>上一页</Button>}
          {page.data?.nextCursor && <Button size="small" onClick={() => setCursors([...cursors, page.data!.nextCursor])}>下一页</Button>}
        </Space>
      </>}
      <DecisionDialog decision={decision} unionId={unionId} onClose={() => setDecision(null)} onDone={reload} />
      {l && <JoinSettingsDialog link={l} open={settings} onClose={() => setSettings(false)} onDone={reload} />}
    </Card>
  );
}
