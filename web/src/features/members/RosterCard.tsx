import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card } from 'antd';
import type { MemberListFilter } from '../../../../src/contracts/member';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useKeysetList } from '../../ui/useKeysetList';
import { listMembers, memberExportUrl } from './api';
import { AddMemberDialog } from './MemberForms';
import { MemberTable } from './MemberTable';
import { RecruitmentFindingsCard } from '../recruitment/RecruitmentFindings';

/**
 * 党员名册 as a section of an organisation's or an enterprise's page: the members on the roll there
 * (the reader's scope applies), the total, the export, and 登记党员 where the reader manages the
 * organisation. `onChanged` lets the page reload its own counts after a change.
 */
export function RosterCard({ orgId, enterpriseId, canAdd, onChanged }: { orgId?: string; enterpriseId?: string; canAdd?: boolean; onChanged?: () => void }) {
  const filter: MemberListFilter = orgId ? { orgId } : { enterpriseId };
  const [key, setKey] = useState(0);
  const list = useKeysetList((cursor?: string | null) => listMembers(filter, cursor), `${orgId}:${enterpriseId}:${key}`);
  const [adding, setAdding] = useState(false);
  const all = orgId ? `/members?org=${orgId}` : `/members?enterprise=${enterpriseId}`;
  return (<>
    <Card title="党员名册" style={{ marginBottom: 16 }} data-testid="roster" extra={<>
      <ExportButton url={memberExportUrl(filter)} fileName="党员名册.xlsx" testId="roster-export" />
      {canAdd && <Button type="primary" size="small" style={{ marginLeft: 8 }} onClick={() => setAdding(true)} data-testid="roster-add">登记党员</Button>}
    </>}>
      <ErrorAlert error={list.error} />
      <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="名党员" testId="roster-total" />
      <MemberTable items={list.items} loading={list.loading} showOrg={!orgId} showEmployer={!enterpriseId} testId="roster-table" />
      {list.hasMore && <div style={{ textAlign: 'center', marginTop: 12 }}><Link to={all}>查看全部</Link></div>}
      {canAdd && <AddMemberDialog orgId={orgId} open={adding} onClose={() => setAdding(false)} onDone={() => { setKey((k) => k + 1); onChanged?.(); }} />}
    </Card>
    {/* The organisation's own recruitment findings (docs/recruitment.md), where the reader manages it. */}
    {orgId && canAdd && <RecruitmentFindingsCard orgId={orgId} />}
  </>);
}
