import { Card, Timeline, Typography } from 'antd';
import type { ApprovalStep } from '../../../../src/contracts/approval';

const COLOR: Record<ApprovalStep['action'], string> = { submitted: 'blue', resubmitted: 'blue', approved: 'green', completed: 'green', returned: 'red', delegated: 'gray', withdrawn: 'gray' };
const when = (iso: string) => `${iso.slice(0, 10)} ${new Date(iso).toTimeString().slice(0, 5)}`;

/** Every step of a request, oldest first: who, at which level, what they said. */
export function ApprovalTrail({ steps, title = '审批记录' }: { steps: ApprovalStep[]; title?: string }) {
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <Timeline data-testid="approval-trail" items={steps.map((s) => ({
        color: COLOR[s.action],
        children: <>
          <Typography.Text strong>{s.levelLabel ? `${s.levelLabel}：` : ''}{s.actionLabel}</Typography.Text> <span>{s.actor}</span>{' '}
          <Typography.Text type="secondary">{when(s.at)}</Typography.Text>
          {(s.comment || s.detail) && <div><Typography.Text type="secondary">{[s.detail, s.comment].filter(Boolean).join('；')}</Typography.Text></div>}
        </>,
      }))} />
    </Card>
  );
}
