import { useRef } from 'react';
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { RegionSelect } from '../../ui/RegionSelect';
import { UNION_KIND_LABEL, type Union, type UnionCreate } from '../../../../src/contracts/union';
import { searchEnterprises } from '../orgs/api';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { addContract, addUnionCoverage, createUnion, dissolveUnion, updateUnion } from './api';

type Values = {
  name: string; kind: Union['kind']; regionCode?: string; foundedOn?: string; termYears?: number; members?: number; femaleMembers?: number;
  hasCommittee?: boolean; hasWomenCommittee?: boolean; womenCommitteeMember?: boolean; fundsBasis?: string; reason?: string;
};
const orNull = <T,>(v: T | undefined | '') => (v === undefined || v === '' ? null : v);
const toBody = (v: Values): UnionCreate => ({
  name: v.name, kind: v.kind, regionCode: orNull(v.regionCode), foundedOn: orNull(v.foundedOn), termYears: v.termYears ?? null,
  members: v.members ?? 0, femaleMembers: v.femaleMembers ?? 0, hasCommittee: Boolean(v.hasCommittee),
  hasWomenCommittee: Boolean(v.hasWomenCommittee), womenCommitteeMember: Boolean(v.womenCommitteeMember), fundsBasis: orNull(v.fundsBasis),
});

/** Create (no `union`) or edit with the record's version (optimistic locking). */
export function UnionFormDialog({ union, open, onClose, onDone, onReload }: {
  union?: Union; open: boolean; onClose: () => void; onDone: (id?: string) => void; onReload?: () => void;
}) {
  const created = useRef<string | undefined>(undefined);
  const submit = async (v: Values) => {
    if (!union) {
      created.current = (await createUnion(toBody(v))).id;
      return '已新建工会';
    }
    await updateUnion(union.id, { version: union.version, reason: v.reason || undefined, changes: toBody(v) });
    return '已保存';
  };
  const initial: Partial<Values> = union
    ? { ...union, regionCode: union.regionCode ?? undefined, foundedOn: union.foundedOn ?? undefined, termYears: union.termYears ?? undefined, fundsBasis: union.fundsBasis ?? undefined }
    : { kind: 'standalone', members: 0, femaleMembers: 0 };
  return (
    <FormDialog<Values> title={union ? '修改工会信息' : '新建工会'} open={open} onClose={onClose} submit={submit} onDone={() => onDone(created.current)}
      initialValues={initial} onReload={onReload}>
      <Form.Item name="name" label="工会名称" rules={[{ required: true, min: 2, message: '请输入工会名称' }]}><Input /></Form.Item>
      <Form.Item name="kind" label="类别" rules={[{ required: true }]}><Select options={Object.entries(UNION_KIND_LABEL).map(([value, label]) => ({ value, label }))} /></Form.Item>
      <Form.Item name="regionCode" label="属地"><RegionSelect onChange={() => undefined} /></Form.Item>
      <Form.Item name="foundedOn" label="成立（上次换届）日期"><Input type="date" /></Form.Item>
      <Form.Item name="termYears" label="任期（年）"><InputNumber min={1} max={10} /></Form.Item>
      <Form.Item name="members" label="会员数"><InputNumber min={0} /></Form.Item>
      <Form.Item name="femaleMembers" label="女会员数" dependencies={['members']} rules={[({ getFieldValue }) => ({
        validator: (_, v?: number) => (v === undefined || v <= (getFieldValue('members') ?? 0) ? Promise.resolve() : Promise.reject(new Error('女会员数不能大于会员数'))),
      })]}><InputNumber min={0} /></Form.Item>
      <Form.Item name="hasCommittee" valuePropName="checked"><Checkbox>已建立工会委员会</Checkbox></Form.Item>
      <Form.Item name="hasWomenCommittee" valuePropName="checked"><Checkbox>已建立女职工委员会</Checkbox></Form.Item>
      <Form.Item name="womenCommitteeMember" valuePropName="checked"><Checkbox>已设女职工委员</Checkbox></Form.Item>
      <Form.Item name="fundsBasis" label="经费计拨依据"><Input /></Form.Item>
      {union && <Form.Item name="reason" label="修改原因"><Input.TextArea rows={2} /></Form.Item>}
    </FormDialog>
  );
}

type Base = { union: Union; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void };

export const UnionDissolveDialog = ({ union, ...rest }: Base) => (
  <FormDialog<{ on: string; reason: string }> title="撤销工会" {...rest} initialValues={{ on: today() }}
    submit={async (v) => { await dissolveUnion(union.id, { version: union.version, ...v }); return '已撤销'; }}>
    <Form.Item name="on" label="撤销日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea rows={2} /></Form.Item>
  </FormDialog>
);

export const UnionCoverageDialog = ({ union, ...rest }: Base) => (
  <FormDialog<{ enterpriseId: string; since: string }> title="增加覆盖企业" {...rest} initialValues={{ since: today() }}
    submit={async (v) => { await addUnionCoverage(union.id, v); return '已增加覆盖企业'; }}>
    <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}><RemoteSelect search={searchEnterprises} /></Form.Item>
    <Form.Item name="since" label="起始日" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
  </FormDialog>
);

export const ContractDialog = ({ union, ...rest }: Base) => (
  <FormDialog<{ kind: 'collective' | 'wage'; signedOn: string; startsOn: string; endsOn: string; filedOn?: string }> title="登记集体合同" {...rest}
    initialValues={{ kind: 'collective', signedOn: today(), startsOn: today() }}
    submit={async (v) => { await addContract(union.id, { ...v, filedOn: v.filedOn || null }); return '已登记'; }}>
    <Form.Item name="kind" label="类别"><Select options={[{ value: 'collective', label: '集体合同' }, { value: 'wage', label: '工资专项集体合同' }]} /></Form.Item>
    <Form.Item name="signedOn" label="签订日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    <Form.Item name="startsOn" label="起始日" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    <Form.Item name="endsOn" label="期满日" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
    <Form.Item name="filedOn" label="报送审查日期"><Input type="date" /></Form.Item>
  </FormDialog>
);
