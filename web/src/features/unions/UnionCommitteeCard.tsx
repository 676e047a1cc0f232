import { useState } from 'react';
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { COMMITTEE_ROLE_LABELS } from '../../../../src/domain/union-committee';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FindingList } from '../orgs/ui';
import { exportCommittee, getCommittee, type CommitteeSeat } from './union-committee-api';
import { ElectionDialog, SeatAddDialog, SeatEditDialog, SeatEndDialog } from './UnionCommitteeForms';

const VERDICT_COLOR: Record<string, string> = { within: 'green', below: 'orange', above: 'orange', organiser: 'blue', unknown: 'default' };

/**
 * 委员会 on a union's page (docs/unions.md "委员会与换届选举"): the sitting members with their roles, the
 * term, the size against the 2016 选举条例's band and the findings; one column on a phone. Those who
 * manage the union (the API's `manageable`) record elections and seats here; each change reloads the
 * card and the page (the union's term and history move with it).
 */
type Dialog = 'election' | 'seat' | { kind: 'edit' | 'end'; seat: CommitteeSeat } | null;

export function UnionCommitteeCard({ unionId, unionVersion, active, onChanged }: { unionId: string; unionVersion: number; active: boolean; onChanged: () => void }) {
  const { data, error, reload } = useAsync(() => getCommittee(unionId), [unionId]);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const s = data.summary;
  const sitting = data.seats.filter((x) => x.until === null);
  const manage = data.manageable && active;
  const close = () => setDialog(null);
  const changed = () => { reload(); onChanged(); };
  const common = { onClose: close, onDone: changed, onReload: changed };
  const seatOf = (k: 'edit' | 'end') => (typeof dialog === 'object' && dialog?.kind === k ? dialog.seat : null);
  return (
    <Card size="small" title="工会委员会" style={{ marginBottom: 16 }} data-testid="union-committee-card"
      extra={<Space wrap size={4}>
        {manage && <Button size="small" type="primary" onClick={() => setDialog('election')} data-testid="committee-election">换届选举</Button>}
        {manage && <Button size="small" onClick={() => setDialog('seat')} data-testid="committee-seat-add">增补</Button>}
        <Button size="small" onClick={() => void exportCommittee(unionId)}>导出（{data.total}）</Button>
      </Space>}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'elected', label: '本届选举', children: s.electedOn ?? '未登记' },
        { key: 'term', label: '任期', children: s.termYears ? `${s.termYears}年${s.termEndsOn ? `，至${s.termEndsOn}` : ''}` : '—' },
        { key: 'chair', label: '主席', children: s.chair ? `${s.chair}（${s.chairFullTime ? '专职' : '兼职'}）` : '空缺' },
        { key: 'size', label: '委员人数', children: <Space wrap>{s.size}人<Tag color={VERDICT_COLOR[s.sizeVerdict]}>{s.sizeVerdictLabel}</Tag></Space> },
        { key: 'band', label: '规定名额', children: s.band ? <Typography.Text title={s.band.source}>{s.band.label}</Typography.Text> : '—' },
        { key: 'members', label: '会员 / 职工', children: `${data.members}人 / ${data.employees ?? '未知'}${data.employees != null ? '人' : ''}` },
      ]} />
      {s.note && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{s.note}</Typography.Paragraph>}
      <List size="small" header={`在任委员 ${sitting.length} 人（共 ${data.total} 条任职记录）`} dataSource={sitting} locale={{ emptyText: '暂无在任委员' }}
        renderItem={(x) => <List.Item data-testid={`committee-seat-${x.id}`} actions={manage ? [
          <Button key="edit" size="small" type="link" onClick={() => setDialog({ kind: 'edit', seat: x })}>修改</Button>,
          <Button key="end" size="small" type="link" danger onClick={() => setDialog({ kind: 'end', seat: x })} data-testid="committee-seat-end">离任</Button>,
        ] : undefined}>
          <Space wrap><span>{x.personName}</span><Tag>{COMMITTEE_ROLE_LABELS[x.role]}</Tag>{x.fullTime && <Tag color="blue">专职</Tag>}
            {x.closeRelative && <Tag color="red">申报为企业主要负责人近亲属</Tag>}</Space>
          <Typography.Text type="secondary">自{x.since}</Typography.Text>
        </List.Item>} />
      <FindingList findings={data.findings} empty="委员会无提醒" testId="union-committee-findings" />
      {manage && <>
        <ElectionDialog unionId={unionId} unionVersion={unionVersion} open={dialog === 'election'} {...common} />
        <SeatAddDialog unionId={unionId} open={dialog === 'seat'} {...common} />
        <SeatEditDialog seat={seatOf('edit')} open={!!seatOf('edit')} {...common} />
        <SeatEndDialog seat={seatOf('end')} open={!!seatOf('end')} {...common} />
      </>}
    </Card>
  );
}
