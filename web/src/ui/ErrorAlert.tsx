import type { CSSProperties } from 'react';
import { Alert } from 'antd';
import { ApiError, type ErrorDetail } from '../api/client';
import { VersionConflictAlert, isVersionConflict } from './VersionConflict';

const MAX_DETAILS = 20;

/** "第 3 行 · 统一社会信用代码：校验位不正确" */
export function describeDetail(d: ErrorDetail): string {
  const where = [d.row !== undefined ? `第 ${d.row} 行` : null, d.column ?? d.field ?? null].filter(Boolean).join(' · ');
  return where ? `${where}：${d.message ?? d.code ?? ''}` : (d.message ?? d.code ?? '');
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}

/**
 * Shows a server error in Chinese, with its per-row/field details when it has any. A version
 * conflict is shown as such, with a reload of the record when the caller says how (`onReload`).
 */
export function ErrorAlert({ error, style, onReload }: { error: unknown; style?: CSSProperties; onReload?: () => void }) {
  if (!error) return null;
  if (isVersionConflict(error)) return <VersionConflictAlert onReload={onReload} style={style} />;
  const details = error instanceof ApiError ? error.details : [];
  const description = details.length ? (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {details.slice(0, MAX_DETAILS).map((d, i) => <li key={i}>{describeDetail(d)}</li>)}
      {details.length > MAX_DETAILS && <li>……另有 {details.length - MAX_DETAILS} 条</li>}
    </ul>
  ) : undefined;
  return <Alert type="error" showIcon title={errorMessage(error)} description={description} style={{ marginBottom: 16, ...style }} data-testid="error-alert" />;
}
