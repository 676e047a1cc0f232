import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import type { ProposalDto } from '../../../../src/contracts/planner';
import { FormDialog, today } from '../orgs/ui';
import { applyProposal, getProposals } from './api';

const GROUP_LABEL: Record<ProposalDto['groupKind'], string> = { building: '同一楼宇', park: '同一园区', community: '同一社区', association: '同一行业协会' };

function ProposalCard({ p, canApply, onApply }: { p: ProposalDto; canApply: boolean; onApply: () => void }) {
  return (
    <Card size="small" data-testid="proposal" title={<Space wrap><Tag color="purple">{GROUP_LABEL[p.groupKind]}</Tag>{p.groupName}</Space>}
      extra={canApply && <Button type="primary" size="small" onClick={onApply}>按此方案组建联合党支部</Button>}>
      <Descriptions size="small" column={1} items={[
        ...(p.groupKind === 'community' ? [{ key: 'where', label: '所在社区', children: <RegionName code={p.groupKey} /> }] : []),
        { key: 'name', label: '建议名称', children: p.suggestedName },
        { key: 'n', label: '企业', children: `${p.enterpriseIds.length} 家，正式党员合计 ${p.fullMembers} 名` },
        { key: 'list', label: '名单', children: p.enterpriseNames.join('、') },
      ]} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{p.explanation}</Typography.Paragraph>
    </Card>
  );
}

/** 联建方案: joint-branch proposals for uncovered enterprises with 1–2 full members in a region. */
export function PlannerPage() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const result = useAsync(() => (region ? getProposals(regionPrefix(region)) : Promise.resolve(undefined)), [region]);
  const [chosen, setChosen] = useState<ProposalDto | null>(null);
  const { can } = useAuth();
  const navigate = useNavigate();
  const apply = async (v: { name: string; since: string }) => {
    const org = await applyProposal({ proposal: { groupKind: chosen!.groupKind, groupKey: chosen!.groupKey, enterpriseIds: chosen!.enterpriseIds }, name: v.name, since: v.since });
    navigate(`/orgs/${org.id}`);
    return `已组建 ${org.name}`;
  };
  const data = result.data;
  return (
    <>
      <PageHeader title="联建方案" />
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={8} align="center">
          <RegionSelect value={region} onChange={(v) => setParams(v ? { region: v } : {}, { replace: true })} placeholder="选择区县、街道或社区" data-testid="planner-region" />
          <Typography.Text type="secondary">为未建党组织、有 1–2 名正式党员的企业按楼宇、园区、社区、行业协会提出联合党支部组建方案。</Typography.Text>
        </Flex>
      </Card>
      <ErrorAlert error={result.error} />
      {!region ? <Empty description="请先选择区域" /> : result.loading ? <Skeleton active /> : data && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="planner-summary"
            title={`截至 ${data.date}：候选企业 ${data.candidates} 家，方案可覆盖 ${data.covered} 家，共 ${data.proposals.length} 个方案`} />
          <List grid={{ gutter: 16, xs: 1, md: 2 }} dataSource={data.proposals} locale={{ emptyText: '该区域暂无可组建的方案' }}
            renderItem={(p) => <List.Item><ProposalCard p={p} canApply={can('org.manage')} onApply={() => setChosen(p)} /></List.Item>} />
        </>
      )}
      {chosen && (
        <FormDialog<{ name: string; since: string }> title="组建联合党支部" open onClose={() => setChosen(null)} onDone={() => undefined}
          initialValues={{ name: chosen.suggestedName, since: today() }} submit={apply}>
          <Form.Item name="name" label="支部名称" rules={[{ required: true, min: 2, message: '请输入名称' }]}><Input /></Form.Item>
          <Form.Item name="since" label="成立日期" rules={[{ required: true, message: '请选择日期' }]}><Input type="date" /></Form.Item>
          <Typography.Text type="secondary">将同时为 {chosen.enterpriseIds.length} 家企业建立覆盖关系；提交前服务器会重新核验条件。</Typography.Text>
        </FormDialog>
      )}
    </>
  );
}
