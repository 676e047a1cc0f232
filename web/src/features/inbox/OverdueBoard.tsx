import { Button, Card, Table, type TableProps } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import type { OverdueByRegion } from '../../../../src/contracts/task';
import { overdueByRegion } from './api';

type Row = OverdueByRegion['streets'][number];

/** 逾期分布: overdue tasks below the reader by street × kind; a number drills to those tasks. */
export function OverdueBoard({ regionPrefix, onDrill }: { regionPrefix?: string; onDrill: (street: string, kind?: string) => void }) {
  const board = useAsync(() => overdueByRegion(regionPrefix), [regionPrefix]);
  const cell = (street: string, n: number, kind?: string) => (n ? <Button type="link" size="small" onClick={() => onDrill(street.padEnd(12, '0'), kind)}>{n}</Button> : 0);
  const columns: TableProps<Row>['columns'] = [
    { title: '街道（乡镇）', dataIndex: 'streetName', key: 'street', fixed: 'left' },
    ...(board.data?.kinds ?? []).map((k) => ({ title: k.label, key: k.kind, render: (_: unknown, r: Row) => cell(r.street, r.byKind[k.kind] ?? 0, k.kind) })),
    { title: '合计', key: 'total', render: (_: unknown, r: Row) => cell(r.street, r.total) },
  ];
  return (
    <Card title={`逾期分布（截至 ${board.data?.asOf ?? ''}，合计 ${board.data?.total ?? 0} 件）`} style={{ marginTop: 16 }} data-testid="inbox-overdue-board">
      <ErrorAlert error={board.error} />
      <Table<Row> rowKey="street" size="small" columns={columns} dataSource={board.data?.streets ?? []} loading={board.loading} pagination={false}
        scroll={{ x: 'max-content' }} locale={{ emptyText: '没有逾期待办' }} />
    </Card>
  );
}
