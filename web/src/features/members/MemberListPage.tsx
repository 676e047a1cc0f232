import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useFilterParams, useKeysetList } from '../../ui/useKeysetList';
import type { MemberListFilter } from '../../../../src/contracts/member';
import { RemoteSelect } from '../orgs/ui';
import { searchEnterprises } from '../orgs/api';
import { listMembers, memberExportUrl, searchOrgs } from './api';
import { CATEGORY_OPTIONS, STATUS_OPTIONS } from './labels';
import { AddMemberDialog } from './MemberForms';
import { MemberTable } from './MemberTable';

/** 党员名册: every member the reader sees, filtered by organisation, enterprise, category, status and name. */
export function MemberListPage() {
  const [params, set] = useFilterParams();
  const filters: MemberListFilter = useMemo(() => ({
    orgId: params.get('org') ?? undefined,
    enterpriseId: params.get('enterprise') ?? undefined,
    category: (params.get('category') as MemberListFilter['category']) ?? undefined,
    status: (params.get('status') as MemberListFilter['status']) ?? undefined,
    q: params.get('q') ?? undefined,
  }), [params]);
  const list = useKeysetList((cursor?: string | null) => listMembers(filters, cursor), params.toString());
  const [adding, setAdding] = useState(false);
  const { can } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="党员名册" extra={<>
        <ExportButton url={memberExportUrl(filters)} fileName="党员名册.xlsx" testId="member-export" />
        {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add">登记党员</Button>}
      </>} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="姓名" defaultValue={filters.q} onSearch={(v) => set('q', v.trim())} style={{ width: 160 }} data-testid="member-q" />
          <div style={{ width: 220, maxWidth: '100%' }}><RemoteSelect search={searchOrgs} value={filters.orgId} onChange={(v) => set('org', v)} placeholder="所在党组织" /></div>
          <div style={{ width: 220, maxWidth: '100%' }}><RemoteSelect search={searchEnterprises} value={filters.enterpriseId} onChange={(v) => set('enterprise', v)} placeholder="工作单位" /></div>
          <Select allowClear placeholder="党员类别" value={filters.category} onChange={(v?: string) => set('category', v)} options={CATEGORY_OPTIONS} style={{ width: 120 }} />
          <Select allowClear placeholder="状态（默认在册）" value={filters.status} onChange={(v?: string) => set('status', v)} options={STATUS_OPTIONS} style={{ width: 150 }} />
          {(filters.orgId || filters.enterpriseId) && <Button onClick={() => { set('org'); set('enterprise'); }}>清除单位筛选</Button>}
        </Flex>
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="名党员" testId="member-total" />
        <MemberTable items={list.items} loading={list.loading} testId="member-table" />
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={list.loadMore}>加载更多</Button></div>}
      </Card>
      <AddMemberDialog orgId={filters.orgId} open={adding} onClose={() => setAdding(false)} onDone={(id) => id && navigate(`/members/${id}`)} />
    </>
  );
}
