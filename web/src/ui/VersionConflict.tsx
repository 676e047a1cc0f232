import type { CSSProperties } from 'react';
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';

/**
 * Optimistic locking, as people see it. Every edit sends the version it read; when someone else
 * saved in between, the server answers 409 VERSION_CONFLICT and nothing is written. Every form
 * (organisations, unions, instructors, people, users, placement) says so the same way: this
 * message and a button that reloads the record, so the edit is redone on what is stored now.
 */
export const VERSION_CONFLICT_TITLE = '此记录已被他人修改';

export const isVersionConflict = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'VERSION_CONFLICT';

export function VersionConflictAlert({ onReload, style }: { onReload?: () => void; style?: CSSProperties }) {
  return (
    <Alert type="warning" showIcon title={VERSION_CONFLICT_TITLE} data-testid="version-conflict" style={{ marginBottom: 16, ...style }}
      description={onReload ? '您看到的不是最新内容，本次修改未保存。请重新加载后再修改。' : '您看到的不是最新内容，本次修改未保存。请刷新页面后再修改。'}
      action={onReload && <Button size="small" onClick={onReload} data-testid="version-conflict-reload">重新加载</Button>} />
  );
}
