import { useRef } from 'react';
import { Form, Input, Select } from 'antd';
import type { MemberDetail } from '../../../../src/contracts/member';
import { searchEnterprises } from '../orgs/api';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { addMember, changeMemberStatus, confirmMember, editMember, searchOrgs } from './api';
import { CATEGORY_OPTIONS, LEFT_REASON_OPTIONS, STATUS_OPTIONS } from './labels';

/** The roster's forms: 登记党员, 修改, 转正, 变更状态. Every change sends the version it was read at. */
const blank = <T,>(v: T | undefined | '') => (v === undefined || v === '' ? null : v);
const notFuture = { validator: (_: unknown, v?: string) => (!v || v <= today() ? Promise.resolve() : Promise.reject(new Error('日期不能晚于今天'))) };

type AddValues = {
  orgId: string; name: string; idNumber: string; category: 'full' | 'probationary'; joinedOn: string; confirmedOn?: string;
  ethnicity?: string; education?: string; enterpriseId?: string; employerName?: string; post?: string;
};

export function AddMemberDialog({ orgId, enterpriseId, open, onClose, onDone }: {
  orgId?: string; enterpriseId?: string; open: boolean; onClose: () => void; onDone: (id?: string) => void;
}) {
  const created = useRef<string | undefined>(undefined);
  const submit = async (v: AddValues) => {
    created.current = (await addMember({
      orgId: orgId ?? v.orgId, name: v.name, idNumber: v.idNumber, category: v.category, joinedOn: v.joinedOn,
      confirmedOn: v.category === 'full' ? blank(v.confirmedOn) : null, ethnicity: blank(v.ethnicity), education: blank(v.education),
      enterpriseId: blank(enterpriseId ?? v.enterpriseId), employerName: blank(v.employerName), post: blank(v.post),
    })).id;
    return '已登记党员';
  };
  return (
    <FormDialog<AddValues> title="登记党员" open={open} onClose={onClose} submit={submit} onDone={() => onDone(created.current)} initialValues={{ category: 'probationary' }}>
      {(form) => <>
        {!orgId && <Form.Item name="orgId" label="所在党组织" rules={[{ required: true, message: '请选择党组织' }]}><RemoteSelect search={searchOrgs} placeholder="输入名称搜索" /></Form.Item>}
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="idNumber" label="身份证号码" extra="已登记的人员按身份证号码自动找到" rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: '请输入18位身份证号码' }]}>
          <Input autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item name="category" label="党员类别" rules={[{ required: true }]}><Select options={CATEGORY_OPTIONS} /></Form.Item>
        <Form.Item name="joinedOn" label="入党日期" rules={[DATE_RULE, notFuture]}><Input type="date" /></Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.category !== b.category}>
          {() => form.getFieldValue('category') === 'full' && <Form.Item name="confirmedOn" label="转正日期" rules={[notFuture]}><Input type="date" /></Form.Item>}
        </Form.Item>
        <Form.Item name="ethnicity" label="民族"><Input maxLength={20} /></Form.Item>
        <Form.Item name="education" label="学历"><Input maxLength={30} /></Form.Item>
        {!enterpriseId && <Form.Item name="enterpriseId" label="工作单位（台账企业）"><RemoteSelect search={searchEnterprises} placeholder="输入企业名称搜索" /></Form.Item>}
        {!enterpriseId && <Form.Item name="employerName" label="工作单位（不在台账时填写）"><Input maxLength={200} /></Form.Item>}
        <Form.Item name="post" label="工作岗位"><Input maxLength={100} /></Form.Item>
      </>}
    </FormDialog>
  );
}

type Common = { member: MemberDetail; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void };
type EditValues = { joinedOn?: string; confirmedOn?: string; ethnicity?: string; education?: string; employerName?: string; post?: string };

export function EditMemberDialog({ member: m, ...rest }: Common) {
  const submit = async (v: EditValues) => {
    await editMember(m.id, { version: m.version, changes: {
      joinedOn: blank(v.joinedOn), ...(m.category === 'full' ? { confirmedOn: blank(v.confirmedOn) } : {}),
      ethnicity: blank(v.ethnicity), education: blank(v.education), post: blank(v.post),
      ...(m.enterpriseId ? {} : { employerName: blank(v.employerName) }),
    } });
    return '已保存';
  };
  const initial: EditValues = {
    joinedOn: m.joinedOn ?? undefined, confirmedOn: m.confirmedOn ?? undefined, ethnicity: m.ethnicity ?? undefined,
    education: m.education ?? undefined, employerName: m.employerName ?? undefined, post: m.post ?? undefined,
  };
  return (
    <FormDialog<EditValues> title="修改党员信息" submit={submit} initialValues={initial} {...rest}>
      <Form.Item name="joinedOn" label="入党日期" rules={[notFuture]}><Input type="date" /></Form.Item>
      {m.category === 'full' && <Form.Item name="confirmedOn" label="转正日期" rules={[notFuture]}><Input type="date" /></Form.Item>}
      <Form.Item name="ethnicity" label="民族"><Input maxLength={20} /></Form.Item>
      <Form.Item name="education" label="学历"><Input maxLength={30} /></Form.Item>
      {!m.enterpriseId && <Form.Item name="employerName" label="工作单位"><Input maxLength={200} /></Form.Item>}
      <Form.Item name="post" label="工作岗位"><Input maxLength={100} /></Form.Item>
    </FormDialog>
  );
}

export function ConfirmMemberDialog({ member: m, ...rest }: Common) {
  return (
    <FormDialog<{ confirmedOn: string }> title="预备党员转正" submit={async (v) => { await confirmMember(m.id, { version: m.version, confirmedOn: v.confirmedOn }); return '已转为正式党员'; }}
      initialValues={{ confirmedOn: today() }} {...rest}>
      <Form.Item name="confirmedOn" label="转正日期" extra={m.joinedOn ? `入党日期 ${m.joinedOn}` : undefined} rules={[DATE_RULE, notFuture]}><Input type="date" /></Form.Item>
    </FormDialog>
  );
}

type StatusValues = { status: MemberDetail['status']; since: string; leftReason?: MemberDetail['leftReason']; note?: string };

export function MemberStatusDialog({ member: m, ...rest }: Common) {
  const submit = async (v: StatusValues) => {
    await changeMemberStatus(m.id, { version: m.version, status: v.status, since: v.since, leftReason: v.status === 'left' ? v.leftReason ?? undefined : undefined, note: v.note || undefined });
    return '已变更状态';
  };
  return (
    <FormDialog<StatusValues> title="变更党员状态" submit={submit} initialValues={{ since: today() }} {...rest}>
      {(form) => <>
        <Form.Item name="status" label="新状态" rules={[{ required: true, message: '请选择状态' }]}>
          <Select options={STATUS_OPTIONS.filter((o) => o.value !== m.status)} />
        </Form.Item>
        <Form.Item name="since" label="变更日期" rules={[DATE_RULE, notFuture]}><Input type="date" /></Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.status !== b.status}>
          {() => form.getFieldValue('status') === 'left' && (
            <Form.Item name="leftReason" label="出党原因" rules={[{ required: true, message: '请选择出党原因' }]}><Select options={LEFT_REASON_OPTIONS} /></Form.Item>
          )}
        </Form.Item>
        <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </>}
    </FormDialog>
  );
}
