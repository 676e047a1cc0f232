import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Space, Steps, Tag, Typography } from 'antd';
import { BARGAINING_STAGE_LABELS, CONTRACT_KIND_LABELS, REQUESTED_BY_LABELS, type BargainingStage } from '../../../../src/domain/rules/bargaining';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { getUnionBargaining, type BargainingRound } from './bargaining-api';
import { BargainingStepDialog, STEP_LABELS, type StepKind } from './BargainingStepDialog';

const FLOW: BargainingStage[] = ['requested', 'replied', 'negotiating', 'passed', 'signed', 'filed', 'effective'];
const STATE = { done: ['green', '已完成'], late: ['orange', '逾期完成'], pending: ['blue', '未到期'], overdue: ['red', '已逾期'] } as const;
const SEVERITY = { info: 'info', warning: 'warning', overdue: 'error' } as const;

/** The steps a manager may record next, by the round's stage (the server still judges each). */
function nextSteps(r: BargainingRound): StepKind[] {
  if (r.filedOn) return r.objectionOn || r.stage !== 'filed' ? [] : ['objection'];
  if (r.signedOn) return ['file'];
  const out: StepKind[] = r.repliedOn ? [] : ['reply'];
  out.push('session');
  if (!r.vote?.passed) out.push('vote');
  else out.push('sign');
  return out;
}

function RoundItem({ r, manage, onStep }: { r: BargainingRound; manage: boolean; onStep(s: StepKind): void }) {
  const at = FLOW.indexOf(r.stage);
  const current = at >= 0 ? at : FLOW.length - 1;
  return (
    <div style={{ width: '100%' }} data-testid={`bargaining-round-${r.id}`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{CONTRACT_KIND_LABELS[r.contractKind]}</Typography.Text>
        <Tag color={r.stage === 'expired' ? 'red' : r.stage === 'effective' ? 'green' : 'blue'} data-testid="bargaining-stage">{BARGAINING_STAGE_LABELS[r.stage]}</Tag>
        <Typography.Text type="secondary">{r.requestedOn} {REQUESTED_BY_LABELS[r.requestedBy]}提出要约</Typography.Text>
      </Space>
      <Steps size="small" current={current} responsive direction="horizontal" style={{ marginBottom: 8 }}
        items={FLOW.map((s) => ({ title: BARGAINING_STAGE_LABELS[s] }))} />
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        {r.sessions.length > 0 && <Typography.Text>协商会议：{r.sessions.map((x) => x.heldOn).join('、')}</Typography.Text>}
        {r.vote && <Typography.Text>草案审议（{r.vote.heldOn}）：全体代表{r.vote.representatives}人，实到{r.vote.present}人，同意{r.vote.yes}人 —
          {r.vote.passed ? <Tag color="green">通过</Tag> : <Tag color="red">{r.vote.quorum ? '未获半数同意' : '出席不足三分之二'}</Tag>}</Typography.Text>}
        {r.signedOn && <Typography.Text>合同期限：{r.startsOn} 至 {r.endsOn}（{r.signedOn}签订{r.filedOn ? `，${r.filedOn}报送` : ''}）</Typography.Text>}
        {r.dues.map((d) => (
          <Typography.Text key={d.key} data-testid={`bargaining-due-${d.key}`}>
            {d.label}：{d.key === 'renewal' ? `${d.from}起提醒，${d.date}期满` : d.key === 'effective' ? `${d.date}生效` : `${d.date}前`}{' '}
            <Tag color={STATE[d.state][0]}>{d.key === 'effective' && d.state === 'overdue' ? '有异议' : STATE[d.state][1]}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：{d.source}</Typography.Text>
          </Typography.Text>
        ))}
        {r.findings.map((f, i) => <Alert key={i} type={SEVERITY[f.severity as keyof typeof SEVERITY] ?? 'info'} showIcon message={f.title} description={f.message} />)}
        {manage && <Space wrap style={{ marginTop: 4 }}>
          {nextSteps(r).map((s) => <Button key={s} size="small" onClick={() => onStep(s)} data-testid={`bargaining-step-${s}`}>{STEP_LABELS[s]}</Button>)}
        </Space>}
      </Space>
    </div>
  );
}

/**
 * 集体协商 on the union page (docs/unions.md "集体协商"): each round with its stage steps, due dates
 * with their sources and findings; those who manage the union record the next step or a new 要约.
 */
export function BargainingCard({ unionId, active }: { unionId: string; active: boolean }) {
  const { data, error, loading, reload } = useAsync(() => getUnionBargaining(unionId), [unionId]);
  const [dialog, setDialog] = useState<{ step: StepKind; round: BargainingRound | null } | null>(null);
  const manage = !!data?.manageable && active;
  return (
    <Card title={`集体协商${data ? `（共${data.total}轮）` : ''}`} style={{ marginBottom: 16 }} loading={loading && !data} data-testid="union-bargaining"
      extra={manage && <Button size="small" type="primary" onClick={() => setDialog({ step: 'request', round: null })} data-testid="bargaining-new">发出要约</Button>}>
      <ErrorAlert error={error} />
      {data && !data.items.length ? <Empty description="尚无集体协商记录" /> : null}
      <List dataSource={[...(data?.items ?? [])].reverse()} renderItem={(r) => (
        <List.Item><RoundItem r={r} manage={manage} onStep={(step) => setDialog({ step, round: r })} /></List.Item>
      )} />
      <BargainingStepDialog unionId={unionId} round={dialog?.round ?? null} step={dialog?.step ?? null}
        onClose={() => setDialog(null)} onDone={reload} onReload={reload} />
    </Card>
  );
}
