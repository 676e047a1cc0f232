import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Input, Table, Typography, type TableProps } from 'antd';
import { FileExcelOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { auditExportUrl, listAudit, type AuditEntry, type AuditFilters } from './api';
import { AuditVerifyButton } from './AuditVerifyButton';

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

const COLUMNS: TableProps<AuditEntry>['columns'] = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 90 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: (at: string) => new Date(at).toLocaleString('zh-CN') },
  { title: '操作人', dataIndex: 'actorName', key: 'actorName' },
  { title: 'IP', dataIndex: 'ip', key: 'ip', responsive: ['md'], render: (ip: string | null) => ip ?? '—' },
  { title: '操作', dataIndex: 'action', key: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
  { title: '对象', key: 'entity', responsive: ['sm'], render: (_: unknown, r) => `${r.entity}${r.entityId ? ` #${r.entityId}` : ''}` },
];

function Changes({ entry }: { entry: AuditEntry }) {
  return (
    <Flex wrap gap={16}>
      {(['before', 'after'] as const).map((k) => (
        <div key={k} style={{ flex: '1 1 280px', minWidth: 0 }}>
          <Typography.Text strong>{k === 'before' ? '修改前' : '修改后'}</Typography.Text>
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{json(entry[k])}</pre>
        </div>
      ))}
    </Flex>
  );
}

type Draft = { range: [Dayjs | null, Dayjs | null] | null; actor: string; action: string; entity: string; entityId: string };
const EMPTY: Draft = { range: null, actor: '', action: '', entity: '', entityId: '' };

const toFilters = (d: Draft): AuditFilters => ({
  from: d.range?.[0]?.startOf('day').toISOString(),
  to: d.range?.[1]?.add(1, 'day').startOf('day').toISOString(),
  actor: d.actor.trim() || undefined,
  action: d.action.trim() || undefined,
  entity: d.entity.trim() || undefined,
  entityId: d.entityId.trim() || undefined,
});

/** 审计日志: filters, newest-first table with before/after, export and chain verification. */
export function AuditLogPage() {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const first = useAsync(() => listAudit(filters), [JSON.stringify(filters)]);
  const [more, setMore] = useState<{ items: AuditEntry[]; cursor: string | null }>({ items: [], cursor: null });
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null }), [first.data]);
  const items = [...(first.data?.items ?? []), ...more.items];
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const loadMore = async () => {
    setMoreError(null);
    try {
      const page = await listAudit(filters, more.cursor);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (err) {
      setMoreError(err);
    }
  };
  const exportXlsx = () => download(auditExportUrl(filters), '审计日志.xlsx').catch((err: unknown) => void message.error(errorMessage(err)));

  return (
    <>
      <PageHeader title="审计日志" extra={<>
        <Button icon={<FileExcelOutlined />} onClick={() => void exportXlsx()} data-testid="audit-export">导出</Button>
        <AuditVerifyButton />
      </>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={8}>
          <DatePicker.RangePicker value={draft.range} onChange={(range) => set({ range })} placeholder={['开始日期', '结束日期']} />
          <Input placeholder="操作人" value={draft.actor} onChange={(e) => set({ actor: e.target.value })} style={{ width: 140 }} allowClear />
          <Input placeholder="操作（如 person）" value={draft.action} onChange={(e) => set({ action: e.target.value })} style={{ width: 170 }} allowClear />
          <Input placeholder="对象类型" value={draft.entity} onChange={(e) => set({ entity: e.target.value })} style={{ width: 130 }} allowClear />
          <Input placeholder="对象ID" value={draft.entityId} onChange={(e) => set({ entityId: e.target.value })} style={{ width: 110 }} allowClear />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => setFilters(toFilters(draft))} data-testid="audit-search">查询</Button>
          <Button onClick={() => { setDraft(EMPTY); setFilters({}); }}>重置</Button>
        </Flex>
      </Card>
      <ErrorAlert error={first.error ?? moreError} />
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        columns={COLUMNS}
        dataSource={items}
        loading={first.loading}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <Changes entry={r} />, rowExpandable: (r) => r.before !== null || r.after !== null }}
        scroll={{ x: true }}
        data-testid="audit-table"
      />
      {more.cursor && <Flex justify="center" style={{ marginTop: 12 }}><Button onClick={() => void loadMore()}>加载更多</Button></Flex>}
    </>
  );
}
