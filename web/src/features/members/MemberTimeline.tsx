import { useEffect, useState } from 'react';
import { Button, Card, Empty, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { HistoryEvent } from '../../../../src/contracts/party-org';
import { getMemberHistory } from './api';
import { MEMBER_CATEGORY_LABELS, MEMBER_EVENT_LABEL, MEMBER_FIELD_LABEL, MEMBER_LEFT_REASON_LABELS, MEMBER_STATUS_LABELS } from './labels';

/** What one event says in words: the status moved, the date of 转正, the fields changed (old → new). */
function describe(e: HistoryEvent): string {
  const d = e.data as Record<string, unknown>;
  if (e.kind === 'statusChanged') {
    const label = (s: unknown) => MEMBER_STATUS_LABELS[s as keyof typeof MEMBER_STATUS_LABELS] ?? '—';
    const reason = d.leftReason ? `（${MEMBER_LEFT_REASON_LABELS[d.leftReason as keyof typeof MEMBER_LEFT_REASON_LABELS] ?? ''}）` : '';
    return `${label(d.from)} → ${label(d.to)}${reason}${d.note ? `，${String(d.note)}` : ''}`;
  }
  if (e.kind === 'updated' && d.changes && typeof d.changes === 'object') {
    return Object.entries(d.changes as Record<string, [unknown, unknown]>)
      .map(([k, [a, b]]) => `${MEMBER_FIELD_LABEL[k] ?? '其他信息'}：${k === 'enterpriseId' ? '已变更' : `${a ?? '—'} → ${b ?? '—'}`}`).join('；');
  }
  if (e.kind === 'award') return `${String(d.title ?? '')}（${String(d.level ?? '')}${d.grantedBy ? `，${String(d.grantedBy)}` : ''}）`;
  if (e.kind === 'approval') return [d.level, d.step, d.comment].filter((x) => typeof x === 'string' && x).join('：');
  if (e.kind === 'mobileReported') return `${String(d.reportedOn ?? '')}向党组织汇报${d.note ? `：${String(d.note)}` : ''}`;
  if (e.kind === 'created') {
    const m = (d.member ?? {}) as Record<string, unknown>;
    return m.category ? MEMBER_CATEGORY_LABELS[m.category as keyof typeof MEMBER_CATEGORY_LABELS] ?? '' : '';
  }
  return '';
}

/**
 * 党员历程: the member's history, newest first, a page at a time from the history route. A reader who
 * sees the member only through a link gets the count, not the events (as for organisations).
 */
export function MemberTimeline({ memberId, reloadKey }: { memberId: string; reloadKey: number }) {
  const [items, setItems] = useState<HistoryEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hidden, setHidden] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const load = (from: string | null, append: boolean) => {
    setLoading(true);
    getMemberHistory(memberId, from).then((p) => {
      setItems((old) => (append ? [...old, ...p.items] : p.items));
      setCursor(p.nextCursor);
      setHidden(p.hiddenCount);
    }, setError).finally(() => setLoading(false));
  };
  useEffect(() => load(null, false), [memberId, reloadKey]);
  return (
    <Card title="党员历程" data-testid="member-timeline" loading={loading && !items.length}>
      <ErrorAlert error={error} />
      {hidden > 0 && <Typography.Paragraph type="secondary">该党员由其他单位管理，共有 {hidden} 条记录不在您的管辖范围</Typography.Paragraph>}
      {!items.length && !hidden ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" /> : (
        <Timeline items={items.map((e) => ({
          key: e.id,
          content: <>
            <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>{e.at}</Typography.Text>
            <Typography.Text strong>{MEMBER_EVENT_LABEL[e.kind] ?? '其他变动'}</Typography.Text>
            {describe(e) && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{describe(e)}</Typography.Text></div>}
          </>,
        }))} />
      )}
      {cursor && <Button loading={loading} onClick={() => load(cursor, true)}>加载更多</Button>}
    </Card>
  );
}
