import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import type { ApprovalFlows } from '../../../../src/contracts/approval';
import { LEVEL_LABEL, LEVEL_ROLES, type LevelRole } from '../../../../src/domain/approval';
import { getFlows, saveFlows } from './api';

type Kind = ApprovalFlows['kinds'][number];
type Draft = Record<string, { levels: LevelRole[]; required: boolean; own: boolean }>;

const draftOf = (f: ApprovalFlows): Draft => Object.fromEntries(f.kinds.map((k) => [k.kind, { levels: [...k.levels], required: k.required, own: !!k.own }]));

/** 审批流程设置: for each matter, the levels in order (社区 → 街道 → 区) and whether only online approval may record it. */
export function ApprovalFlowsPage() {
  const { data, error, reload } = useAsync(() => getFlows(), []);
  const [draft, setDraft] = useState<Draft>({});
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  useEffect(() => { if (data) setDraft(draftOf(data)); }, [data]);
  if (!data) return <><PageHeader title="审批流程设置" crumbs={[{ label: '审批', to: '/approvals' }, { label: '审批流程设置' }]} /><ErrorAlert error={error} /></>;
  const edit = (kind: string, change: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [kind]: { ...d[kind], ...change, own: true } }));
  const save = () => {
    setSaving(true);
    const flows = data.kinds.filter((k) => draft[k.kind]?.own).map((k) => ({ kind: k.kind, levels: LEVEL_ROLES.filter((l) => draft[k.kind].levels.includes(l)), required: draft[k.kind].required }));
    saveFlows(data.regionPrefix, { version: data.version, flows }).then(() => { message.success('已保存审批流程'); reload(); }, (e: unknown) => message.error(errorMessage(e))).finally(() => setSaving(false));
  };
  const columns: TableProps<Kind>['columns'] = [
    { title: '事项', key: 'label', render: (_: unknown, k) => <>{k.label}（{k.mode}）{!k.wired && <Tag style={{ marginInlineStart: 6 }}>暂未接入线上审批</Tag>}
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{k.source}</Typography.Text></div></> },
    { title: '审批层级（自下而上）', key: 'levels', render: (_: unknown, k) => (
      <Checkbox.Group disabled={!data.canChange} value={draft[k.kind]?.levels} onChange={(v) => edit(k.kind, { levels: v as LevelRole[] })} data-testid={`flow-${k.kind}`}
        options={LEVEL_ROLES.map((l) => ({ value: l, label: LEVEL_LABEL[l] }))} />
    ) },
    { title: '必经线上审批', key: 'required', render: (_: unknown, k) => <Switch disabled={!data.canChange} checked={draft[k.kind]?.required} onChange={(v) => edit(k.kind, { required: v })} /> },
    { title: '当前来源', key: 'from', responsive: ['md'], render: (_: unknown, k) => k.fromLabel },
  ];
  return (
    <>
      <PageHeader title="审批流程设置" crumbs={[{ label: '审批', to: '/approvals' }, { label: '审批流程设置' }]}
        extra={data.canChange && <Button type="primary" loading={saving} onClick={save} data-testid="flows-save">保存</Button>} />
      <Card>
        <Typography.Paragraph type="secondary">
          {data.areaName}的审批流程。未设置的事项沿用上级辖区的设置或平台默认流程；最后一级须为街道或区（由其登记审批结果；党员亮身份申报确认由审批通过自动登记，社区也可为最后一级）。
          “必经线上审批”开启后，该步骤只能经审批通过后登记，不能直接补录。{!data.canChange && '审批流程由本辖区（区县及以上）的组织部门设置，您只能查看。'}
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Table<Kind> rowKey="kind" size="middle" columns={columns} dataSource={data.kinds} pagination={false} scroll={{ x: 'max-content' }} data-testid="flows-table" />
      </Card>
    </>
  );
}
