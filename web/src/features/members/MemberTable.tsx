import { Link } from 'react-router-dom';
import { Table, Tag, Typography, type TableProps } from 'antd';
import type { Member } from '../../../../src/contracts/member';
import { MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS, STATUS_COLOR } from './labels';

/** The roster's rows: names link to the member's page; the organisation when the reader can see it. */
export function MemberTable({ items, loading, showOrg = true, showEmployer = true, testId }: {
  items: Member[]; loading: boolean; showOrg?: boolean; showEmployer?: boolean; testId?: string;
}) {
  const columns: TableProps<Member>['columns'] = [
    { title: '姓名', dataIndex: 'name', key: 'name', fixed: 'left', render: (n: string, r) => <Link to={`/members/${r.id}`}>{n}</Link> },
    { title: '类别', dataIndex: 'category', key: 'category', render: (c: Member['category']) => MEMBER_CATEGORY_LABELS[c] },
    { title: '状态', dataIndex: 'status', key: 'status', render: (s: Member['status']) => <Tag color={STATUS_COLOR[s]}>{MEMBER_STATUS_LABELS[s]}</Tag> },
    ...(showOrg ? [{
      title: '所在党组织', dataIndex: 'orgName', key: 'org', responsive: ['sm' as const],
      render: (n: string | null, r: Member) => (r.orgId ? <Link to={`/orgs/${r.orgId}`}>{n}</Link> : <Typography.Text type="secondary">其他单位</Typography.Text>),
    }] : []),
    { title: '入党日期', dataIndex: 'joinedOn', key: 'joinedOn', responsive: ['md'] },
    ...(showEmployer ? [{
      title: '工作单位', key: 'employer', responsive: ['md' as const],
      render: (_: unknown, r: Member) => (r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> : r.employerName ?? '—'),
    }] : []),
  ];
  return (
    <Table<Member> rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} pagination={false}
      scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无党员' }} data-testid={testId} />
  );
}
