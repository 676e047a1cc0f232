import { useRef } from 'react';
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { RegionSelect } from '../../ui/RegionSelect';
import {
  ORG_TYPE_LABEL, POSITION_LABEL, SETUP_MODE_LABEL, type PartyOrg, type PartyOrgCreate,
} from '../../../../src/contracts/party-org';
import {
  addOrgCoverage, adjustOrg, appointPosition, createOrg, dissolveOrg, reelectOrg, searchEnterprises, searchPeople,
} from './api';
import { DATE_RULE, FormDialog, RemoteSelect, today } from './ui';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const nullIfEmpty = <T,>(v: T | undefined | '') => (v === undefined || v === '' ? null : v);

type OrgValues = {
  name: string; orgType: PartyOrg['orgType']; setupMode: PartyOrg['setupMode']; regionCode?: string; foundedOn?: string;
  termYears?: number; fullMembers?: number; probationaryMembers?: number; temporary?: boolean; building?: string; reason?: string;
};

function toBody(v: OrgValues): PartyOrgCreate {
  return {
    name: v.name, orgType: v.orgType, setupMode: v.setupMode, regionCode: nullIfEmpty(v.regionCode), foundedOn: nullIfEmpty(v.foundedOn),
    termYears: v.termYears ?? null, fullMembers: v.fullMembers ?? 0, probationaryMembers: v.probationaryMembers ?? 0,
    temporary: Boolean(v.temporary), building: nullIfEmpty(v.building),
  };
}

/** Create (no `org`) or adjust (with `org`, sending its version for optimistic locking). */
export function OrgFormDialog({ org, open, onClose, onDone, onReload }: {
  org?: PartyOrg; open: boolean; onClose: () => void; onDone: (id?: string) => void; onReload?: () => void;
}) {
  const created = useRef<string | undefined>(undefined);
  const submit = async (v: OrgValues) => {
    if (!org) {
      created.current = (await createOrg(toBody(v))).id;
      return '已新建党组织';
    }
    await adjustOrg(org.id, { version: org.version, reason: v.reason || undefined, changes: toBody(v) });
    return '已保存调整';
  };
  const initial: Partial<OrgValues> = org
    ? { ...org, regionCode: org.regionCode ?? undefined, foundedOn: org.foundedOn ?? undefined, termYears: org.termYears ?? undefined, building: org.building ?? undefined }
    : { orgType: 'branch', setupMode: 'standalone', fullMembers: 0, probationaryMembers: 0 };
  return (
    <FormDialog<OrgValues> title={org ? '调整党组织' : '新建党组织'} open={open} onClose={onClose} submit={submit}
      onDone={() => onDone(created.current)} initialValues={initial} onReload={onReload}>
      <Form.Item name="name" label="组织名称" rules={[{ required: true, min: 2, message: '请输入组织名称' }]}><Input /></Form.Item>
      <Form.Item name="orgType" label="组织类别" rules={[{ required: true }]}><Select options={options(ORG_TYPE_LABEL)} /></Form.Item>
      <Form.Item name="setupMode" label="组建方式" rules={[{ required: true }]}><Select options={options(SETUP_MODE_LABEL)} /></Form.Item>
      <Form.Item name="regionCode" label="属地"><RegionSelect onChange={() => undefined} /></Form.Item>
      <Form.Item name="building" label="所在楼宇"><Input /></Form.Item>
      <Form.Item name="foundedOn" label="成立（上次换届）日期"><Input type="date" /></Form.Item>
      <Form.Item name="termYears" label="任期（年）" extra="不填则按规则默认"><InputNumber min={1} max={10} /></Form.Item>
      <Form.Item name="fullMembers" label="正式党员"><InputNumber min={0} /></Form.Item>
      <Form.Item name="probationaryMembers" label="预备党员"><InputNumber min={0} /></Form.Item>
      <Form.Item name="temporary" valuePropName="checked"><Checkbox>临时党组织</Checkbox></Form.Item>
      {org && <Form.Item name="reason" label="调整原因"><Input.TextArea rows={2} /></Form.Item>}
    </FormDialog>
  );
}

type Base = { org: PartyOrg; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void };

export function ReelectDialog({ org, ...rest }: Base) {
  return (
    <FormDialog<{ heldOn: string; termYears?: number }> title="登记换届" {...rest} initialValues={{ heldOn: today() }}
      submit={async (v) => { await reelectOrg(org.id, { version: org.version, heldOn: v.heldOn, termYears: v.termYears }); return '已登记换届'; }}>
      <Form.Item name="heldOn" label="换届选举日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      <Form.Item name="termYears" label="任期（年）" extra="不填则按规则默认"><InputNumber min={1} max={10} /></Form.Item>
    </FormDialog>
  );
}

export function DissolveDialog({ org, ...rest }: Base) {
  return (
    <FormDialog<{ on: string; reason: string }> title="撤销党组织" {...rest} initialValues={{ on: today() }}
      submit={async (v) => { await dissolveOrg(org.id, { version: org.version, ...v }); return '已撤销'; }}>
      <Form.Item name="on" label="撤销日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      <Form.Item name="reason" label="撤销原因" rules={[{ required: true, message: '请填写撤销原因' }]}><Input.TextArea rows={2} /></Form.Item>
    </FormDialog>
  );
}

export function AddCoverageDialog({ org, ...rest }: Base) {
  return (
    <FormDialog<{ enterpriseId: string; since: string; mode?: PartyOrg['setupMode'] }> title="增加覆盖企业" {...rest}
      initialValues={{ since: today(), mode: org.setupMode }}
      submit={async (v) => { await addOrgCoverage(org.id, v); return '已增加覆盖企业'; }}>
      <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}><RemoteSelect search={searchEnterprises} placeholder="输入企业名称、拼音首字母或信用代码" /></Form.Item>
      <Form.Item name="mode" label="覆盖方式"><Select options={options(SETUP_MODE_LABEL)} /></Form.Item>
      <Form.Item name="since" label="覆盖起始日" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    </FormDialog>
  );
}

export function AppointDialog({ org, ...rest }: Base) {
  return (
    <FormDialog<{ personId: string; position: 'secretary' | 'deputySecretary' | 'committeeMember'; since: string }> title="任职" {...rest}
      initialValues={{ since: today(), position: 'secretary' }}
      submit={async (v) => { await appointPosition(org.id, v); return '已登记任职'; }}>
      <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}><RemoteSelect search={searchPeople} placeholder="输入姓名搜索" /></Form.Item>
      <Form.Item name="position" label="职务" rules={[{ required: true }]}><Select options={options(POSITION_LABEL)} /></Form.Item>
      <Form.Item name="since" label="任职日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    </FormDialog>
  );
}

/** Ends an interval (coverage, position, union coverage, assignment): a date and an optional reason. */
export function EndIntervalDialog({ title, open, onClose, onDone, end }: {
  title: string; open: boolean; onClose: () => void; onDone: () => void; end: (v: { until: string; reason?: string }) => Promise<unknown>;
}) {
  return (
    <FormDialog<{ until: string; reason?: string }> title={title} open={open} onClose={onClose} onDone={onDone} initialValues={{ until: today() }}
      submit={async (v) => { await end({ until: v.until, reason: v.reason || undefined }); return '已结束'; }}>
      <Form.Item name="until" label="结束日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      <Form.Item name="reason" label="原因"><Input.TextArea rows={2} /></Form.Item>
    </FormDialog>
  );
}
