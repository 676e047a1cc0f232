import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, InputNumber, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { LifeCalendarView, Meeting, MeetingSummary } from '../../../../src/contracts/life';
import { LIFE_STATUS_LABELS } from '../../../../src/domain/rules/life-compliance';
import { MEETING_KIND_LABELS } from '../../../../src/domain/rules/life-catalogue';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { isVersionConflict, VERSION_CONFLICT_TITLE } from '../../ui/VersionConflict';
import { deleteMeeting, getCalendar, getMeeting, listMeetings } from './api';
import { MeetingDialog } from './MeetingDialog';
import { MeetingFiles } from './MeetingFiles';

type Kind = LifeCalendarView['kinds'][number];
const COLOR = { held: '#52c41a', missed: '#ff4d4f', open: '#faad14', future: '#f0f0f0', notRequired: '#fafafa' } as const;
const STATE = { held: '已开', missed: '缺开', open: '本期未开', future: '未到期', notRequired: '不要求' } as const;
const STATUS_COLOR = { compliant: 'green', lagging: 'orange', dormant: 'red' } as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The cell of one month: the state of the period the month falls in (a quarter spans three months). */
function cell(k: Kind, month: number) {
  const p = k.periods.find((x) => Number(x.from.slice(5, 7)) <= month && month <= Number(x.to.slice(5, 7)));
  if (!p) return null;
  const held = Number(p.from.slice(5, 7)) === month && p.held ? p.held : '';
  return <div title={`${p.label}：${STATE[p.state]}`} data-testid={`life-${k.kind}-${month}`} data-state={p.state}
    style={{ background: COLOR[p.state], minWidth: 22, height: 22, borderRadius: 3, textAlign: 'center', color: p.state === 'held' ? '#fff' : '#666', fontSize: 12, lineHeight: '22px' }}>{held}</div>;
}

/** An organisation's year at a glance: kinds × months, held and missed, the totals and the reminders; 登记会议 for its managers. */
export function LifePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  // A district list links here with its year (?year=): the organisation's year it counted.
  const [year, setYear] = useState(Number(params.get('year')) || new Date().getFullYear());
  const [open, setOpen] = useState(false);
  const cal = useAsync(() => getCalendar(id, year), [id, year]);
  const meetings = useAsync(() => listMeetings(id, year), [id, year]);
  const [editing, setEditing] = useState<Meeting | null>(null);
  const { message } = App.useApp();
  const reload = () => { cal.reload(); meetings.reload(); };
  const edit = async (m: MeetingSummary) => setEditing(await getMeeting(m.id));
  // Deleting sends the version listed; if someone changed the meeting since, nothing is deleted: say so and reload.
  const remove = async (m: MeetingSummary) => {
    try {
      await deleteMeeting(m.id, m.version);
      message.success(`已删除：${m.heldOn} ${MEETING_KIND_LABELS[m.kind]}`);
    } catch (e) {
      if (!isVersionConflict(e)) throw e;
      message.warning(`${VERSION_CONFLICT_TITLE}，未删除。已重新加载，请核对后再操作。`);
    }
    reload();
  };
  const c = cal.data;
  const columns = [
    { title: '会议类别', key: 'label', fixed: 'left' as const, render: (k: Kind) => <span style={{ whiteSpace: 'nowrap' }}>{k.label}</span> },
    ...MONTHS.map((m) => ({ title: `${m}月`, key: `m${m}`, render: (k: Kind) => cell(k, m) })),
    { title: '应开/已开', key: 'total', render: (k: Kind) => (k.every ? `${k.expected}/${k.met}` : `—/${k.held}`) },
  ];
  return (
    <>
      <PageHeader title={c ? `${c.orgName} · 组织生活` : '组织生活'} crumbs={[{ label: '党组织', to: '/orgs' }, { label: c?.orgName ?? '党组织', to: `/orgs/${id}` }, { label: '组织生活' }]}
        extra={<Space wrap>
          <InputNumber min={2019} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} data-testid="life-year" />
          {c?.manageable && <Button type="primary" onClick={() => setOpen(true)} data-testid="life-add">登记会议</Button>}
        </Space>} />
      <ErrorAlert error={cal.error ?? meetings.error} />
      {c && <Card size="small" style={{ marginBottom: 16 }} title={<Space>本年情况<Tag color={STATUS_COLOR[c.status]} data-testid="life-status">{LIFE_STATUS_LABELS[c.status]}</Tag></Space>}>
        <Table size="small" rowKey="kind" pagination={false} scroll={{ x: 'max-content' }} columns={columns} dataSource={c.kinds} data-testid="life-grid" />
        <Space wrap style={{ marginTop: 8 }}>{(['held', 'missed', 'open', 'future'] as const).map((s) => <Tag key={s} color={COLOR[s]} style={{ color: s === 'future' ? '#666' : undefined }}>{STATE[s]}</Tag>)}</Space>
        {c.findings.length > 0 && <List size="small" style={{ marginTop: 8 }} dataSource={c.findings} renderItem={(f, i) => (
          <List.Item key={i}><Alert type={f.severity === 'overdue' ? 'error' : 'warning'} showIcon style={{ width: '100%' }} message={f.message} description={`依据：${f.source}`} /></List.Item>
        )} />}
      </Card>}
      <Card size="small" title={`${year}年会议记录（${meetings.data?.total ?? 0}次）`}
        extra={<a href={`/api/meetings/export.xlsx?orgId=${encodeURIComponent(id)}&year=${year}`}>导出</a>}>
        <List size="small" dataSource={meetings.data?.items ?? []} locale={{ emptyText: '暂无会议记录' }} renderItem={(m) => (
          <List.Item key={m.id} data-testid="life-meeting">
            <Space wrap size={4}>
              <Typography.Text>{m.heldOn}</Typography.Text><Tag>{MEETING_KIND_LABELS[m.kind]}</Tag><Typography.Text>{m.topic}</Typography.Text>
              {m.present !== null && m.votingMembers !== null && <Typography.Text type="secondary">应到{m.votingMembers}人，实到{m.present}人</Typography.Text>}
              {m.verdict.quorum === 'notMet' && <Tag color="red">到会人数未超过半数</Tag>}
              <MeetingFiles meetingId={m.id} manageable={!!c?.manageable} />
              {c?.manageable && <>
                <Button size="small" type="link" onClick={() => void edit(m)} data-testid="life-meeting-edit">修改</Button>
                <Popconfirm title="删除这条会议记录？" description="删除后不再计入组织生活，操作记入审计日志。" okText="删除" cancelText="取消" onConfirm={() => remove(m)}>
                  <Button size="small" type="link" danger data-testid="life-meeting-delete">删除</Button>
                </Popconfirm>
              </>}
            </Space>
          </List.Item>
        )} />
      </Card>
      <Link to={`/orgs/${id}`}>返回党组织</Link>
      <MeetingDialog orgId={id} open={open} onClose={() => setOpen(false)} onDone={reload} />
      <MeetingDialog orgId={id} open={!!editing} meeting={editing} onClose={() => setEditing(null)} onDone={reload} />
    </>
  );
}
