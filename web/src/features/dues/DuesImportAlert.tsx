import { Alert, App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { DuesImportResult } from '../../../../src/contracts/dues';
import { describeDetail, errorMessage } from '../../ui/ErrorAlert';
import { downloadDuesErrorReport } from './api';

/** The answer to a payment file: what was recorded, or the rows refused and their error report (XLSX). */
export function DuesImportAlert({ result, file }: { result: DuesImportResult; file: File | null }) {
  const { message } = App.useApp();
  return (
    <Alert style={{ marginBottom: 12 }} type={result.rejected ? 'error' : 'success'} showIcon data-testid="dues-import-result"
      message={result.rejected ? `文件有${result.rejected}行未通过校验，全部未导入` : `导入完成：新登记${result.applied}笔，已导入过${result.unchanged}笔`}
      description={result.errors.length ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{result.errors.slice(0, 20).map((d, i) => <li key={i}>{describeDetail(d)}</li>)}</ul> : undefined}
      action={result.rejected > 0 && file ? (
        <Button size="small" icon={<DownloadOutlined />} data-testid="dues-import-report"
          onClick={() => downloadDuesErrorReport(file).catch((e: unknown) => message.error(errorMessage(e)))}>下载错误报告</Button>
      ) : undefined} />
  );
}
