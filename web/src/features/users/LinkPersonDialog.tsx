import { useState } from 'react';
import { Checkbox, Form, Typography } from 'antd';
import { apiGet, apiPut } from '../../api/client';
import type { AccountPersonLink } from '../../../../src/contracts/member-transfer';
import type { PersonOut } from '../../../../src/contracts/person';
import { FormDialog, RemoteSelect } from '../orgs/ui';
import type { PickOption } from '../orgs/api';
import type { UserView } from './api';

/** People the administrator may see, by name; the ID number masked as the people route gives it. */
async function searchPeople(q: string): Promise<PickOption[]> {
  if (!q.trim()) return [];
  const r = await apiGet<{ items: PersonOut[] }>('/api/people', { name: q.trim(), limit: 20 });
  return r.items.map((p) => ({ value: p.id, label: `${p.name}（${p.idNumber ?? '无身份证号码'}）` }));
}
const linkPerson = (userId: string, body: AccountPersonLink) => apiPut<{ userId: string; personId: string | null }>(`/api/users/${encodeURIComponent(userId)}/person`, body);

/**
 * 关联人员 (docs/member-transfers.md, "我的"): an administrator links an account to its person, so the
 * member sees their own record on 我的; or removes the link. The people offered are those the
 * administrator may see; the server checks both again and audits the change.
 */
export function LinkPersonDialog({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: () => void }) {
  const [unlink, setUnlink] = useState(false);
  return (
    <FormDialog<{ personId?: string }> title={`关联人员：${user.displayName}`} open onClose={onClose} onDone={onDone}
      submit={async (v) => { await linkPerson(user.id, { personId: unlink ? null : v.personId ?? null }); return unlink ? '已解除关联' : '已关联人员'; }}>
      <Typography.Paragraph type="secondary">关联后，该账号可在“我的”页面查看本人党员信息（身份证号码脱敏）。</Typography.Paragraph>
      <Form.Item name="personId" label="人员" extra="输入姓名查找；只列出您管理范围内的人员"
        rules={[{ required: !unlink, message: '请选择要关联的人员' }]}>
        <RemoteSelect search={searchPeople} placeholder="输入姓名搜索" />
      </Form.Item>
      <Checkbox checked={unlink} onChange={(e) => setUnlink(e.target.checked)} data-testid="user-unlink-person">解除该账号已有的关联</Checkbox>
    </FormDialog>
  );
}
