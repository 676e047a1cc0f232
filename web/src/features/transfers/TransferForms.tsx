import { DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import dayjs from 'dayjs';
import type { Transfer } from '../../../../src/contracts/member-transfer';
import { FormDialog, RemoteSelect } from '../orgs/ui';
import { acceptTransfer, closeTransfer, issueTransfer, moveOrg, recordReceipt, searchMyMembers, searchReceivers } from './api';
import { searchOrgs } from '../members/api';

/** The forms of the transfer inbox: 开具, 接收, 退回/撤回, 回执, 整建制转接. Each one a modal. */
type Done = { open: boolean; onClose: () => void; onDone: () => void };
const day = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : undefined);

type IssueValues = { memberId: string; target: 'inside' | 'outside'; toOrgId?: string; outsideOrg?: string; paperLetterNo?: string; validDays?: number; note?: string };
export function IssueDialog({ open, onClose, onDone }: Done) {
  return (
    <FormDialog<IssueValues> title="开具组织关系介绍信" open={open} onClose={onClose} onDone={onDone} initialValues={{ target: 'inside', validDays: 90 }}
      submit={async (v) => {
        const t = await issueTransfer({
          memberId: v.memberId, validDays: v.validDays, note: v.note || undefined,
          ...(v.target === 'inside' ? { toOrgId: v.toOrgId } : { outsideOrg: v.outsideOrg, paperLetterNo: v.paperLetterNo || undefined }),
        });
        return `已开具介绍信 ${t.letterNo ?? ''}`;
      }}>
      {(form) => (
        <>
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}><RemoteSelect id="memberId" search={searchMyMembers} placeholder="输入姓名查找" /></Form.Item>
          <Form.Item name="target" label="转往"><Radio.Group options={[{ value: 'inside', label: '本系统内党组织' }, { value: 'outside', label: '系统外（纸质介绍信）' }]} /></Form.Item>
          <Form.Item noStyle shouldUpdate>{() => form.getFieldValue('target') === 'outside' ? (
            <>
              <Form.Item name="outsideOrg" label="接收单位" rules={[{ required: true, message: '请填写接收单位' }]}><Input maxLength={200} /></Form.Item>
              <Form.Item name="paperLetterNo" label="纸质介绍信编号"><Input maxLength={60} /></Form.Item>
            </>
          ) : (
            <Form.Item name="toOrgId" label="接收党组织" rules={[{ required: true, message: '请选择接收党组织' }]}><RemoteSelect id="toOrgId" search={searchReceivers} placeholder="输入党组织名称查找" /></Form.Item>
          )}</Form.Item>
          <Form.Item name="validDays" label="有效期（天）" rules={[{ required: true, message: '请填写有效期' }]}><InputNumber min={1} max={366} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="note" label="备注"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

export function AcceptDialog({ t, onReload, ...p }: Done & { t: Transfer; onReload: () => void }) {
  return (
    <FormDialog<{ on?: unknown }> title={`接收 ${t.memberName} 的组织关系`} {...p} onReload={onReload}
      submit={async (v) => { await acceptTransfer(t, day(v.on)); return `已接收，${t.memberName}已转入${t.toOrgName ?? ''}`; }}>
      <p>介绍信 {t.letterNo}，由 {t.fromOrgName} 开具，有效期至 {t.validUntil}。接收后该党员即列入本组织名册。</p>
      <Form.Item name="on" label="接收日期（默认今天）"><DatePicker /></Form.Item>
    </FormDialog>
  );
}

export function ReasonDialog({ t, how, onReload, ...p }: Done & { t: Transfer; how: 'return' | 'revoke'; onReload: () => void }) {
  const word = how === 'return' ? '退回' : '撤回';
  return (
    <FormDialog<{ reason: string }> title={`${word}介绍信 ${t.letterNo ?? ''}`} {...p} onReload={onReload}
      submit={async (v) => { await closeTransfer(t, how, v.reason); return `已${word}`; }}>
      <Form.Item name="reason" label={`${word}原因`} rules={[{ required: true, whitespace: true, message: `请填写${word}原因` }]}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
    </FormDialog>
  );
}

export function ReceiptDialog({ t, onReload, ...p }: Done & { t: Transfer; onReload: () => void }) {
  return (
    <FormDialog<{ receiptOn: unknown }> title="登记回执" {...p} onReload={onReload}
      submit={async (v) => { await recordReceipt(t, day(v.receiptOn)!); return '已登记回执，该党员移出本组织名册'; }}>
      <Form.Item name="receiptOn" label="回执日期" rules={[{ required: true, message: '请选择回执日期' }]}><DatePicker /></Form.Item>
    </FormDialog>
  );
}

export function OrgMoveDialog(p: Done) {
  return (
    <FormDialog<{ fromOrgId: string; toOrgId: string }> title="整建制转接" {...p}
      submit={async (v) => {
        const r = await moveOrg(v);
        return `已开具 ${r.issued} 份介绍信${r.accepted ? `，其中 ${r.accepted} 份已直接接收` : ''}${r.skipped.length ? `；${r.skipped.length} 名党员已有待接收的介绍信，未处理` : ''}`;
      }}>
      <Form.Item name="fromOrgId" label="转出党组织（全部党员）" rules={[{ required: true, message: '请选择转出党组织' }]}><RemoteSelect id="fromOrgId" search={searchOrgs} /></Form.Item>
      <Form.Item name="toOrgId" label="接收党组织" rules={[{ required: true, message: '请选择接收党组织' }]}><RemoteSelect id="toOrgId" search={searchReceivers} /></Form.Item>
    </FormDialog>
  );
}
