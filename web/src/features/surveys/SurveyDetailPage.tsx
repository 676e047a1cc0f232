import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { SurveyTarget } from '../../../../src/contracts/survey';
import { SURVEY_TARGET_STATE_LABEL, SURVEY_TARGET_STATES } from '../../../../src/domain/survey';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { StackedStreetChart } from '../unions/StackedStreetChart';
import { acceptAll, closeSurvey, getProgress, getSurvey, listTargets, targetsXlsx, type TargetFilter } from './api';
import { LinkDialog } from './LinkDialog';

/** One campaign: progress by street (chart and table with 合计, numbers drill to the enterprises) and the enterprises with their links. */
export function SurveyDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<TargetFilter>({});
  const [picked, setPicked] = useState<string[]>([]);
  const [link, setLink] = useState<SurveyTarget | null>(null);
  const campaign = useAsync(() => getSurvey(id), [id]);
  const progress = useAsync(() => getProgress(id), [id]);
  const targets = useAsync(() => listTargets(id, filter), [id, filter.street, filter.state]);
  const reloadAll = () => { campaign.reload(); progress.reload(); targets.reload(); };
  const c = campaign.data;
  const drill = (street: string | null, state?: TargetFilter['state']) => setFilter({ street: street ?? undefined, state });
  const num = (n: number, street: string | null, state?: TargetFilter['state']) => <a onClick={() => drill(street, state)}>{n}</a>;
  const bulk = async () => {
    try {
      const r = await acceptAll(id, picked);
      message.success(`已采纳 ${r.accepted} 项变更${r.skipped.length ? `；${r.skipped.length} 家未处理：${r.skipped.map((s) => `${s.enterpriseName || s.targetId}（${s.reason}）`).join('，')}` : ''}`);
      setPicked([]);
      reloadAll();
    } catch (e) { message.error(errorMessage(e)); }
  };
  const close = async () => {
    try { await closeSurvey(id, c!.version); reloadAll(); } catch (e) { message.error(errorMessage(e)); }
  };
  const rows = progress.data ? [...progress.data.rows, progress.data.total] : [];
  return (
    <>
      <PageHeader title={c?.name ?? '排查摸底'} crumbs={[{ label: '排查摸底', to: '/surveys' }, { label: c?.name ?? '详情' }]}
        extra={c && <Space>
          <Tag color={c.status === 'open' ? 'green' : 'default'}>{c.statusLabel}，截止 {c.closesOn}</Tag>
          {c.manageable && c.status === 'open' && <Popconfirm title="结束填报后所有链接即时失效，确定结束？" onConfirm={() => void close()}><Button>结束填报</Button></Popconfirm>}
        </Space>} />
      <ErrorAlert error={campaign.error ?? progress.error ?? targets.error} />
      <Card title="填报进度" style={{ marginBottom: 16 }} data-testid="survey-progress">
        {progress.data && progress.data.rows.length > 0 && (
          <StackedStreetChart rows={progress.data.rows.map((r) => ({ ...r, region: r.streetCode ?? '', name: r.streetName }))} unit="家"
            series={[{ key: 'accepted', label: '已采纳', color: '#389e0d' }, { key: 'waiting', label: '已填报未采纳', color: '#faad14' }, { key: 'sent', label: '未填报', color: '#bfbfbf' }]}
            value={(r, k) => (k === 'accepted' ? r.accepted : k === 'waiting' ? r.answered - r.accepted : r.sent - r.answered)}
            onPick={(r, k) => drill(r.streetCode, k === 'sent' ? 'sent' : undefined)} />
        )}
        <Table rowKey={(r) => r.streetCode ?? r.streetName} size="small" pagination={false} dataSource={rows} scroll={{ x: 520 }}
          columns={[
            { title: '街道（乡镇）', dataIndex: 'streetName', render: (v: string, r) => (r.streetCode || r.streetName !== '合计' ? <a onClick={() => drill(r.streetCode)}>{v}</a> : <b>{v}</b>) },
            { title: '发送', dataIndex: 'sent', render: (v: number, r) => num(v, r.streetCode) },
            { title: '已填报', dataIndex: 'answered', render: (v: number, r) => num(v, r.streetCode, 'answered') },
            { title: '未填报', render: (_, r) => num(r.sent - r.answered, r.streetCode, 'sent') },
            { title: '已采纳', dataIndex: 'accepted' },
            { title: '填报率', render: (_, r) => (r.sent ? `${Math.round((r.answered / r.sent) * 100)}%` : '—') },
          ]} />
      </Card>
      <Card title="填报企业" extra={<ExportButton url={targetsXlsx(id, filter)} fileName={`${c?.name ?? '排查摸底'}-填报链接.xlsx`} testId="survey-export" />}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder="全部街道" style={{ width: 180 }} value={filter.street} onChange={(street) => setFilter({ ...filter, street })}
            options={(progress.data?.rows ?? []).filter((r) => r.streetCode).map((r) => ({ value: r.streetCode!, label: r.streetName }))} />
          <Select allowClear placeholder="全部状态" style={{ width: 150 }} value={filter.state} onChange={(state) => setFilter({ ...filter, state })}
            options={SURVEY_TARGET_STATES.map((s) => ({ value: s, label: SURVEY_TARGET_STATE_LABEL[s] }))} />
          <Button disabled={!picked.length} onClick={() => void bulk()} data-testid="survey-bulk-accept">采纳所选企业的全部变更</Button>
          {filter.state === 'sent' && <Typography.Text type="secondary">导出即为催报名单（含填报链接）</Typography.Text>}
        </Space>
        <ListTotal loading={targets.loading} total={targets.data?.total ?? null} shown={targets.data?.items.length ?? 0} unit="家企业" testId="survey-target-total" />
        <Table<SurveyTarget> rowKey="id" loading={targets.loading} dataSource={targets.data?.items ?? []} pagination={false} scroll={{ x: 760 }}
          rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]), getCheckboxProps: (r) => ({ disabled: !r.actionable || r.pending === 0 }) }}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', render: (v: string, r) => <Link to={`/surveys/${id}/targets/${r.id}`}>{v}</Link> },
            { title: '街道（乡镇）', dataIndex: 'streetName', width: 140 },
            { title: '状态', dataIndex: 'stateLabel', width: 120, render: (v: string, r) => <Tag color={r.state === 'sent' ? 'default' : r.state === 'answered' ? 'orange' : 'green'}>{v}</Tag> },
            { title: '待处理', dataIndex: 'pending', width: 80 },
            { title: '填报链接', width: 110, render: (_, r) => (r.url ? <a onClick={() => setLink(r)} data-testid="survey-link">链接和二维码</a> : r.revoked ? '已停用' : '—') },
          ]} />
      </Card>
      {link && <LinkDialog campaignId={id} target={link} onClose={() => setLink(null)} onChanged={() => { setLink(null); targets.reload(); }} />}
    </>
  );
}
