import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Input, Select, Table, type TableProps } from 'antd';
import { FileExcelOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { auditExportUrl, listAudit, type AuditEntry, type AuditFilters } from './api';
import { AuditVerifyButton } from './AuditVerifyButton';
import { AUDIT_ACTION_LABEL, AUDIT_ENTITY_LABEL } from '../../../../src/contracts/audit-labels';

/** The record as people name it: 党组织「北山联合党支部」 #12. */
const recordText = (r: AuditEntry) => `${r.entityLabel}${r.recordName ? `「${r.recordName}」` : ''}${r.entityId ? ` #${r.entityId}` : ''}`;

const COLUMNS: TableProps<AuditEntry>['columns'] = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 90 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: (at: string) => new Date(at).toLocaleString('zh-CN') },
  { title: '操作人', dataIndex: 'actorName', key: 'actorName' },
  { title: 'IP', dataIndex: 'ip', key: 'ip', responsive: ['md'], render: (ip: string | null) => ip ?? '—' },
  { title: '操作', dataIndex: 'actionLabel', key: 'action' },
  { title: '对象', key: 'entity', responsive: ['sm'], render: (_: unknown, r) => recordText(r) },
];

/** 字段：旧值 → 新值, with Chinese field labels; personal data arrives masked from the server. */
function Changes({ entry }: { entry: AuditEntry }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="audit-changes">
      {entry.changes.map((c) => (
        <li key={c.field} style={{ wordBreak: 'break-all' }}>{c.label}：{c.before} → {c.after}</li>
      ))}
    </ul>
  );
}

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABEL).map(([value, label]) => ({ value, label }));
const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITY_LABEL).map(([value, label]) => ({ value, label }));

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
          <Select placeholder="操作" value={draft.action || undefined} onChange={(v?: string) => set({ action: v ?? '' })} options={ACTION_OPTIONS}
            showSearch={{ optionFilterProp: 'label' }} allowClear style={{ width: 190 }} popupMatchSelectWidth={false} data-testid="audit-action" />
          <Select placeholder="对象类型" value={draft.entity || undefined} onChange={(v?: string) => set({ entity: v ?? '' })} options={ENTITY_OPTIONS}
            allowClear style={{ width: 130 }} />
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
        expandable={{ expandedRowRender: (r) => <Changes entry={r} />, rowExpandable: (r) => r.changes.length > 0 }}
        scroll={{ x: true }}
        data-testid="audit-table"
      />
      {more.cursor && <Flex justify="center" style={{ marginTop: 12 }}><Button onClick={() => void loadMore()}>加载更多</Button></Flex>}
    </>
  );
}
