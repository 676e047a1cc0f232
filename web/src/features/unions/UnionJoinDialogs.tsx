import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { JoinLink, UnionApplication } from '../../../../src/contracts/union-join';
import { FormDialog } from '../orgs/ui';
import { listUnions } from './api';
import { acceptApplication, referApplication, rejectApplication, updateJoinLink } from './join-api';

export type Decision = { kind: 'accept' | 'reject' | 'refer'; app: UnionApplication };
type Props = { decision: Decision | null; unionId: string; onClose(): void; onDone(): void };
const TITLE = { accept: '接收入会申请', reject: '不予接收', refer: '转介到其他工会' } as const;
type DecisionValues = { joinedOn?: Dayjs; reason?: string; toUnionId?: string; note?: string };

/** One dialog for the three decisions, each at the application's version (a stale one says so and reloads). */
export function DecisionDialog({ decision, unionId, onClose, onDone }: Props) {
  const [unions, setUnions] = useState<Array<{ value: string; label: string }>>([]);
  const search = async (q: string) => {
    const page = await listUnions({ q: q || undefined, status: 'active' }, null, 20);
    setUnions(page.items.filter((u) => u.id !== unionId).map((u) => ({ value: u.id, label: u.name })));
  };
  useEffect(() => { if (decision?.kind === 'refer') void search(''); }, [decision]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!decision) return null;
  const { kind, app } = decision;
  const submit = async (v: DecisionValues) => {
    if (kind === 'accept') await acceptApplication(app.id, { version: app.version, joinedOn: v.joinedOn?.format('YYYY-MM-DD') });
    if (kind === 'reject') await rejectApplication(app.id, { version: app.version, reason: v.reason! });
    if (kind === 'refer') await referApplication(app.id, { version: app.version, toUnionId: v.toUnionId!, note: v.note || undefined });
    return kind === 'accept' ? `已接收${app.name}入会` : kind === 'reject' ? '已记录不予接收' : '已转介';
  };
  return (
    <FormDialog<DecisionValues> key={`${kind}:${app.id}`} open title={TITLE[kind]} onClose={onClose} submit={submit} onDone={onDone} onReload={onDone}
      testId={`decision-${kind}`} intro={<Typography.Paragraph>{app.name}，{app.employer}（身份证 {app.idNumber}）</Typography.Paragraph>}>
      {kind === 'accept' && <Form.Item name="joinedOn" label="入会日期" initialValue={dayjs()} extra="默认今天">
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>}
      {kind === 'reject' && <Form.Item name="reason" label="不予接收的理由" rules={[{ required: true, whitespace: true, message: '请填写不予接收的理由' }, { max: 200, message: '理由不超过200字' }]}>
        <Input.TextArea rows={3} placeholder="如：非本工会覆盖企业职工，已告知本人" />
      </Form.Item>}
      {kind === 'refer' && <>
        <Form.Item name="toUnionId" label="转给哪个工会" rules={[{ required: true, message: '请选择工会' }]}>
          <Select showSearch filterOption={false} onSearch={(q) => void search(q)} options={unions} placeholder="输入工会名称查找" data-testid="refer-union" />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 200, message: '说明不超过200字' }]}><Input placeholder="如：申请人在该工会覆盖的企业工作" /></Form.Item>
      </>}
    </FormDialog>
  );
}

type SettingsValues = { showChair: boolean; officePhone?: string };

/** What the public page shows besides the name: the chair's name (or not) and the office phone. */
export function JoinSettingsDialog({ link, open, onClose, onDone }: { link: JoinLink; open: boolean; onClose(): void; onDone(): void }) {
  const submit = async (v: SettingsValues) => {
    await updateJoinLink(link.unionId, { version: link.version, showChair: v.showChair, officePhone: v.officePhone?.trim() || null });
  };
  return (
    <FormDialog<SettingsValues> open={open} title="入会页显示内容" okText="保存" onClose={onClose} submit={submit} onDone={onDone} onReload={onDone}
      initialValues={{ showChair: link.showChair, officePhone: link.officePhone ?? '' }}>
      <Form.Item name="showChair" label={`显示工会主席姓名${link.chairName ? `（${link.chairName}）` : '（尚未选定组织员）'}`} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item name="officePhone" label="工会办公电话" rules={[{ pattern: /^[\d\-+ ()（）]{5,30}$/, message: '请填写工会办公电话（5至30位数字）' }]}>
        <Input placeholder="如 0755-86001234" />
      </Form.Item>
    </FormDialog>
  );
}
