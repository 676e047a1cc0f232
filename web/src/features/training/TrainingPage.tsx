import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { Course, SessionSummary } from '../../../../src/contracts/training';
import { TRAINING_AUDIENCE_LABELS, TRAINING_AUDIENCES, type TrainingAudience } from '../../../../src/domain/training';
import { useAuth } from '../../app/auth';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { DATE_RULE, FormDialog, today } from '../orgs/ui';
import { createCourse, createSession, deleteCourse, listCourses, listSessions } from './api';
import { TrainingSettingsDialog } from './TrainingSettingsDialog';

/**
 * 培训: the year's sessions the person sees (date, course, 培训对象, 学时, 主办单位, 参训人数, 认定学时)
 * with the totals and the export, the courses below; a new course or session is organised by the
 * person's own area (a district or street account). A session opens its attendance entry. A course
 * without sessions may be deleted by its organiser; 培训和党建保障设置 holds the 56 学时 and the 1%.
 */
export function TrainingPage() {
  const { me } = useAuth();
  const [year, setYear] = useState(new Date().getFullYear());
  const [dialog, setDialog] = useState<'course' | 'session' | 'settings' | null>(null);
  const { message } = App.useApp();
  const sessions = useAsync(() => listSessions(year), [year]);
  const courses = useAsync(() => listCourses(), []);
  const area = me?.areas?.[0];
  const organiser = area ? { regionCode: area.prefix.padEnd(12, '0') } : null;
  const reload = () => { sessions.reload(); courses.reload(); };
  const removeCourse = async (c: Course) => {
    try {
      await deleteCourse(c.id, c.version);
      message.success(`已删除课程：${c.title}`);
      courses.reload();
    } catch (e) { message.error(errorMessage(e)); }
  };
  return (
    <>
      <PageHeader title="培训" extra={<Space wrap>
        <InputNumber min={2019} max={new Date().getFullYear()} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} data-testid="training-year" />
        <Button onClick={() => setDialog('settings')} data-testid="training-settings">培训和党建保障设置</Button>
        {organiser && <Button onClick={() => setDialog('course')} data-testid="training-new-course">新建课程</Button>}
        {organiser && <Button type="primary" onClick={() => setDialog('session')} data-testid="training-new-session">登记培训班次</Button>}
      </Space>} />
      <ErrorAlert error={sessions.error ?? courses.error} />
      <Card size="small" title={`${year}年培训班次`} style={{ marginBottom: 16 }} extra={<ExportButton url={`/api/training/sessions/export.xlsx?year=${year}`} fileName={`培训班次-${year}.xlsx`} testId="training-sessions-export" />}>
        <ListTotal loading={sessions.loading} total={sessions.data?.total ?? null} shown={sessions.data?.items.length ?? 0} unit="期" testId="training-sessions-total" />
        {sessions.data && <Typography.Paragraph type="secondary" data-testid="training-sessions-sum">参训 {sessions.data.attendees} 人次，认定 {sessions.data.hoursCredited} 学时</Typography.Paragraph>}
        <Table<SessionSummary> rowKey="id" size="small" scroll={{ x: true }} loading={sessions.loading} dataSource={sessions.data?.items ?? []} pagination={false} columns={[
          { title: '日期', dataIndex: 'heldOn' },
          { title: '课程', key: 'c', render: (_, r) => <Link to={`/training/sessions/${r.id}`} data-testid="training-session-link">{r.courseTitle}</Link> },
          { title: '培训对象', key: 'a', render: (_, r) => TRAINING_AUDIENCE_LABELS[r.audience] },
          { title: '学时', dataIndex: 'hours' },
          { title: '主办单位', key: 'o', render: (_, r) => r.organiser.name },
          { title: '参训人数', dataIndex: 'attendees' },
          { title: '认定学时', dataIndex: 'hoursCredited' },
        ]} />
      </Card>
      <Card size="small" title="培训课程" extra={<ExportButton url="/api/training/courses/export.xlsx" fileName="培训课程.xlsx" />}>
        <ListTotal loading={courses.loading} total={courses.data?.total ?? null} shown={courses.data?.items.length ?? 0} unit="门" />
        <Table<Course> rowKey="id" size="small" scroll={{ x: true }} loading={courses.loading} dataSource={courses.data?.items ?? []} pagination={false} columns={[
          { title: '课程', dataIndex: 'title' }, { title: '培训对象', key: 'a', render: (_, r) => TRAINING_AUDIENCE_LABELS[r.audience] },
          { title: '计划学时', dataIndex: 'hours' }, { title: '主办单位', key: 'o', render: (_, r) => r.organiser.name }, { title: '已办期数', dataIndex: 'sessions' },
          { title: '操作', key: 'x', render: (_, r) => r.manageable && (r.sessions > 0
            ? <Typography.Text type="secondary">已有班次，不能删除</Typography.Text>
            : <Popconfirm title={`删除课程“${r.title}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => void removeCourse(r)}>
              <Button size="small" type="link" danger data-testid="course-delete">删除</Button>
            </Popconfirm>) },
        ]} />
      </Card>
      <TrainingSettingsDialog open={dialog === 'settings'} onClose={() => setDialog(null)} onDone={reload} />
      {organiser && <FormDialog<{ title: string; audience: TrainingAudience; hours: number }> title="新建培训课程" open={dialog === 'course'} onClose={() => setDialog(null)} onDone={reload}
        initialValues={{ audience: 'secretary', hours: 8 }} submit={async (v) => { await createCourse({ ...v, ...organiser }); return `已新建课程：${v.title}`; }}>
        <Form.Item name="title" label="课程名称" rules={[{ required: true, whitespace: true, message: '请填写课程名称' }]}><Input maxLength={200} data-testid="course-title" /></Form.Item>
        <Form.Item name="audience" label="培训对象"><Select options={TRAINING_AUDIENCES.map((a) => ({ value: a, label: TRAINING_AUDIENCE_LABELS[a] }))} /></Form.Item>
        <Form.Item name="hours" label="计划学时" rules={[{ required: true, message: '请填写学时' }]}><InputNumber min={1} max={500} /></Form.Item>
      </FormDialog>}
      {organiser && <FormDialog<{ courseId: string; heldOn: string; hours: number; place?: string }> title="登记培训班次" open={dialog === 'session'} onClose={() => setDialog(null)} onDone={reload}
        initialValues={{ heldOn: today(), hours: 8 }} submit={async (v) => { await createSession({ ...v, place: v.place || null, ...organiser }); return '已登记培训班次'; }}>
        <Form.Item name="courseId" label="课程" rules={[{ required: true, message: '请选择课程' }]}>
          <Select data-testid="session-course" options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title}（${TRAINING_AUDIENCE_LABELS[c.audience]}）` }))} />
        </Form.Item>
        <Form.Item name="heldOn" label="培训日期" rules={[DATE_RULE]}><Input type="date" data-testid="session-heldOn" /></Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}><InputNumber min={1} max={500} data-testid="session-hours" /></Form.Item>
        <Form.Item name="place" label="地点"><Input maxLength={200} /></Form.Item>
      </FormDialog>}
    </>
  );
}
