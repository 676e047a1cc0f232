import { useState } from 'react';
import { Button, Card, Empty, Timeline, Typography } from 'antd';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { HistoryPage } from '../../../../src/contracts/history';
import { POSITION_LABEL, SETUP_MODE_LABEL, type HistoryEvent } from '../../../../src/contracts/party-org';

const PAGE = 50;

export const HISTORY_LABEL: Record<string, string> = {
  created: '成立', adjusted: '调整', dissolved: '撤销', merged: '党组织合并（并入本组织）', reelected: '换届', approval: '上级审批', coverage_added: '增加覆盖企业', coverage_ended: '结束覆盖',
  position_appointed: '任职', position_ended: '离任', congress_held: '召开职代会', contract_signed: '签订集体合同',
  checklist_result: '标准化建设审核通过', recognition: '示范点、联系点或表彰', pairing: '结对共建',
  election_held: '工会换届选举', committee_seat_added: '增补工会委员', committee_seat_changed: '工会委员变更', committee_seat_ended: '工会委员离任',
  congress_updated: '修改职代会记录', congress_resolution: '职代会决议',
  bargaining_requested: '发出集体协商要约', bargaining_replied: '书面答复协商要约', bargaining_session: '召开协商会议', bargaining_vote: '职代会审议集体合同草案',
  bargaining_signed: '签订集体合同', bargaining_filed: '集体合同报送审查', bargaining_objection: '劳动行政部门提出异议',
};
// Facts worth showing on a history line, in Chinese; ids and internal fields are left out.
const FACT_LABEL: Record<string, string> = {
  enterpriseName: '企业', personName: '人员', position: '职务', mode: '方式', since: '起', until: '止', reason: '原因',
  heldOn: '换届日期', termEndsOn: '任期届满', on: '日期', name: '名称', kind: '类别', startsOn: '起始', endsOn: '期满',
  mergedOrgName: '被合并党组织', intoOrgName: '合并后保留的党组织', membersMoved: '转入党员', step: '环节', comment: '意见', title: '名称', level: '级别', total: '总分', result: '结果', grade: '等次', grantedBy: '授予单位', document: '文号', partnerName: '结对组织', content: '内容',
};
const factValue = (k: string, v: unknown): string => {
  if (k === 'mode' && typeof v === 'string' && v in SETUP_MODE_LABEL) return SETUP_MODE_LABEL[v as keyof typeof SETUP_MODE_LABEL];
  if (k === 'position' && typeof v === 'string' && v in POSITION_LABEL) return POSITION_LABEL[v as keyof typeof POSITION_LABEL];
  return String(v);
};

/** One history event: its label and the facts it carried (names, dates), compactly. */
export function historyItems(events: HistoryEvent[]) {
  return [...events].sort((a, b) => b.at.localeCompare(a.at) || b.recordedAt.localeCompare(a.recordedAt)).map((h) => {
    const facts = Object.entries(h.data).filter(([k, v]) => FACT_LABEL[k] && v !== null && typeof v !== 'object')
      .map(([k, v]) => `${FACT_LABEL[k]}：${factValue(k, v)}`).slice(0, 6);
    return {
      key: h.id,
      content: <>
        <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>{h.at}</Typography.Text>
        <Typography.Text strong>{HISTORY_LABEL[h.kind] ?? h.kind}</Typography.Text>
        {facts.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{facts.join(' · ')}</Typography.Text></div>}
      </>,
    };
  });
}

type Props = {
  /** The record's API path (`/api/party-orgs/7`); its history route is `${path}/history`. */
  path: string;
  /** The detail's latest events, oldest of them first. */
  history: HistoryEvent[];
  /** All events the reader may page through (the detail's `historyTotal`). */
  total: number;
  testId?: string;
};

/**
 * The history card of an organisation or union: the detail's latest events, then older ones a page
 * at a time ("加载更多") from the history route, continuing after the oldest event shown. Give it a
 * `key` that changes when the detail reloads, so pages loaded before a change are dropped.
 */
export function HistoryCard({ path, history, total, testId }: Props) {
  const [older, setOlder] = useState<HistoryEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(history.length < total ? history[0]?.id ?? null : null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shown = [...history, ...older];

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await apiGet<HistoryPage>(`${path}/history`, { cursor, limit: PAGE });
      setOlder((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card title="历史" data-testid={testId} extra={total > 0 && <Typography.Text type="secondary">共 {total} 条</Typography.Text>}>
      {shown.length ? <Timeline items={historyItems(shown)} /> : <Empty description="暂无历史" />}
      {error !== null && <ErrorAlert error={error} />}
      {cursor && (
        <Button block loading={loading} onClick={loadMore} data-testid="history-more">
          加载更多（已显示 {shown.length} / {total} 条）
        </Button>
      )}
    </Card>
  );
}
