import { Checkbox, Form, Input, List, Select, Space, Typography } from 'antd';
import type { Meeting, MeetingInput, MeetingRoster } from '../../../../src/contracts/life';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '../../../../src/domain/rules/life-catalogue';
import { DATE_RULE, FormDialog, today } from '../orgs/ui';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { createMeeting, getRoster, updateMeeting } from './api';

type Values = { kind: MeetingKind; heldOn: string; topic: string; place?: string; minutes?: string; absent?: string[]; reasons?: Record<string, string> };

/**
 * 登记会议 on a phone: kind, day, topic; everyone on the roster is preselected as present — untick
 * who was absent and, if known, why. The counts (应到、实到) follow from the list on the server.
 * Given a `meeting`, the same form changes it (修改会议记录): its own attendees as recorded, sent
 * with the version read — someone else's change in between is said in Chinese, with a reload.
 */
export function MeetingDialog({ orgId, open, onClose, onDone, meeting }: { orgId: string; open: boolean; onClose: () => void; onDone: () => void; meeting?: Meeting | null }) {
  const roster = useAsync<MeetingRoster | null>(() => (open && !meeting ? getRoster(orgId) : Promise.resolve(null)), [orgId, open, meeting]);
  const members = meeting ? meeting.attendees.map((a) => ({ memberId: a.memberId, name: a.name, voting: a.category === 'full' })) : roster.data?.members ?? [];
  const submit = async (v: Values) => {
    const absent = new Set(v.absent ?? []);
    const written = new Set(meeting?.attendees.filter((a) => a.writtenOpinion).map((a) => a.memberId));
    const body: MeetingInput = {
      orgId, kind: v.kind, heldOn: v.heldOn, topic: v.topic, place: v.place || null, minutes: v.minutes || null,
      attendees: members.map((m) => ({ memberId: m.memberId, present: !absent.has(m.memberId), absenceReason: absent.has(m.memberId) ? v.reasons?.[m.memberId] || null : null, writtenOpinion: written.has(m.memberId) })),
    };
    if (!meeting) {
      await createMeeting(body);
      return `已登记：${MEETING_KIND_LABELS[v.kind]}`;
    }
    // Counts typed without a list, and the votes, are kept as recorded: this form does not edit them.
    const { orgId: _o, ...rest } = body;
    await updateMeeting(meeting.id, { ...rest, resolutions: meeting.resolutions, ...(meeting.attendees.length ? {} : { attendees: [], votingMembers: meeting.votingMembers, present: meeting.present }), version: meeting.version });
    return `已修改：${MEETING_KIND_LABELS[v.kind]}`;
  };
  const initial: Partial<Values> = meeting
    ? { kind: meeting.kind, heldOn: meeting.heldOn, topic: meeting.topic, place: meeting.place ?? undefined, minutes: meeting.minutes ?? undefined,
      absent: meeting.attendees.filter((a) => !a.present).map((a) => a.memberId), reasons: Object.fromEntries(meeting.attendees.filter((a) => a.absenceReason).map((a) => [a.memberId, a.absenceReason!])) }
    : { kind: 'themeDay', heldOn: today(), absent: [] };
  return (
    <FormDialog<Values> key={meeting ? `${meeting.id}@${meeting.version}` : 'new'} title={meeting ? '修改会议记录' : '登记会议'} open={open} onClose={onClose} onDone={onDone} onReload={onDone} submit={submit} initialValues={initial}>
      {(form) => (<>
        <Form.Item name="kind" label="会议类别" rules={[{ required: true, message: '请选择会议类别' }]}>
          <Select data-testid="meeting-kind" options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="heldOn" label="召开日期" rules={[DATE_RULE]}><Input type="date" data-testid="meeting-heldOn" /></Form.Item>
        <Form.Item name="topic" label="主题" rules={[{ required: true, whitespace: true, message: '请填写主题' }]}><Input maxLength={200} data-testid="meeting-topic" /></Form.Item>
        <Form.Item name="place" label="地点"><Input maxLength={200} /></Form.Item>
        <ErrorAlert error={roster.error} />
        <Form.Item name="absent" label={`参会党员（${members.length}人，默认全部到会；勾选缺席的）`}>
          <Checkbox.Group style={{ width: '100%' }}>
            <List size="small" style={{ width: '100%' }} dataSource={members} locale={{ emptyText: '名册中暂无党员' }} renderItem={(m) => (
              <List.Item key={m.memberId}>
                <Space wrap>
                  <Checkbox value={m.memberId} data-testid="meeting-absent">{m.name}缺席</Checkbox>
                  {!m.voting && <Typography.Text type="secondary">预备党员</Typography.Text>}
                  <Form.Item noStyle shouldUpdate>
                    {() => ((form.getFieldValue('absent') as string[] | undefined)?.includes(m.memberId)
                      ? <Form.Item name={['reasons', m.memberId]} noStyle><Input size="small" placeholder="缺席原因" maxLength={200} style={{ width: 140 }} /></Form.Item>
                      : null)}
                  </Form.Item>
                </Space>
              </List.Item>
            )} />
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="minutes" label="会议记录"><Input.TextArea maxLength={20000} autoSize={{ minRows: 2, maxRows: 6 }} /></Form.Item>
      </>)}
    </FormDialog>
  );
}
