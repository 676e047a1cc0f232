import { useState } from 'react';
import { Button, Card, Flex, Input, Table, Tag, type TableProps } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { listSignIns, REASON_LABEL, type SignInLogItem } from './api';

const COLUMNS: TableProps<SignInLogItem>['columns'] = [
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: (at: string) => new Date(at).toLocaleString('zh-CN') },
  { title: '用户名', dataIndex: 'username', key: 'username' },
  { title: '结果', key: 'result', render: (_: unknown, r) => <Tag color={r.success ? 'green' : 'red'}>{REASON_LABEL[r.reason] ?? r.reason}</Tag> },
  { title: 'IP', dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
  { title: '浏览器', dataIndex: 'userAgent', key: 'ua', responsive: ['lg'], ellipsis: true, render: (ua: string | null) => ua ?? '—' },
];

/** 登录日志: every sign-in attempt, newest first. */
export function SignInLogPage() {
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const log = useAsync(() => listSignIns(filter), [filter]);
  return (
    <>
      <PageHeader title="登录日志" />
      <Card>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="用户名" allowClear onPressEnter={() => setFilter(name)} style={{ maxWidth: 240 }} />
          <Button icon={<SearchOutlined />} onClick={() => setFilter(name)}>查询</Button>
        </Flex>
        <ErrorAlert error={log.error} />
        <Table rowKey="id" columns={COLUMNS} dataSource={log.data?.items ?? []} loading={log.loading} pagination={false} scroll={{ x: true }} />
      </Card>
    </>
  );
}
