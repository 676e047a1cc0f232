import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import type { Assessment } from '../../../../src/contracts/standards';
import { ASSESSMENT_STATUS_LABELS, EVIDENCE_STATE_LABELS } from '../../../../src/domain/standards/standards-status';
import { REVIEW_LEVEL_LABELS } from '../../../../src/domain/standards/standards-types';
import { download } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { isVersionConflict, VersionConflictAlert } from '../../ui/VersionConflict';
import { getAssessment, setEvidence, submitAssessment, uploadEvidence } from './api';
import { downscale } from './downscale';
import { RecordApprovals } from '../approvals/RecordApprovals';
import { ReviewForm } from './ReviewForm';
import { STATUS_COLOR } from './OrgStandardsPage';

type Item = Assessment['items'][number];
const STATE_COLOR = { found: 'green', attached: 'blue', attested: 'cyan', missing: 'red' } as const;

/** One item: its requirement, the evidence found or given, and — for the organisation while it edits — upload or attest. */
function ItemRow({ a, item, onChange, onError }: { a: Assessment; item: Item; onChange: (x: Assessment) => void; onError: (e: unknown) => void }) {
  const [text, setText] = useState<string | null>(null);
  const run = (p: Promise<Assessment>) => p.then(onChange, onError);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const { blob, name } = await downscale(file);
    await run(uploadEvidence(a.id, item.key, a.version, blob, name));
  };
  return (
    <List.Item data-testid={`item-${item.key}`} data-state={item.state} style={{ display: 'block' }}>
      <Space wrap size={4}><Typography.Text strong>{item.title}</Typography.Text><Tag>{item.weight}分</Tag>
        <Tag color={STATE_COLOR[item.state]} data-testid={`item-state-${item.key}`}>{EVIDENCE_STATE_LABELS[item.state]}</Tag></Space>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.requirement}</Typography.Text></div>
      {item.found && <div>台账记录：<Link to={item.found.link}>{item.found.label}</Link></div>}
      {item.attachment && <div>材料：<a onClick={() => void download(item.attachment!.url, item.attachment!.fileName).catch(onError)}>{item.attachment.fileName}</a></div>}
      {item.attestation && <div>说明：{item.attestation}</div>}
      {a.manageable && <Space wrap style={{ marginTop: 4 }}>
        {item.accepts.includes('upload') && <label className="ant-btn ant-btn-default ant-btn-sm" style={{ cursor: 'pointer' }}>
          上传材料<input type="file" accept="image/jpeg,image/png,application/pdf,.docx,.xlsx" style={{ display: 'none' }} data-testid={`item-file-${item.key}`}
            onChange={(e) => void pick(e.target.files?.[0])} /></label>}
        {item.accepts.includes('attestation') && text === null && <Button size="small" onClick={() => setText(item.attestation ?? '')} data-testid={`item-attest-${item.key}`}>填写说明</Button>}
        {(item.attachment || item.attestation) && <Button size="small" onClick={() => void run(setEvidence(a.id, item.key, { version: a.version, kind: 'none' }))}>清除</Button>}
      </Space>}
      {text !== null && <Space.Compact style={{ width: '100%', marginTop: 4 }}>
        <Input.TextArea autoSize value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} data-testid={`item-text-${item.key}`} />
        <Button type="primary" data-testid={`item-save-${item.key}`} onClick={() => void run(setEvidence(a.id, item.key, { version: a.version, kind: 'attestation', attestation: text })).then(() => setText(null))}>保存</Button>
      </Space.Compact>}
    </List.Item>
  );
}

/** Self-assessment at phone width (evidence found / missing, upload, attest, submit) and, for the reviewer, the review form. */
export function AssessmentPage() {
  const { id = '' } = useParams();
  const loaded = useAsync(() => getAssessment(id), [id]);
  const [now, setNow] = useState<Assessment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const a = now && now.id === id ? now : loaded.data;
  const change = (x: Assessment) => { setNow(x); setError(null); };
  const reload = () => { setNow(null); setError(null); loaded.reload(); };
  const missing = a?.items.filter((i) => i.state === 'missing').length ?? 0;
  const orgLink = a ? (a.orgKind === 'partyOrg' ? `/orgs/${a.orgId}` : `/unions/${a.orgId}`) : '/';
  return (
    <>
      <PageHeader title={a ? `${a.orgName} · ${a.templateName}` : '标准化建设自评'} crumbs={[{ label: '标准化建设审核', to: '/standards' }, { label: a?.orgName ?? '组织', to: orgLink }, { label: `${a?.year ?? ''}年自评` }]} />
      {isVersionConflict(error) ? <VersionConflictAlert onReload={reload} /> : <ErrorAlert error={loaded.error ?? error} />}
      {a && <>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap size={4}>
            <Tag color={STATUS_COLOR[a.status]} data-testid="assessment-status">{ASSESSMENT_STATUS_LABELS[a.status]}{a.stage ? `（待${REVIEW_LEVEL_LABELS[a.stage]}审核）` : ''}</Tag>
            {a.result && <Tag color="gold" data-testid="assessment-result">{a.result} · {a.total}分</Tag>}
            {a.grade && <Tag color="red" data-testid="assessment-grade">{a.grade}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：{a.source}</Typography.Text>
          </Space>
        </Card>
        <Card size="small" title={`条目（缺少佐证${missing}项）`} style={{ marginBottom: 12 }}>
          <List size="small" dataSource={a.items} renderItem={(item) => <ItemRow key={item.key} a={a} item={item} onChange={change} onError={setError} />} />
          {a.manageable && <Button type="primary" block style={{ marginTop: 8 }} data-testid="assessment-submit" disabled={missing > 0}
            onClick={() => void submitAssessment(a.id, a.version).then(change, setError)}>提交审核</Button>}
          {a.manageable && missing > 0 && <Alert type="info" showIcon style={{ marginTop: 8 }} message="台账中已有的记录会自动作为佐证；其余条目请上传材料或填写说明后提交。" />}
        </Card>
        {a.reviewable && <ReviewForm a={a} onDone={change} onError={setError} />}
        {a.reviews.length > 0 && <Card size="small" title="审核记录">
          <List size="small" dataSource={a.reviews} renderItem={(r) => (
            <List.Item key={r.id} data-testid="assessment-review"><Space wrap size={4}>
              <Tag>{REVIEW_LEVEL_LABELS[r.level]}</Tag><Typography.Text>{r.result}</Typography.Text><Typography.Text>{r.total}分</Typography.Text>{r.grade && <Typography.Text>{r.grade}</Typography.Text>}
              {r.comment && <Typography.Text type="secondary">意见：{r.comment}</Typography.Text>}
              <Typography.Text type="secondary">{r.reviewer ?? ''} {r.reviewedAt.slice(0, 10)}</Typography.Text>
            </Space></List.Item>
          )} />
        </Card>}
        {/* A Party organisation's checklist is reviewed through the approval engine: where it waits and the engine's steps. */}
        {a.orgKind === 'partyOrg' && <RecordApprovals subjectTable="checklist_assessment" subjectId={a.id} version={a.version} canSubmit={false} kinds={[]} onDone={reload} />}
      </>}
      <Link to={orgLink}>返回组织</Link>
    </>
  );
}
