import { useState } from 'react';
import { Button, Card, Input, InputNumber, List, Space, Typography } from 'antd';
import type { Assessment } from '../../../../src/contracts/standards';
import { checklistVersionAt } from '../../../../src/domain/standards/standards-catalogue';
import { gradeFor, resultLabel, starsFor, totalOf } from '../../../../src/domain/standards/standards-score';
import { REVIEW_LEVEL_LABELS } from '../../../../src/domain/standards/standards-types';
import { reviewAssessment } from './api';

/** The review form: a mark per item (0 to its weight), the total and star level as the server will compute them, pass or return. */
export function ReviewForm({ a, onDone, onError }: { a: Assessment; onDone: (x: Assessment) => void; onError: (e: unknown) => void }) {
  const [marks, setMarks] = useState<Record<string, number>>(() => Object.fromEntries(a.items.map((i) => [i.key, i.weight])));
  const [comment, setComment] = useState('');
  const v = checklistVersionAt(a.templateId, a.templateVersion)!;
  const total = totalOf(v, marks);
  const stars = starsFor(v, total);
  const grade = stars === null ? null : gradeFor(v, total);
  const send = (decision: 'pass' | 'return') =>
    reviewAssessment(a.id, { version: a.version, decision, marks, ...(comment.trim() ? { comment: comment.trim() } : {}) }).then(onDone, onError);
  return (
    <Card size="small" title={`${a.reviewable ? REVIEW_LEVEL_LABELS[a.reviewable] : ''}审核`} style={{ marginBottom: 12 }} data-testid="review-form">
      <List size="small" dataSource={a.items} renderItem={(i) => (
        <List.Item key={i.key}><Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text>{i.title}</Typography.Text>
          <InputNumber min={0} max={i.weight} step={0.5} value={marks[i.key]} addonAfter={`/${i.weight}`} style={{ width: 130 }} data-testid={`mark-${i.key}`}
            onChange={(x) => setMarks({ ...marks, [i.key]: typeof x === 'number' ? x : 0 })} />
        </Space></List.Item>
      )} />
      <Typography.Paragraph data-testid="review-total">总分 {total} 分，{resultLabel(stars)}{grade ? `，${grade}` : ''}</Typography.Paragraph>
      {v.grades && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>等次：{v.grades.thresholds.map((g) => `${g.grade}${g.min}分以上`).join('，')}（{v.grades.source}）</Typography.Paragraph>}
      <Input.TextArea placeholder="审核意见（退回时必填）" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" onClick={() => void send('pass')} data-testid="review-pass">审核通过</Button>
        <Button danger onClick={() => void send('return')} data-testid="review-return">退回修改</Button>
      </Space>
    </Card>
  );
}
