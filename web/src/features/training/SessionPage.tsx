import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, InputNumber, List, Popconfirm, Space, Typography } from 'antd';
import { TRAINING_AUDIENCE_LABELS } from '../../../../src/domain/training';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { AttendanceImportDialog } from './AttendanceImportDialog';
import { deleteSession, getCandidates, getSession, saveAttendance } from './api';

type Pick = { name: string; role?: string; hours: number };

/**
 * 培训班次 and its attendance, entered on a phone: the people the course is for (secretaries,
 * instructors, 积极分子/发展对象, members of the organiser's area) in a list to tick, each credited the
 * session's 学时 unless changed; those recorded stay ticked. Saving sends the whole list with the
 * version read — a change by someone else in between is said in Chinese, with a reload. 导入签到表
 * merges an Excel sign-in sheet after a check; 删除班次 (with a confirm) removes it and its attendance.
 */
export function SessionPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const session = useAsync(() => getSession(id), [id]);
  const [q, setQ] = useState('');
  const candidates = useAsync(() => (session.data?.manageable ? getCandidates(id, q || undefined) : Promise.resolve(null)), [id, q, session.data?.manageable]);
  const [picked, setPicked] = useState<Map<string, Pick>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const navigate = useNavigate();
  const s = session.data;
  const remove = async () => {
    if (!s) return;
    try {
      await deleteSession(id, s.version);
      message.success('已删除培训班次');
      navigate('/training');
    } catch (e) { setError(e); }
  };
  useEffect(() => {
    if (s) setPicked(new Map(s.attendance.map((a) => [a.personId, { name: a.name, hours: a.hours }])));
  }, [s]);
  const toggle = (personId: string, name: string, role: string, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(personId, { name, role, hours: s?.hours ?? 0 }); else next.delete(personId);
    setPicked(next);
  };
  const save = async () => {
    if (!s) return;
    setBusy(true);
    setError(null);
    try {
      await saveAttendance(id, s.version, [...picked].map(([personId, p]) => ({ personId, hours: p.hours })));
      message.success(`已登记参训 ${picked.size} 人`);
      session.reload();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const rows = [...new Map([...(candidates.data?.items ?? []).map((c) => [c.personId, { personId: c.personId, name: c.name, role: c.role }] as const),
    ...[...picked].filter(([pid]) => !(candidates.data?.items ?? []).some((c) => c.personId === pid)).map(([pid, p]) => [pid, { personId: pid, name: p.name, role: p.role ?? '已登记' }] as const)]).values()];
  return (
    <>
      <PageHeader title={s ? `${s.courseTitle}（${s.heldOn}）` : '培训班次'} crumbs={[{ label: '培训', to: '/training' }]} extra={s?.manageable && <Space wrap>
        <Button onClick={() => setImporting(true)} data-testid="attendance-import">导入签到表</Button>
        <Popconfirm title={`删除这期培训班次及其${s.attendees}人的参训登记？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => void remove()}>
          <Button danger data-testid="session-delete">删除班次</Button>
        </Popconfirm>
      </Space>} />
      <ErrorAlert error={session.error} />
      {s && <>
        {s.access === 'partial' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="该培训班次由其他单位主办，您只能查看" />}
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { key: 'a', label: '培训对象', children: TRAINING_AUDIENCE_LABELS[s.audience] }, { key: 'h', label: '学时', children: s.hours },
            { key: 'o', label: '主办单位', children: s.organiser.name }, { key: 'p', label: '地点', children: s.place ?? '—' },
            { key: 'n', label: '参训人数', children: <span data-testid="session-attendees">{s.attendees}</span> }, { key: 'c', label: '认定学时合计', children: <span data-testid="session-hours-credited">{s.hoursCredited}</span> },
          ]} />
        </Card>
        {!s.manageable && <Card size="small" title={`参训人员（${s.attendance.length}人）`}>
          <List size="small" dataSource={s.attendance} renderItem={(a) => <List.Item><Link to={`/training/people/${a.personId}`}>{a.name}</Link><span>{a.hours}学时</span></List.Item>} />
        </Card>}
        {s.manageable && <Card size="small" title={`登记参训（已选 ${picked.size} 人）`} extra={<Button type="primary" loading={busy} onClick={save} data-testid="attendance-save">保存</Button>}>
          <ErrorAlert error={error ?? candidates.error} style={{ marginBottom: 8 }} onReload={() => { setError(null); session.reload(); }} />
          <Input.Search allowClear placeholder="按姓名查找" onSearch={setQ} style={{ marginBottom: 8 }} data-testid="attendance-search" />
          <Typography.Text type="secondary">可选人员 {candidates.data?.total ?? 0} 人（按培训对象，仅显示您查看范围内的人员）</Typography.Text>
          <List size="small" dataSource={rows} locale={{ emptyText: '暂无可选人员' }} renderItem={(c) => (
            <List.Item key={c.personId}>
              <Space wrap>
                <Checkbox checked={picked.has(c.personId)} onChange={(e) => toggle(c.personId, c.name, c.role, e.target.checked)} data-testid="attendance-pick">{c.name}</Checkbox>
                <Typography.Text type="secondary">{c.role}</Typography.Text>
                {picked.has(c.personId) && <InputNumber size="small" min={0} max={s.hours} value={picked.get(c.personId)!.hours} addonAfter="学时" style={{ width: 120 }}
                  onChange={(v) => { const next = new Map(picked); next.set(c.personId, { ...picked.get(c.personId)!, hours: Number(v ?? 0) }); setPicked(next); }} />}
              </Space>
            </List.Item>
          )} />
        </Card>}
        {s.manageable && <AttendanceImportDialog sessionId={id} version={s.version} open={importing} onClose={() => setImporting(false)} onDone={session.reload} />}
      </>}
    </>
  );
}
