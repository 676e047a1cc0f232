import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Table, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { TEMPLATE_URL, exportUrl, listEnterprises } from './api';
import { filtersFromParams, paramsFromFilters } from './filters';
import { LedgerFilterBar } from './LedgerFilterBar';
import { OPERATING_STATUS_LABEL, PLACEMENT_LABEL, SIZE_CLASS_LABEL } from './labels';
import type { EnterpriseListItem, LedgerFilters } from './types';

const STATUS_COLOR: Record<string, string> = { active: 'green', suspended: 'orange', deregistered: 'default', revoked: 'red', moved_out: 'default' };
type SortKey = NonNullable<LedgerFilters['sort']>;

function columns(filters: LedgerFilters): TableProps<EnterpriseListItem>['columns'] {
  const sortOrder = (key: SortKey) => (filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null);
  return [
    { title: '企业名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name'), render: (name: string, r) => <Link to={`/enterprises/${r.id}`}>{name}</Link> },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', responsive: ['md'], render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: '属地', key: 'region', render: (_: unknown, r) => (r.placement === 'pending'
      ? <Tag color="warning">{PLACEMENT_LABEL.pending}</Tag>
      : r.regionName ?? r.regionCode ?? '—') },
    { title: '规模', dataIndex: 'sizeClass', key: 'sizeClass', responsive: ['lg'], render: (s: EnterpriseListItem['sizeClass'], r) => (
      <>{s ? SIZE_CLASS_LABEL[s] : '—'}{r.aboveDesignatedSize && <Tag color="blue" style={{ marginLeft: 6 }}>规上</Tag>}</>
    ) },
    { title: '登记状态', dataIndex: 'operatingStatus', key: 'operatingStatus', responsive: ['sm'], render: (s: EnterpriseListItem['operatingStatus']) => <Tag color={STATUS_COLOR[s]}>{OPERATING_STATUS_LABEL[s]}</Tag> },
    { title: '从业人数', dataIndex: 'employeeCount', key: 'employee_count', align: 'right', sorter: true, sortOrder: sortOrder('employee_count'), responsive: ['md'], render: (n: number | null) => n ?? '—' },
    { title: '成立日期', dataIndex: 'foundedOn', key: 'founded_on', sorter: true, sortOrder: sortOrder('founded_on'), responsive: ['lg'], render: (d: string | null) => d ?? '—' },
  ];
}

export function LedgerListPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const first = useAsync(() => listEnterprises(filters), [params.toString()]);
  const [more, setMore] = useState<{ items: EnterpriseListItem[]; cursor: string | null }>({ items: [], cursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null }), [first.data]);
  const items = [...(first.data?.items ?? []), ...more.items];

  const setFilters = (next: LedgerFilters) => setParams(paramsFromFilters(next), { replace: true });
  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listEnterprises(filters, more.cursor);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };
  const onTableChange: TableProps<EnterpriseListItem>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as SortKey) : undefined;
    setFilters({ ...filters, sort: key, order: key ? (s.order === 'descend' ? 'desc' : 'asc') : undefined });
  };
  const save = (url: string, name: string) => download(url, name).catch((err: unknown) => message.error(errorMessage(err)));

  return (
    <>
      <PageHeader title="企业台账" extra={<>
        {can('enterprise.import') && <Button icon={<UploadOutlined />} onClick={() => navigate('/imports')}>导入</Button>}
        <Button icon={<FileExcelOutlined />} onClick={() => save(TEMPLATE_URL, '企业台账导入模板.xlsx')}>下载模板</Button>
        {can('enterprise.export') && <Button type="primary" icon={<DownloadOutlined />} onClick={() => save(exportUrl(filters), '企业台账.xlsx')} data-testid="export-button">导出</Button>}
      </>} />
      <Card>
        <LedgerFilterBar filters={filters} onChange={setFilters} />
        <ErrorAlert error={first.error ?? moreError} />
        <Typography.Paragraph type="secondary" data-testid="ledger-total">
          {first.loading ? '正在查询……' : `共 ${first.data?.total ?? 0} 家企业${items.length < (first.data?.total ?? 0) ? `，已显示 ${items.length} 家` : ''}`}
        </Typography.Paragraph>
        <Table<EnterpriseListItem> rowKey="id" size="middle" columns={columns(filters)} dataSource={items} loading={first.loading}
          pagination={false} onChange={onTableChange} scroll={{ x: 'max-content' }} data-testid="ledger-table"
          locale={{ emptyText: '没有符合条件的企业' }} />
        {more.cursor && (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Button onClick={loadMore} loading={loadingMore} data-testid="load-more">加载更多</Button>
          </div>
        )}
      </Card>
    </>
  );
}
