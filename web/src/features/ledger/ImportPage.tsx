import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Checkbox, Flex, Form, Input, Progress, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { download, uploadForm } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { DEFAULT_IMPORT_SOURCE } from '../../../../src/domain/import-source';
import { TEMPLATE_URL, listImports } from './api';
import { IMPORT_STATUS_LABEL } from './labels';
import type { ImportStatus, ImportView } from './types';

const ACCEPT = '.csv,.xlsx,.txt';
const STATUS_COLOR = { running: 'processing', completed: 'success', failed: 'error', dry_run: 'default' } as const;

function RecentImports() {
  const { data, error, loading } = useAsync(listImports, []);
  return (
    <Card title="最近的导入" style={{ marginTop: 16 }}>
      <ErrorAlert error={error} />
      <Table<ImportView> rowKey="id" size="small" loading={loading} dataSource={data ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }} locale={{ emptyText: '还没有导入记录' }}
        columns={[
          { title: '文件', dataIndex: 'fileName', render: (name: string, r) => <Link to={`/imports/${r.id}`}>{name}</Link> },
          { title: '时间', dataIndex: 'startedAt', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '状态', dataIndex: 'status', render: (s: ImportStatus) => <Tag color={STATUS_COLOR[s]}>{IMPORT_STATUS_LABEL[s]}</Tag> },
          { title: '总行数', key: 'rows', align: 'right', responsive: ['md'], render: (_: unknown, r) => r.result?.rows ?? '—' },
          { title: '新增', key: 'created', align: 'right', responsive: ['md'], render: (_: unknown, r) => r.result?.created ?? '—' },
          { title: '更新', key: 'updated', align: 'right', responsive: ['md'], render: (_: unknown, r) => r.result?.updated ?? '—' },
          { title: '未通过', key: 'rejected', align: 'right', render: (_: unknown, r) => r.result?.rejected ?? '—' },
        ]} />
    </Card>
  );
}

export function ImportPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState(DEFAULT_IMPORT_SOURCE);
  const [dryRun, setDryRun] = useState(false);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async () => {
    if (!file) return;
    setError(null);
    setUploaded(0);
    // Fields go before the file: the server reads the multipart stream in order.
    const form = new FormData();
    form.append('source', source.trim() || DEFAULT_IMPORT_SOURCE);
    form.append('dryRun', String(dryRun));
    form.append('file', file, file.name);
    try {
      const { importId } = await uploadForm<{ importId: string }>('/api/imports/enterprises', form, setUploaded);
      navigate(`/imports/${importId}`);
    } catch (err) {
      setError(err);
      setUploaded(null);
    }
  };
  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : [];

  return (
    <>
      <PageHeader title="数据导入" crumbs={[{ label: '企业台账', to: '/enterprises' }, { label: '数据导入' }]}
        extra={<Button icon={<FileExcelOutlined />} onClick={() => download(TEMPLATE_URL, '企业台账导入模板.xlsx').catch((e: unknown) => message.error(errorMessage(e)))}>下载模板</Button>} />
      <Card>
        <Typography.Paragraph type="secondary">
          支持市场监管部门导出的登记注册数据（CSV，UTF-8 或 GB18030 编码；或 Excel .xlsx）。按统一社会信用代码更新台账；同一文件重复导入不会产生变化。未通过校验的行可下载错误报告，修改后重新导入。党员名册请在<Link to="/member-imports">党员名册导入</Link>页导入。
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Upload.Dragger accept={ACCEPT} multiple={false} fileList={fileList} disabled={uploaded !== null}
          beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)} data-testid="import-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或将文件拖到此处</p>
          <p className="ant-upload-hint">单个文件，最大 200 MB</p>
        </Upload.Dragger>
        <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }}>
          <Form.Item label="数据来源" tooltip="同一来源使用同一套列名映射，如：市场监管局">
            <Input value={source} onChange={(e) => setSource(e.target.value)} maxLength={64} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>试运行（只校验、统计，不写入台账）</Checkbox>
          </Form.Item>
        </Form>
        {uploaded !== null && <Progress percent={Math.round(uploaded * 100)} status="active" format={(p) => `上传 ${p}%`} style={{ marginTop: 16 }} />}
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button type="primary" disabled={!file} loading={uploaded !== null} onClick={start} data-testid="import-start">开始导入</Button>
        </Flex>
      </Card>
      <RecentImports />
    </>
  );
}
