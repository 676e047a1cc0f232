import { App, Button, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../api/client';
import { errorMessage } from './ErrorAlert';

/**
 * What every list says above its rows — 共 N 个…，已显示 M 个 — so a person knows how much lies behind
 * 加载更多; the total is the server's count for the same filter and scope.
 */
export function ListTotal({ loading, total, shown, unit, testId }: { loading: boolean; total: number | null; shown: number; unit: string; testId?: string }) {
  const text = loading || total === null ? '正在查询……' : `共 ${total} ${unit}${shown < total ? `，已显示 ${shown} ${unit.slice(0, 1)}` : ''}`;
  return <Typography.Paragraph type="secondary" data-testid={testId}>{text}</Typography.Paragraph>;
}

/** 导出: downloads the list's own filter as XLSX (every page); a refusal shows the server's message. */
export function ExportButton({ url, fileName, testId }: { url: string; fileName: string; testId?: string }) {
  const { message } = App.useApp();
  const save = () => download(url, fileName).catch((err: unknown) => message.error(errorMessage(err)));
  return <Button icon={<DownloadOutlined />} onClick={save} data-testid={testId}>导出</Button>;
}
