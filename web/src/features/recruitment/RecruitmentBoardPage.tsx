import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge, Button, Card, Empty, Flex, Form, Input, List, Space, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useFilterParams, useKeysetList } from '../../ui/useKeysetList';
import type { RecruitmentListFilter, RecruitmentPage, RecruitmentSummary } from '../../../../src/contracts/recruitment';
import { BOARD_STAGES, CASE_STAGE_LABELS, type CaseStage } from '../../../../src/domain/recruitment';
import { roleAllows } from '../../../../src/domain/permissions';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { searchOrgs } from '../members/api';
import { caseExportUrl, listCases, openCase } from './api';
import { RecruitmentFindingsCard } from './RecruitmentFindings';

const TABS: CaseStage[] = [...BOARD_STAGES, 'closed'];

/** One case on the board: name, organisation, the latest step, and how many findings need attention. */
function CaseItem({ c }: { c: RecruitmentSummary }) {
  return (
    <List.Item style={{ display: 'block' }} data-testid="recruitment-case">
      <Flex justify="space-between" wrap gap={4}>
        <Link to={`/recruitment/${c.id}`}><Typography.Text strong>{c.name}</Typography.Text></Link>
        <Space size={4} wrap>
          {c.awaitingApproval && <Tag color="purple">待上级党委审批</Tag>}
          {c.alerts > 0 && <Tag color="red">{c.alerts}项需处理</Tag>}
          {c.reminders > 0 && <Tag color="blue">{c.reminders}项提醒</Tag>}
          {c.access === 'partial' && <Tag>其他单位</Tag>}
        </Space>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.orgName} · 申请 {c.appliedOn} · 最近 {c.lastStepOn}</Typography.Text>
    </List.Item>
  );
}

type OpenValues = { orgId: string; name: string; idNumber: string; appliedOn: string };

function OpenCaseDialog({ orgId, open, onClose, onDone }: { orgId?: string; open: boolean; onClose: () => void; onDone: (id?: string) => void }) {
  const created = useRef<string | undefined>(undefined);
  const submit = async (v: OpenValues) => {
    created.current = (await openCase({ orgId: orgId ?? v.orgId, name: v.name, idNumber: v.idNumber, appliedOn: v.appliedOn })).id;
    return '已登记入党申请';
  };
  return (
    <FormDialog<OpenValues> title="登记入党申请" open={open} onClose={onClose} submit={submit} onDone={() => onDone(created.current)} initialValues={{ appliedOn: today() }}>
      {!orgId && <Form.Item name="orgId" label="接收申请的党组织" rules={[{ required: true, message: '请选择党组织' }]}><RemoteSelect search={searchOrgs} placeholder="输入名称搜索" /></Form.Item>}
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}><Input autoComplete="off" /></Form.Item>
      <Form.Item name="idNumber" label="身份证号码" extra="已登记的人员按身份证号码自动找到" rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: '请输入18位身份证号码' }]}>
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <Form.Item name="appliedOn" label="提出入党申请日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    </FormDialog>
  );
}

/** 发展党员: the cases the reader sees, by stage (tabs with counts; one column of cards, so it reads on a phone). */
export function RecruitmentBoardPage() {
  const [params, set] = useFilterParams();
  const stage = (params.get('stage') as CaseStage | null) ?? 'applicant';
  const filters: RecruitmentListFilter = useMemo(() => ({ orgId: params.get('org') ?? undefined, q: params.get('q') ?? undefined, stage }), [params, stage]);
  const counts = useRef<RecruitmentPage['counts'] | null>(null);
  const list = useKeysetList(async (cursor?: string | null) => {
    const page = await listCases(filters, cursor);
    counts.current = page.counts;
    return page;
  }, params.toString());
  const [adding, setAdding] = useState(false);
  const { can, me } = useAuth();
  // The province settings are changed over the whole jurisdiction only (the server decides; this hides the link from others).
  const settings = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'org.manage'));
  const navigate = useNavigate();
  const items = list.items as RecruitmentSummary[];
  return (
    <>
      <PageHeader title="发展党员" extra={<>
        <ExportButton url={caseExportUrl(filters)} fileName="发展党员.xlsx" testId="recruitment-export" />
        {settings && <Link to="/recruitment/settings" style={{ marginInline: 8 }} data-testid="recruitment-settings">省级设置</Link>}
        {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="recruitment-add">登记入党申请</Button>}
      </>} />
      {can('org.manage') && <RecruitmentFindingsCard orgId={filters.orgId} />}
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 8 }}>
          <Input.Search allowClear placeholder="姓名" defaultValue={filters.q} onSearch={(v) => set('q', v.trim())} style={{ width: 160 }} data-testid="recruitment-q" />
          <div style={{ width: 220, maxWidth: '100%' }}><RemoteSelect search={searchOrgs} value={filters.orgId} onChange={(v) => set('org', v)} placeholder="党组织" /></div>
          {filters.orgId && <Button onClick={() => set('org')}>清除单位筛选</Button>}
        </Flex>
        <Tabs activeKey={stage} onChange={(k) => set('stage', k)} data-testid="recruitment-stages" items={TABS.map((s) => ({
          key: s,
          label: <span data-testid={`stage-${s}`}>{CASE_STAGE_LABELS[s]} <Badge count={counts.current?.[s] ?? 0} showZero color={s === 'closed' ? '#999' : '#c00'} size="small" /></span>,
        }))} />
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={items.length} unit="人" testId="recruitment-total" />
        {items.length || list.loading
          ? <List size="small" loading={list.loading} dataSource={items} renderItem={(c) => <CaseItem key={c.id} c={c} />} data-testid="recruitment-list" />
          : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`暂无${CASE_STAGE_LABELS[stage]}`} />}
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={list.loadMore}>加载更多</Button></div>}
      </Card>
      <OpenCaseDialog orgId={filters.orgId} open={adding} onClose={() => setAdding(false)} onDone={(id) => id && navigate(`/recruitment/${id}`)} />
    </>
  );
}
