import { Alert, Form, Input } from 'antd';
import type { PartyOrg } from '../../../../src/contracts/party-org';
import { getOrg, mergeOrg, searchOrgs } from './api';
import { DATE_RULE, FormDialog, RemoteSelect, today } from './ui';

type Values = { intoOrgId: string; on: string; reason: string };

/**
 * 合并到… (docs/organisations.md, "Merging"): this organisation is merged into the one picked. Its
 * members, 党小组, sub-organisations and covered enterprises move there and it is dissolved — one
 * step, recorded directly (补录 of a paper decision). Where the district requires the online
 * approval the server refuses it (APPROVAL_REQUIRED) and the 上级审批 card's 提交“党组织合并”审批 is used.
 * The receiving organisation's version is read when the form is sent: a change made meanwhile is a 409.
 */
export function MergeDialog({ org, ...rest }: { org: PartyOrg; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void }) {
  return (
    <FormDialog<Values> title={`合并到…（${org.name}并入其他党组织）`} {...rest} initialValues={{ on: today() }}
      submit={async (v) => {
        const into = await getOrg(v.intoOrgId);
        const r = await mergeOrg(org.id, { version: org.version, intoOrgId: v.intoOrgId, intoVersion: into.version, on: v.on, reason: v.reason });
        return `已并入${r.into.name}：转入党员${r.membersMoved}名`;
      }}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title="合并后，本组织的党员（含党小组）、发展党员对象、下级党组织和覆盖企业转入合并后保留的党组织，本组织撤销。" />
      <Form.Item name="intoOrgId" label="合并后保留的党组织" rules={[{ required: true, message: '请选择合并后保留的党组织' }]}>
        <RemoteSelect id="merge-into" search={(q) => searchOrgs(q, org.id)} placeholder="输入党组织名称搜索" />
      </Form.Item>
      <Form.Item name="on" label="合并日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      <Form.Item name="reason" label="合并原因" rules={[{ required: true, message: '请填写合并原因' }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
    </FormDialog>
  );
}
