import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Flex, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { RegionName } from '../../ui/RegionName';
import { useAsync } from '../../ui/useAsync';
import { isVersionConflict, VersionConflictAlert } from '../../ui/VersionConflict';
import { assignTask, cancelTask, getTask, taskAssignees } from './api';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/**
 * One task (待办详情): what was found and where, its 依据 and 办理期限, who it is assigned to, and its
 * history. 指派 and 撤销 are offered only when the task is open and the record is the reader's to act
 * on (never through a link); the picker lists only those who may act on it.
 */
export function TaskDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const task = useAsync(() => (id ? getTask(id) : Promise.resolve(null)), [id]);
  const t = task.data;
  const people = useAsync(() => (id && t?.canAssign ? taskAssignees(id) : Promise.resolve(null)), [id, t?.canAssign]);
  const [pick, setPick] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();

  const act = (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    fn().then((): void => {
      message.success(done);
      setPick(undefined);
      setCancelling(false);
      setReason('');
      task.reload();
      onChanged();
    }, (e: unknown): void => {
      if (isVersionConflict(e)) setError(e);
      else message.error(errorMessage(e));
    }).finally(() => setBusy(false));
  };

  return (
    <Drawer open={!!id} onClose={onClose} size={Math.min(520, window.innerWidth)} title={t ? t.kindLabel : '待办详情'} data-testid="task-drawer" destroyOnHidden>
      <ErrorAlert error={task.error} />
      {error !== null && <VersionConflictAlert onReload={() => { setError(null); task.reload(); }} style={{ marginBottom: 12 }} />}
      {t && (
        <Flex vertical gap={16}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="对象">{t.link.entityLabel} <Link to={t.link.href}>{t.subjectName}</Link>
              {!t.actionable && <Tag style={{ marginInlineStart: 6 }}>仅可查看</Tag>}</Descriptions.Item>
            <Descriptions.Item label="发现问题">{t.reason}</Descriptions.Item>
            <Descriptions.Item label="状态">{t.closedReason && t.closedReason !== t.stateLabel ? `${t.stateLabel}（${t.closedReason}）` : t.stateLabel}</Descriptions.Item>
            <Descriptions.Item label="办理期限">{t.overdue ? <Typography.Text type="danger">{t.dueOn}（已逾期）</Typography.Text> : t.dueOn}</Descriptions.Item>
            <Descriptions.Item label="属地"><RegionName code={t.regionCode} /></Descriptions.Item>
            <Descriptions.Item label="办理人">{t.assignee ?? `未指派（${t.forRoles}）`}</Descriptions.Item>
            <Descriptions.Item label="依据"><Typography.Text style={{ fontSize: 12 }}>{t.source}（{t.dueRule}）</Typography.Text></Descriptions.Item>
          </Descriptions>
          {!t.actionable && <Typography.Text type="secondary">{t.viewOnlyReason}。</Typography.Text>}
          {t.canAssign && (
            <Flex gap={8} wrap>
              <Select style={{ minWidth: 220, flex: 1 }} placeholder="选择办理人" value={pick} onChange={setPick} loading={people.loading} data-testid="task-assignee"
                options={(people.data?.items ?? []).map((u) => ({ value: u.userId, label: `${u.displayName}（${u.roles}）` }))}
                notFoundContent="没有可指派的人员" showSearch optionFilterProp="label" />
              <Button type="primary" disabled={!pick} loading={busy} onClick={() => act(() => assignTask(t.id, pick!, t.version), '已指派')} data-testid="task-assign">指派</Button>
              {t.assigneeUserId && <Button loading={busy} onClick={() => act(() => assignTask(t.id, null, t.version), '已取消指派')}>取消指派</Button>}
            </Flex>
          )}
          {t.canCancel && <Button danger onClick={() => setCancelling(true)} data-testid="task-cancel">撤销</Button>}
          <div>
            <Typography.Title level={5}>办理记录</Typography.Title>
            <Timeline items={t.history.map((e) => ({
              color: e.event === 'cancelled' ? 'gray' : e.event === 'closed' ? 'green' : e.event === 'opened' || e.event === 'reopened' ? 'red' : 'blue',
              children: <><div>{e.eventLabel}：{e.reason}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorName} · {when(e.at)}</Typography.Text></>,
            }))} />
          </div>
        </Flex>
      )}
      <Modal open={cancelling} title="撤销待办事项" okText="撤销" okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy }}
        onOk={() => t && act(() => cancelTask(t.id, reason.trim(), t.version), '已撤销')} onCancel={() => setCancelling(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">撤销后，问题仍存在时不会再次生成待办；问题消除后再次出现的，将作为新的待办。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={200} showCount placeholder="撤销原因（必填）" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="task-cancel-reason" />
      </Modal>
    </Drawer>
  );
}
