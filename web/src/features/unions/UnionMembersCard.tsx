import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, DatePicker, Dropdown, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { UnionDetail } from '../../../../src/contracts/union';
import type { UnionMember } from '../../../../src/contracts/union-member';
import { UNION_MEMBER_STATUS_LABEL } from '../../../../src/domain/union-member';
import { errorMessage } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { useAsync } from '../../ui/useAsync';
import { useKeysetList } from '../../ui/useKeysetList';
import { listMembers, memberExportUrl, setRosterSince, type MemberFilter } from './member-api';
import { MemberFormDialog, MemberImportDialog, MemberStatusDialog, type StatusKind } from './UnionMemberDialogs';

const STATUS_COLOR = { active: 'green', retained: 'gold', transferred: 'default', left: 'default' } as const;
const STATUS_FILTER = [
  { value: 'live', label: '在会和保留会籍' }, { value: 'active', label: '在会' }, { value: 'retained', label: '保留会籍' },
  { value: 'transferred', label: '已转出' }, { value: 'left', label: '已退会' }, { value: 'all', label: '全部' },
];

/**
 * 会员 on the union page (docs/unions.md, "会员实名制"): the real-name roster with its total, filters
 * and export; 入会率 from names (or the typed count, marked); for the union's managers 登记, 修改,
 * 会籍变动, 导入 and the 名册启用日期.
 */
