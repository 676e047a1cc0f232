import { Card, Form, Input, Select } from 'antd';
import type { MemberDetail } from '../../../../src/contracts/member';
import { useAsync } from '../../ui/useAsync';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DATE_RULE, FindingList, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { memberStatusFindings, recordMobileReport, searchReceivers, setMobility } from './api';

/**
 * 流动 / 失联 on the member page (docs/member-transfers.md): 流动党员 with the 活动证 number, the
 * receiving organisation (in the system, or its name) and the place if relatively fixed; 失联 since a
 * day; or back to 正常. Sends the version the page was read at.
 */
type Values = { status: 'normal' | 'mobile' | 'lostContact'; since: string; mobileCardNo?: string; mobileOrgId?: string; mobileOrgName?: string; mobilePlace?: string; note?: string };
const notFuture = { validator: (_: unknown, v?: string) => (!v || v <= today() ? Promise.resolve() : Promise.reject(new Error('日期不能晚于今天'))) };
const STATUS = [{ value: 'mobile', label: '流动党员' }, { value: 'lostContact', label: '失联党员' }, { value: 'normal', label: '正常（恢复）' }];

export function MobilityDialog({ member: m, open, onClose, onDone, onReload }: { member: MemberDetail; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void }) {
  const submit = async (v: Values) => {
    const mobile = v.status === 'mobile';
    await setMobility(m.id, {
      version: m.version, status: v.status, since: v.since, note: v.note || undefined,
      ...(mobile ? { mobileCardNo: v.mobileCardNo, mobileOrgId: v.mobileOrgId || undefined, mobileOrgName: v.mobileOrgId ? undefined : v.mobileOrgName || undefined, mobilePlace: v.mobilePlace || undefined } : {}),
    });
    return v.status === 'mobile' ? '已登记为流动党员' : v.status === 'lostContact' ? '已登记为失联党员' : '已恢复为正常';
  };
  const away = m.mobility;
  const initial: Partial<Values> = {
    status: m.status === 'mobile' || m.status === 'lostContact' ? m.status : 'mobile', since: m.statusSince ?? today(),
    ...(away ? { mobileCardNo: away.cardNo ?? undefined, mobilePlace: away.place ?? undefined, ...(away.orgId ? {} : { mobileOrgName: away.orgName ?? undefined }) } : {}),
  };
  return (
    <FormDialog<Values> title="流动党员、失联党员登记" open={open} onClose={onClose} onDone={onDone} onReload={onReload} submit={submit} initialValues={initial}>
      {(form) => <>
        <Form.Item name="status" label="登记为" rules={[{ required: true, message: '请选择' }]}><Select options={STATUS} data-testid="mobility-status" /></Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.status !== b.status}>
          {() => {
            const s = form.getFieldValue('status') as Values['status'];
            return <>
              <Form.Item name="since" label={s === 'mobile' ? '外出日期' : s === 'lostContact' ? '失去联系日期' : '恢复日期'} rules={[DATE_RULE, notFuture]}><Input type="date" /></Form.Item>
              {s === 'mobile' && <>
                <Form.Item name="mobileCardNo" label="流动党员活动证编号" rules={[{ required: true, whitespace: true, message: '请填写流动党员活动证编号' }]}><Input maxLength={60} /></Form.Item>
                <Form.Item name="mobileOrgId" label="流入地党组织（系统内）"><RemoteSelect search={searchReceivers} placeholder="输入名称搜索" /></Form.Item>
                <Form.Item name="mobileOrgName" label="流入地党组织（不在系统内时填写名称）" dependencies={['mobileOrgId']} rules={[({ getFieldValue }) => ({
                  validator: (_: unknown, v?: string) => (getFieldValue('mobileOrgId') || (v && v.trim().length >= 2) ? Promise.resolve() : Promise.reject(new Error('请选择或填写流入地党组织（二者选一）'))),
                })]}><Input maxLength={200} /></Form.Item>
                <Form.Item name="mobilePlace" label="外出地点" extra="相对固定时填写；流动不定的不填"><Input maxLength={200} /></Form.Item>
              </>}
            </>;
          }}
        </Form.Item>
        <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </>}
    </FormDialog>
  );
}

/** The rules' reminders on one member (流动、失联、停止党籍、介绍信), cited in Chinese. */
export function StatusFindingsCard({ memberId, reloadKey }: { memberId: string; reloadKey: number }) {
  const { data, error } = useAsync(() => memberStatusFindings(memberId), [memberId, reloadKey]);
  if (!data?.items.length && !error) return null;
  return (
    <Card title="流动、失联和转接提醒" style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      {data && <FindingList findings={data.items} testId="member-status-findings" />}
    </Card>
  );
}

/** A 流动党员's report to the organisation holding them (每年至少一次): the day and how, as they told it. */
export function MobileReportDialog({ member: m, open, onClose, onDone, onReload }: { member: MemberDetail; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void }) {
  const submit = async (v: { reportedOn: string; note?: string }) => {
    await recordMobileReport(m.id, { version: m.version, reportedOn: v.reportedOn, note: v.note || undefined });
    return '已登记汇报';
  };
  return (
    <FormDialog<{ reportedOn: string; note?: string }> title="登记流动党员汇报" open={open} onClose={onClose} onDone={onDone} onReload={onReload} submit={submit} initialValues={{ reportedOn: today() }}>
      <Form.Item name="reportedOn" label="汇报日期" rules={[DATE_RULE, notFuture]}><Input type="date" data-testid="mobile-report-date" /></Form.Item>
      <Form.Item name="note" label="汇报方式和内容" rules={[{ max: 500, message: '不超过500字' }]}><Input.TextArea rows={3} placeholder="如：电话汇报近期思想、工作情况" /></Form.Item>
    </FormDialog>
  );
}
