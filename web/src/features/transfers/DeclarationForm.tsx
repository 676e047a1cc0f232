import { Form, Input, Select } from 'antd';
import { MEMBER_CATEGORY_LABELS } from '../../../../src/domain/member';
import { FormDialog, RemoteSelect } from '../orgs/ui';
import { declare, searchDeclarableEnterprises } from './api';
import type { DeclarationCreate } from '../../../../src/contracts/member-transfer';

/** 亮身份: the member (or an official for them) names themself, their enterprise and the organisation holding their relationship. */
export function DeclarationDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormDialog<DeclarationCreate> title="亮身份申报" open={open} onClose={onClose} onDone={onDone} initialValues={{ category: 'full' }}
      submit={async (v) => { await declare({ ...v, phone: v.phone || undefined, post: v.post || undefined }); return '已提交，等待街道确认'; }}>
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="idNumber" label="身份证号码" rules={[{ required: true, message: '请填写身份证号码' }]}><Input maxLength={18} /></Form.Item>
      <Form.Item name="phone" label="联系电话"><Input maxLength={20} /></Form.Item>
      <Form.Item name="enterpriseId" label="工作单位" rules={[{ required: true, message: '请选择工作单位' }]}><RemoteSelect id="enterpriseId" search={searchDeclarableEnterprises} placeholder="输入企业名称查找" /></Form.Item>
      <Form.Item name="post" label="工作岗位"><Input maxLength={100} /></Form.Item>
      <Form.Item name="namedOrg" label="组织关系所在党组织" rules={[{ required: true, min: 2, message: '请填写组织关系所在党组织' }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="category" label="党员类别"><Select options={Object.entries(MEMBER_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item>
    </FormDialog>
  );
}