export function UnionMembersCard({ union, onChanged }: { union: UnionDetail; onChanged(): void }) {
  const [filter, setFilter] = useState<MemberFilter>({ status: 'live' });
  const [reloadKey, setReloadKey] = useState(0);
  const [form, setForm] = useState<{ member: UnionMember | null } | null>(null);
  const [status, setStatus] = useState<{ member: UnionMember; kind: StatusKind } | null>(null);
  const [importing, setImporting] = useState(false);
  const [since, setSince] = useState<string | null>(null);
  const { message } = App.useApp();
  const list = useKeysetList((cursor) => listMembers(union.id, filter, cursor), `${union.id}:${JSON.stringify(filter)}:${reloadKey}`);
  // The counts, the roster date, what is hidden and whether the reader manages: one row's page is enough.
  const head = useAsync(() => listMembers(union.id, filter, null, 1), [union.id, JSON.stringify(filter), reloadKey]).data;
  const manage = !!head?.manageable && union.status === 'active';
  const done = () => { setReloadKey((k) => k + 1); onChanged(); };
  const c = head?.counts;
  const columns: TableProps<UnionMember>['columns'] = [
    { title: '姓名', dataIndex: 'name', key: 'name', render: (n: string, r) => <Link to={`/people/${r.personId}`}>{n}</Link> },
    { title: '身份证号码', dataIndex: 'idNumber', key: 'idNumber', responsive: ['lg'] },
    { title: '手机', dataIndex: 'phone', key: 'phone', responsive: ['md'] },
    { title: '入会日期', dataIndex: 'joinedOn', key: 'joinedOn', responsive: ['md'], render: (d: string | null) => d ?? '—' },
    { title: '会员证号', dataIndex: 'cardNumber', key: 'card', responsive: ['lg'], render: (d: string | null) => d ?? '—' },
    {
      title: '工作单位', key: 'employer', render: (_: unknown, r) => <>{r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.employerName}</Link> : r.employerName ?? '—'}
        {r.dispatched && <Tag color="purple" style={{ marginLeft: 4 }}>劳务派遣{r.dispatchEmployerName ? `：${r.dispatchEmployerName}` : ''}</Tag>}</>,
    },
    { title: '会籍', key: 'status', render: (_: unknown, r) => <Tag color={STATUS_COLOR[r.status]}>{UNION_MEMBER_STATUS_LABEL[r.status]}{r.status !== 'active' && r.statusSince ? ` ${r.statusSince}` : ''}</Tag> },
    ...(manage ? [{
      title: '', key: 'act', render: (_: unknown, r: UnionMember) => (r.status === 'active' || r.status === 'retained') && <Space size={4}>
        <Button size="small" onClick={() => setForm({ member: r })}>修改</Button>
        <Dropdown menu={{
          items: (r.status === 'active' ? [['retain', '保留会籍']] : [['reinstate', '恢复会籍']]).concat([['transfer', '转出'], ['leave', '退会']]).map(([key, label]) => ({ key, label })),
          onClick: ({ key }) => setStatus({ member: r, kind: key as StatusKind }),
        }}><Button size="small">会籍变动</Button></Dropdown>
      </Space>,
    }] : []),
  ];
  const saveSince = async () => {
    if (!since) return;
    try {
      await setRosterSince(union.id, union.version, since);
      message.success('已设定会员名册启用日期：会员数此后按名册统计');
      done();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card title="会员" style={{ marginBottom: 16 }} data-testid="union-members" extra={manage && <Space wrap>
      <Button size="small" type="primary" onClick={() => setForm({ member: null })}>登记会员</Button>
      <Button size="small" onClick={() => setImporting(true)}>导入</Button>
    </Space>}>
      {c && <Typography.Paragraph data-testid="union-member-counts">
        会员 {c.members} 人（女 {c.female}）{c.source === 'typed' ? <Tag style={{ marginLeft: 4 }}>填报数</Tag> : <Tag color="blue" style={{ marginLeft: 4 }}>按名册（自 {head?.rosterSince}）</Tag>}
        ；保留会籍 {c.retained} 人；劳务派遣 {c.dispatched} 人；覆盖企业职工 {c.employees} 人，入会率 {c.rate === null ? '—' : `${c.rate}%`}
        {c.source === 'typed' && '（按填报的会员数计算）'}
      </Typography.Paragraph>}
      {manage && !head?.rosterSince && <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">会员名册核对完整后，设定启用日期，会员数即按名册统计：</Typography.Text>
        <DatePicker size="small" onChange={(d) => setSince(d ? d.format('YYYY-MM-DD') : null)} />
        <Button size="small" disabled={!since} onClick={() => void saveSince()}>设定</Button>
      </Space>}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select size="small" style={{ width: 150 }} value={filter.status} options={STATUS_FILTER} onChange={(v) => setFilter((f) => ({ ...f, status: v }))} />
        <Select size="small" style={{ width: 130 }} allowClear placeholder="劳务派遣" value={filter.dispatched}
          options={[{ value: 'true', label: '劳务派遣工' }, { value: 'false', label: '非劳务派遣' }]} onChange={(v) => setFilter((f) => ({ ...f, dispatched: v }))} />
        <Input.Search size="small" allowClear placeholder="姓名或会员证号" style={{ width: 180 }} onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} />
        <ExportButton url={memberExportUrl(union.id, filter)} fileName={`${union.name}-会员名册.xlsx`} testId="union-members-export" />
      </Space>
      <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="名会员" testId="union-members-total" />
      {!!head?.hiddenCount && <Typography.Paragraph type="secondary">另有 {head.hiddenCount} 名会员在您辖区以外的单位工作，不显示。</Typography.Paragraph>}
      <Table<UnionMember> rowKey="id" size="small" columns={columns} dataSource={list.items} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无会员' }} />
      {list.hasMore && <Button style={{ marginTop: 8 }} onClick={() => void list.loadMore()}>加载更多</Button>}
      <MemberFormDialog unionId={union.id} open={!!form} member={form?.member ?? null} coverage={union.coverage} onClose={() => setForm(null)} onDone={done} />
      <MemberStatusDialog unionId={union.id} member={status?.member ?? null} kind={status?.kind ?? null} onClose={() => setStatus(null)} onDone={done} />
      <MemberImportDialog unionId={union.id} open={importing} onClose={() => setImporting(false)} onDone={done} />
    </Card>
  );
}
