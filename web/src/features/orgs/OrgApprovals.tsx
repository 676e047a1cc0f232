import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { ORG_TYPE_LABEL, SETUP_MODE_LABEL } from '../../../../src/contracts/party-org';
import { RecordApprovals } from '../approvals/RecordApprovals';
import { searchOrgs } from './api';
import { RemoteSelect } from './ui';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The organisation's 上级审批 (docs/approvals.md): 成立下级党组织 — the new organisation's facts as the
 * create form takes them, created on the day the last level agrees unless a 成立日期 is given — and
 * 撤销 — the reason; dissolved on the day the last level agrees, once its members have been
 * transferred — and 合并 — the organisation it is merged into and the reason; merged on the day the
 * last level agrees. 新建, 撤销 and 合并到… directly stay for recording a paper approval where the district does not
 * require the online one.
 */
export function OrgApprovals({ org, canSubmit, onDone }: { org: { id: string; version: number }; canSubmit: boolean; onDone: () => void }) {
  return (
    <RecordApprovals subjectTable="party_org" subjectId={org.id} version={org.version} canSubmit={canSubmit} onDone={onDone} kinds={[
      {
        kind: 'org.setup', buttonLabel: '提交“成立下级党组织”审批', initialValues: { orgType: 'branch', setupMode: 'standalone', fullMembers: 3, probationaryMembers: 0 },
        toPayload: (v) => ({ ...v, foundedOn: v.foundedOn || undefined, temporary: v.temporary || undefined }),
        fields: () => <>
          <Form.Item name="name" label="党组织名称" rules={[{ required: true, min: 2, message: '请填写党组织名称' }]}><Input maxLength={120} /></Form.Item>
          <Form.Item name="orgType" label="组织类别" rules={[{ required: true }]}><Select options={options(ORG_TYPE_LABEL)} /></Form.Item>
          <Form.Item name="setupMode" label="组建方式" rules={[{ required: true }]}><Select options={options(SETUP_MODE_LABEL)} /></Form.Item>
          <Form.Item name="temporary" valuePropName="checked"><Checkbox>临时党支部</Checkbox></Form.Item>
          <Form.Item name="fullMembers" label="正式党员（人）"><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="probationaryMembers" label="预备党员（人）"><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="foundedOn" label="成立日期" extra="不填则为上级批准之日"><Input type="date" /></Form.Item>
        </>,
      },
      {
        kind: 'org.merger', buttonLabel: '提交“党组织合并”审批',
        fields: () => <>
          <Form.Item name="intoOrgId" label="合并后保留的党组织" extra="本组织的党员、党小组、下级组织和覆盖企业转入该组织，本组织撤销；合并日期为上级批准之日"
            rules={[{ required: true, message: '请选择合并后保留的党组织' }]}><RemoteSelect id="merger-into" search={(q) => searchOrgs(q, org.id)} placeholder="输入党组织名称搜索" /></Form.Item>
          <Form.Item name="reason" label="合并原因" rules={[{ required: true, message: '请填写合并原因' }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        </>,
      },
      {
        kind: 'org.dissolution', buttonLabel: '提交“撤销党组织”审批',
        fields: () => <Form.Item name="reason" label="撤销原因" extra="撤销日期为上级批准之日" rules={[{ required: true, message: '请填写撤销原因' }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>,
      },
    ]} />
  );
}
