import { useState } from 'react';
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FindingList } from '../orgs/ui';
import { exportCongress, getCongress, type CongressSession } from './union-committee-api';
import { CongressSessionDialog, ResolutionDialog } from './UnionCongressForms';

const QUORUM_COLOR: Record<string, string> = { met: 'green', notMet: 'red', unknown: 'default' };
const OUTCOME_COLOR: Record<string, string> = { passed: 'green', failed: 'orange', invalid: 'red', unknown: 'default' };

/**
 * 职代会 on a union's page (docs/unions.md "职工代表大会"): the form its employees call for, the
 * province's representative minimum, each session with its quorum verdict and resolutions (judged on
 * all representatives), the matters of 劳动合同法第四条 taken up this year, and the findings. Those who
 * manage the union (`manageable`) record sessions, correct their counts and add resolutions here.
 */
type Dialog = { kind: 'session'; session: CongressSession | null } | { kind: 'resolution'; session: CongressSession } | null;

export function UnionCongressCard({ unionId, active, onChanged }: { unionId: string; active: boolean; onChanged: () => void }) {
  const { data, error, reload } = useAsync(() => getCongress(unionId), [unionId]);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const manage = data.manageable && active;
  const changed = () => { reload(); onChanged(); };
  const common = { onClose: () => setDialog(null), onDone: changed, onReload: changed };
  const actions = (s: CongressSession) => (manage ? [
    <Button key="edit" size="small" type="link" onClick={() => setDialog({ kind: 'session', session: s })}>修改</Button>,
    <Button key="res" size="small" type="link" onClick={() => setDialog({ kind: 'resolution', session: s })} data-testid="congress-resolution-add">登记决议</Button>,
  ] : []);
  return (
    <Card size="small" title="职工代表大会（职工大会）" style={{ marginBottom: 16 }} data-testid="union-congress-card"
      extra={<Space wrap size={4}>
        {manage && <Button size="small" type="primary" onClick={() => setDialog({ kind: 'session', session: null })} data-testid="congress-add">登记</Button>}
        <Button size="small" onClick={() => void exportCongress(unionId)}>导出（{data.total}）</Button>
      </Space>}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'form', label: '形式', children: <Typography.Text title={data.formSource}>{data.formText}</Typography.Text> },
        { key: 'reps', label: '代表人数', children: <Typography.Text title={data.rule.source}>{data.rule.minimum != null ? `不少于${data.rule.minimum}人；` : ''}{data.rule.explain}</Typography.Text> },
        { key: 'last', label: '上次召开', children: data.lastHeldOn ?? '未登记' },
        { key: 'next', label: '下次应于', children: data.nextDueBy ? `${data.nextDueBy}前` : '—' },
      ]} />
      <Space wrap style={{ margin: '8px 0' }}>
        {data.matters.map((m) => <Tag key={m.matter} color={m.taken ? 'green' : 'default'}>{m.label}{m.taken ? '✓' : ''}</Tag>)}
      </Space>
      <List size="small" header={`会议 ${data.total} 次`} dataSource={data.sessions} locale={{ emptyText: '暂无会议记录' }}
        renderItem={(s) => <List.Item style={{ display: 'block' }}>
          <Space wrap><span>{s.heldOn}</span><span>{s.kindLabel}{s.session ? ` ${s.session}` : ''}</span>
            {s.representatives != null && <span>应到{s.representatives}、实到{s.present ?? '—'}</span>}
            <Tag color={QUORUM_COLOR[s.quorum]}>{s.quorumLabel}</Tag></Space>
          {s.resolutions.map((r) => <div key={r.id} style={{ marginTop: 4 }}>
            <Space wrap><Typography.Text>决议：{r.title}</Typography.Text>
              <Typography.Text type="secondary">赞成{r.votesFor}／反对{r.votesAgainst}／弃权{r.votesAbstain}{r.needed != null ? `（须${r.needed}票）` : ''}</Typography.Text>
              <Tag color={OUTCOME_COLOR[r.outcome]}>{r.outcomeLabel}</Tag></Space>
          </div>)}
          {manage && <Space wrap size={0}>{actions(s)}</Space>}
        </List.Item>} />
      <FindingList findings={data.findings} empty="职代会无提醒" testId="union-congress-findings" />
      {manage && <>
        <CongressSessionDialog unionId={unionId} view={data} session={dialog?.kind === 'session' ? dialog.session : null} open={dialog?.kind === 'session'} {...common} />
        <ResolutionDialog session={dialog?.kind === 'resolution' ? dialog.session : null} open={dialog?.kind === 'resolution'} {...common} />
      </>}
    </Card>
  );
}
