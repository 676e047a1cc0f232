import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Flex, Select, Table, Tabs, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import type { WorklistItem } from '../../../../src/contracts/coverage';
import { RULE_CATALOGUE } from '../../../../src/domain/rules/catalogue';
import { MEMBER_RULE_CATALOGUE } from '../../../../src/domain/rules/member-catalogue';
import { LIFE_RULE_CATALOGUE } from '../../../../src/domain/rules/life-catalogue';
import { TRAINING_RULE_CATALOGUE } from '../../../../src/domain/rules/training-catalogue';
import { RECRUITMENT_RULE_IDS } from '../../../../src/domain/recruitment';
import { WhyExplained, severityTag } from '../orgs/ui';
import { WORKLIST_TABS, listWorklist, worklistExportUrl, type WorklistFilters, type WorklistKind } from './api';

const ENTITY: Record<WorklistItem['link']['entity'], { label: string; path: string; suffix?: string }> = {
  enterprise: { label: '企业', path: '/enterprises' },
  party_org: { label: '党组织', path: '/orgs' },
  union: { label: '工会', path: '/unions' },
  recruitment_case: { label: '发展党员', path: '/recruitment' },
  party_org_life: { label: '组织生活', path: '/orgs', suffix: '/life' },
  party_org_training: { label: '书记培训', path: '/orgs' },
};
const RULE_KIND: Record<WorklistKind, string> = { gaps: 'status', alerts: 'alert', recommendations: 'nextStep' };

const columns: TableProps<WorklistItem>['columns'] = [
  { title: '对象', key: 'name', render: (_: unknown, r) => (
    <><Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>{ENTITY[r.link.entity].label}</Typography.Text>
      <Link to={`${ENTITY[r.link.entity].path}/${r.link.id}${ENTITY[r.link.entity].suffix ?? ''}`}>{r.name}</Link></>
  ) },
  { title: '事项', key: 'summary', render: (_: unknown, r) => <>{severityTag(r.severity)}<span title={r.title}>{r.summary}</span></> },
  { title: '属地', dataIndex: 'regionCode', key: 'regionCode', responsive: ['md'], render: (c: string | null) => <RegionName code={c} /> },
  { title: '说明', key: 'why', responsive: ['sm'], width: 380, render: (_: unknown, r) => <WhyExplained finding={r} /> },
];

function useWorklist(list: WorklistKind, filters: WorklistFilters, key: string) {
  const first = useAsync(() => listWorklist(list, filters), [key]);
  const [more, setMore] = useState<{ items: WorklistItem[]; cursor: string | null }>({ items: [], cursor: null });
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null }), [first.data]);
  const loadMore = () => listWorklist(list, filters, more.cursor).then(
    (p) => setMore((m) => ({ items: [...m.items, ...p.items], cursor: p.nextCursor })), setMoreError);
  return { first, items: [...(first.data?.items ?? []), ...more.items], cursor: more.cursor, loadMore, error: first.error ?? moreError };
}

/** 工作清单: gaps, alerts and recommendations under the person's scope, filterable, exportable. */
export function WorklistPage() {
  const [params, setParams] = useSearchParams();
  const list = (WORKLIST_TABS.find((t) => t.key === params.get('list'))?.key ?? 'gaps') as WorklistKind;
  const filters: WorklistFilters = useMemo(() => ({
    regionPrefix: params.get('region') ? regionPrefix(params.get('region')!) : undefined,
    ruleId: list === 'gaps' ? undefined : params.get('rule') ?? undefined,
    kind: list === 'gaps' ? undefined : (params.get('kind') as WorklistFilters['kind']) ?? undefined,
  }), [params, list]);
  const { first, items, cursor, loadMore, error } = useWorklist(list, filters, params.toString());
  const { message } = App.useApp();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const rules = Object.values(RULE_CATALOGUE).filter((r) => r.kind === RULE_KIND[list]).map((r) => ({ value: r.id as string, label: r.title }))
    .concat(list === 'alerts' ? RECRUITMENT_RULE_IDS.map((id) => ({ value: id, label: `发展党员：${MEMBER_RULE_CATALOGUE[id].title}` })) : [])
    .concat(list === 'alerts' ? Object.values(LIFE_RULE_CATALOGUE).map((r) => ({ value: r.id as string, label: `组织生活：${r.title}` })) : [])
    .concat(list === 'alerts' ? Object.values(TRAINING_RULE_CATALOGUE).map((r) => ({ value: r.id as string, label: `培训：${r.title}` })) : []);
  const exportList = () => download(worklistExportUrl(list, filters), `${list}.xlsx`).catch((e: unknown) => message.error(errorMessage(e)));

  return (
    <>
      <PageHeader title="工作清单" extra={<Button type="primary" icon={<DownloadOutlined />} onClick={exportList} data-testid="worklist-export">导出</Button>} />
      <Card>
        <Tabs activeKey={list} onChange={(k) => set({ list: k, rule: undefined, kind: undefined })} items={WORKLIST_TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <RegionSelect value={params.get('region') ?? undefined} onChange={(v) => set({ region: v })} placeholder="属地" data-testid="worklist-region" />
          {list !== 'gaps' && <>
            <Select allowClear placeholder="规则" value={filters.ruleId} onChange={(v?: string) => set({ rule: v })} options={rules} style={{ minWidth: 220 }} popupMatchSelectWidth={false} />
            <Select allowClear placeholder="对象" value={filters.kind} onChange={(v?: string) => set({ kind: v })} style={{ width: 120 }}
              options={Object.entries(ENTITY).filter(([k]) => list === 'alerts' || (k !== 'recruitment_case' && k !== 'party_org_life' && k !== 'party_org_training')).map(([value, e]) => ({ value, label: e.label }))} />
          </>}
        </Flex>
        <ErrorAlert error={error} />
        <Typography.Paragraph type="secondary" data-testid="worklist-count">
          {first.loading ? '正在查询……' : `截至 ${first.data?.date ?? ''}，已显示 ${items.length} 条${cursor ? '（还有更多）' : ''}`}
        </Typography.Paragraph>
        <Table<WorklistItem> rowKey={(r) => `${r.link.entity}:${r.link.id}:${r.ruleId}`} size="middle" columns={columns} dataSource={items}
          loading={first.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="worklist-table" locale={{ emptyText: '清单为空' }} />
        {cursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={loadMore}>加载更多</Button></div>}
      </Card>
    </>
  );
}
