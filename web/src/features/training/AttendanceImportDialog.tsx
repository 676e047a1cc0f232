import { useEffect, useState } from 'react';
import { Alert, App, Button, Modal, Progress, Space, Table, Typography } from 'antd';
import type { AttendanceImportResult } from '../../../../src/contracts/training';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { attendanceErrorReportUrl, attendanceTemplateUrl, importAttendance } from './api';

/**
 * 导入签到表: choose the file, 检查 (a dry run) shows what it would do — people added, 学时 changed,
 * or each faulty row with its column — and only then 确认导入 writes it, at the version the page
 * read. Those already recorded and not in the file stay.
 */
export function AttendanceImportDialog({ sessionId, version, open, onClose, onDone }: { sessionId: string; version: number; open: boolean; onClose(): void; onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<AttendanceImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  useEffect(() => { if (open) { setFile(null); setResult(null); setError(null); setProgress(null); } }, [open]);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    try {
      const r = await importAttendance(sessionId, version, file, dryRun, (f) => setProgress(Math.round(f * 100)));
      setResult(r);
      if (r.applied) {
        message.success(`已导入签到表：新增 ${r.created} 人，更新学时 ${r.updated} 人`);
        onDone();
        onClose();
      }
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const save = (url: string, name: string) => download(url, name).catch((e: unknown) => message.error(errorMessage(e)));
  const checked = result && result.dryRun && !result.rejected;
  return (
    <Modal title="导入签到表" open={open} onCancel={onClose} width={720} footer={<Space>
      <Button onClick={onClose}>关闭</Button>
      <Button disabled={!file || progress !== null} onClick={() => void run(true)} data-testid="ta-import-check">检查</Button>
      <Button type="primary" disabled={!checked || progress !== null} onClick={() => void run(false)} data-testid="ta-import-apply">确认导入</Button>
    </Space>}>
      <Typography.Paragraph>
        列：姓名、身份证号（或手机号）、学时（不填为本期学时）。先“检查”，无误后再“确认导入”；任一行有错误时整个文件不导入。
        <Button type="link" onClick={() => void save(attendanceTemplateUrl, '培训签到表导入模板.xlsx')}>下载模板</Button>
      </Typography.Paragraph>
      <input type="file" accept=".xlsx,.csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setResult(null); }} data-testid="ta-import-file" style={{ marginBottom: 12 }} />
      {progress !== null && <Progress percent={progress} size="small" />}
      <ErrorAlert error={error} />
      {result && <>
        <Alert type={result.rejected ? 'error' : 'success'} showIcon style={{ marginBottom: 8 }} data-testid="ta-import-result" message={result.rejected
          ? `共 ${result.rows} 行，${result.rejected} 行有错误，整个文件未导入`
          : `检查通过：共 ${result.rows} 行，新增 ${result.created} 人，更新学时 ${result.updated} 人，不变 ${result.unchanged} 人；导入后参训 ${result.attendees} 人、认定 ${result.hoursCredited} 学时`}
          action={result.rejected ? <Button size="small" onClick={() => void save(attendanceErrorReportUrl(result.importId), '签到表错误行.xlsx')}>下载错误报告</Button> : undefined} />
        {result.errors.length > 0 && <Table size="small" rowKey={(r) => `${r.row}:${r.column}:${r.code}`} pagination={{ pageSize: 8 }} scroll={{ x: 'max-content' }} dataSource={result.errors}
          columns={[{ title: '行', dataIndex: 'row', key: 'row' }, { title: '列', dataIndex: 'column', key: 'column' }, { title: '说明', dataIndex: 'message', key: 'message' }]} />}
      </>}
    </Modal>
  );
}
