import { useState } from 'react';
import { Button, Card, Input, Space } from 'antd';
import type { AnnualReport } from '../../../../src/contracts/annual-report';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSubmit } from '../orgs/ui';
import { reviewReport } from './api';

/** The street's review of a submitted report: pass, or return with what to change. */
export function ReviewCard({ orgId, report, onDone }: { orgId: string; report: AnnualReport; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const { busy, error, run } = useSubmit();
  async function decide(decision: 'pass' | 'return') {
    const done = await run(async () => {
      await reviewReport(orgId, { year: report.year, version: report.version, decision, comment: comment || null });
      return decision === 'pass' ? '已审核通过' : '已退回修改';
    });
    if (done) onDone();
  }
  return (
    <Card size="small" title="审核" style={{ marginBottom: 16 }} data-testid="report-review">
      <ErrorAlert error={error} />
      <Input.TextArea rows={3} maxLength={1000} placeholder="审核意见（退回时必填）" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
      <Space wrap style={{ marginTop: 8 }}>
        <Button type="primary" onClick={() => decide('pass')} loading={busy} data-testid="review-pass">审核通过</Button>
        <Button danger onClick={() => decide('return')} loading={busy} data-testid="review-return">退回修改</Button>
      </Space>
    </Card>
  );
}
