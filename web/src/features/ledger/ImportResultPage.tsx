import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Progress, Result, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { errorReportUrl, getImport } from './api';
import { IMPORT_STATUS_LABEL, fieldLabel } from './labels';
import type { ImportResult, ImportRowError, ImportView } from './types';

const ImportChart = lazy(() => import('./ImportChart'));
const POLL_MS = 700;

/** Polls the import until it stops running. */
function useImport(id: string): { view: ImportView | null; error: unknown } {
  const [view, setView] = useState<ImportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await getImport(id);
        if (stopped) return;
        setView(next);
        if (next.status === 'running') timer = setTimeout(tick, POLL_MS);
      } catch (err) {
        if (!stopped) setError(err);
      }
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return { view, error };
}

function Running({ view }: { view: ImportView }) {
  const p = view.progress;
  const percent = p && p.totalBytes > 0 ? Math.min(99, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
  return (
    <Card>
      <Typography.Paragraph>正在处理文件 {view.fileName ?? ''}，请稍候……</Typography.Paragraph>
      <Progress percent={percent} status="active" data-testid="import-progress" />
      <Typography.Text type="secondary">已读取 {p?.rows ?? 0} 行</Typography.Text>
    </Card>
  );
}

function Counts({ result }: { result: ImportResult }) {
  const cards = [
    { label: '总行数', value: result.rows, color: undefined },
    { label: '新增', value: result.created, color: '#389e0d' },
    { label: '更新', value: result.updated, color: '#1677ff' },
    { label: '无变化', value: result.unchanged, color: '#8c8c8c' },
    { label: '未通过', value: result.rejected, color: result.rejected ? '#c41d1d' : undefined },
  ];
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }} data-testid="import-counts">
      {cards.map((c) => (
        <Card key={c.label} size="small" style={{ flex: '1 1 140px' }}>
          <Statistic title={c.label} value={c.value} styles={{ content: { color: c.color } }} />
        </Card>
      ))}
    </Flex>
  );
}

function Rejected({ id, result }: { id: string; result: ImportResult }) {
  const { message } = App.useApp();
  if (!result.rejected) return null;
  return (
    <Card title={`未通过校验的行（${result.rejected}）${result.errorsTruncated ? '，下表只列出前若干条，完整内容见错误报告' : ''}`} style={{ marginBottom: 16 }}
      extra={<Button type="primary" icon={<DownloadOutlined />} data-testid="download-errors"
        onClick={() => download(errorReportUrl(id), `导入错误报告-${id}.xlsx`).catch((e: unknown) => message.error(errorMessage(e)))}>下载错误报告</Button>}>
      <Table<ImportRowError> rowKey={(r, i) => `${r.row}-${r.column ?? ''}-${i}`} size="small" dataSource={result.errors} scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="import-errors"
        columns={[
          { title: '行号', dataIndex: 'row', width: 80 },
          { title: '列', dataIndex: 'column', render: (c?: string | null) => c ?? '—' },
          { title: '错误原因', dataIndex: 'message' },
        ]} />
    </Card>
  );
}

/** Which facts the updated enterprises changed, e.g. 登记状态 ×3. */
function UpdatedFacts({ facts }: { facts: Record<string, number> }) {
  const entries = Object.entries(facts).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return null;
  return (
    <Typography.Paragraph>
      更新的信息项：{entries.map(([k, n]) => <Tag key={k} style={{ marginBottom: 4 }}>{fieldLabel(k)} ×{n}</Tag>)}
    </Typography.Paragraph>
  );
}

function StatusChanges({ result }: { result: ImportResult }) {
  const lists = [{ title: '本次新注销的企业', items: result.deregistered }, { title: '本次被吊销的企业', items: result.revoked }];
  return (
    <>
      {lists.filter((l) => l.items.length > 0).map((l) => (
        <Card key={l.title} title={`${l.title}（${l.items.length}）`} style={{ marginBottom: 16 }}>
          {l.items.slice(0, 200).map((d) => <Link key={d.id} to={`/enterprises/${d.id}`}><Tag style={{ marginBottom: 4 }}>{d.name}</Tag></Link>)}
        </Card>
      ))}
    </>
  );
}

function Finished({ id, view }: { id: string; view: ImportView }) {
  const result = view.result;
  if (view.status === 'failed' || !result) {
    return <Result status="error" title="导入失败" subTitle={view.error?.message ?? '文件未能导入，台账未做任何修改。'} />;
  }
  return (
    <>
      {view.dryRun && <Alert type="info" showIcon title="这是试运行：以下为将会发生的变化，台账未做修改。" style={{ marginBottom: 16 }} />}
      <Counts result={result} />
      <Card title="导入结果" style={{ marginBottom: 16 }}>
        <Suspense fallback={<Skeleton active />}><ImportChart result={result} /></Suspense>
        {result.merged > 0 && <Typography.Paragraph>文件内完全相同的重复行 {result.merged} 行，已合并。</Typography.Paragraph>}
        <UpdatedFacts facts={result.updatedFacts} />
        {result.pendingPlacement > 0 && (
          <Typography.Paragraph data-testid="pending-placement">
            有 {result.pendingPlacement} 家企业未能按住所认定属地，请到 <Link to="/placement-queue">待认定属地</Link> 处理。
          </Typography.Paragraph>
        )}
      </Card>
      <Rejected id={id} result={result} />
      <StatusChanges result={result} />
    </>
  );
}

export function ImportResultPage() {
  const { id = '' } = useParams();
  const { view, error } = useImport(id);
  const status = view ? IMPORT_STATUS_LABEL[view.status] : '';
  return (
    <>
      <PageHeader title={`导入结果${status ? `（${status}）` : ''}`} crumbs={[{ label: '数据导入', to: '/imports' }, { label: view?.fileName ?? `导入 ${id}` }]}
        extra={<Link to="/imports"><Button>继续导入</Button></Link>} />
      <ErrorAlert error={error} />
      {!view && !error && <Skeleton active />}
      {view && (view.status === 'running' ? <Running view={view} /> : <Finished id={id} view={view} />)}
    </>
  );
}
