import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Progress, Table, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { download, uploadForm } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import type { MemberImportResultOut } from '../../../../src/contracts/member-import';
import { MEMBER_COLUMNS, MEMBER_COLUMN_KEYS } from '../../../../src/domain/member-row';

/**
 * 党员名册导入: a roster exported from the national member information system. The server answers
 * at once with the whole result (one transaction, all or nothing); rows that fail are listed here
 * and in the downloadable error report.
 */
const ACCEPT = '.csv,.xlsx,.txt';
const COLUMNS_HINT = MEMBER_COLUMN_KEYS.map((k) => MEMBER_COLUMNS[k].label + (MEMBER_COLUMNS[k].required ? '（必填）' : '')).join('、');

type RowError = MemberImportResultOut['errors'][number];

function ResultCard({ result }: { result: MemberImportResultOut }) {
  const { message } = App.useApp();
  const title = result.rejected
    ? `有 ${result.rejected} 行未通过校验，整个文件未导入`
    : result.dryRun ? '试运行完成（未写入）' : '导入完成';
  return (
    <Card title="导入结果" style={{ marginTop: 16 }} data-testid="member-import-result">
      <Alert type={result.rejected ? 'error' : 'success'} showIcon message={title}
        description={result.rejected ? '请按错误原因改正后重新导入；改正前不会写入任何党员。' : undefined} />
      <Descriptions size="small" column={{ xs: 2, md: 4 }} style={{ marginTop: 16 }}>
        <Descriptions.Item label="总行数">{result.rows}</Descriptions.Item>
        <Descriptions.Item label={result.applied ? '新增' : '将新增'}>{result.rejected ? '—' : result.created}</Descriptions.Item>
        <Descriptions.Item label={result.applied ? '更新' : '将更新'}>{result.rejected ? '—' : result.updated}</Descriptions.Item>
        <Descriptions.Item label="未变">{result.rejected ? '—' : result.unchanged}</Descriptions.Item>
        <Descriptions.Item label="未通过">{result.rejected}</Descriptions.Item>
        <Descriptions.Item label="涉及党组织">{result.organisations}</Descriptions.Item>
      </Descriptions>
      {result.rejected > 0 && (
        <>
          <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
            <Typography.Text>共 {result.errors.length}{result.errorsTruncated ? '+' : ''} 条错误</Typography.Text>
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/imports/members/${result.importId}/errors.xlsx`, '党员名册导入错误行.xlsx').catch((e: unknown) => message.error(errorMessage(e)))}>
              下载错误报告
            </Button>
          </Flex>
          <Table<RowError> rowKey={(e) => `${e.row}-${e.code}-${e.column ?? ''}`} size="small" dataSource={result.errors} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '—' },
              { title: '错误原因', dataIndex: 'message' },
            ]} />
        </>
      )}
    </Card>
  );
}

export function MemberImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<MemberImportResultOut | null>(null);

  const start = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    setUploaded(0);
    const form = new FormData();
    form.append('dryRun', String(dryRun)); // fields before the file: the server reads the stream in order
    form.append('file', file, file.name);
    try {
      setResult(await uploadForm<MemberImportResultOut>('/api/imports/members', form, setUploaded));
    } catch (err) {
      setError(err);
    } finally {
      setUploaded(null);
    }
  };
  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : [];

  return (
    <>
      <PageHeader title="党员名册导入" crumbs={[{ label: '企业台账', to: '/enterprises' }, { label: '党员名册导入' }]} />
      <Card>
        <Typography.Paragraph type="secondary">
          导入全国党员管理信息系统导出的党员名册（Excel .xlsx，或 CSV：UTF-8 或 GBK 编码）。可识别的列：{COLUMNS_HINT}。
          所在党支部须是您管理的党组织（按全称匹配）；按公民身份号码识别党员，已在本支部的更新、新的新增；有任何一行未通过校验则整个文件不导入。同一文件重复导入不会产生变化。
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Upload.Dragger accept={ACCEPT} multiple={false} fileList={fileList} disabled={uploaded !== null}
          beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)} data-testid="member-import-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或将名册文件拖到此处</p>
        </Upload.Dragger>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} style={{ marginTop: 16 }}>试运行（只校验、统计，不写入）</Checkbox>
        {uploaded !== null && <Progress percent={Math.round(uploaded * 100)} status="active" format={(p) => (p === 100 ? '校验中…' : `上传 ${p}%`)} style={{ marginTop: 16 }} />}
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button type="primary" disabled={!file} loading={uploaded !== null} onClick={start} data-testid="member-import-start">开始导入</Button>
        </Flex>
      </Card>
      {result && <ResultCard result={result} />}
    </>
  );
}
