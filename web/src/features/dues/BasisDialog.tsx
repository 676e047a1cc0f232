import { Form, Input, Select } from 'antd';
import { DUES_CATEGORIES, DUES_CATEGORY_LABELS, BASED_CATEGORIES, type DuesCategory } from '../../../../src/domain/rules/member-facts';
import { apiGet, apiPut } from '../../api/client';
import { FormDialog, RemoteSelect } from '../orgs/ui';
import type { PickOption } from '../orgs/api';
import { parseYuanInput } from './money';

type Values = { memberId: string; fromMonth: string; category: DuesCategory; base?: string };

async function searchMembers(orgId: string | undefined, q: string): Promise<PickOption[]> {
  const page = await apiGet<{ items: { id: string; name: string; orgName: string }[] }>('/api/members', { q, orgId, limit: 20 });
  return page.items.map((m) => ({ value: m.id, label: m.orgName ? `${m.name}（${m.orgName}）` : m.name }));
}

/** 设定交纳基数: a member's category and (employed, retired) after-tax monthly base from a month on. */
export function BasisDialog({ orgId, month, open, onClose, onDone }: { orgId?: string; month: string; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormDialog<Values> title="设定党费交纳基数" open={open} onClose={onClose} onDone={onDone} initialValues={{ fromMonth: month, category: 'employed' }}
      submit={async (v) => {
        const baseFen = BASED_CATEGORIES.has(v.category) ? parseYuanInput(v.base ?? '') : null;
        const r = await apiPut<{ recomputed: number }>(`/api/dues/members/${encodeURIComponent(v.memberId)}/basis`, { fromMonth: v.fromMonth, category: v.category, baseFen });
        return `已设定，重算${r.recomputed}个月`;
      }}>
      {(form) => (
        <>
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <RemoteSelect search={(q) => searchMembers(orgId, q)} placeholder="输入姓名搜索" />
          </Form.Item>
          <Form.Item name="fromMonth" label="自何月起" rules={[{ required: true, pattern: /^\d{4}-\d{2}$/, message: '请选择月份' }]}>
            <Input type="month" data-testid="dues-basis-month" />
          </Form.Item>
          <Form.Item name="category" label="党员类别（交纳标准）" rules={[{ required: true }]}>
            <Select options={DUES_CATEGORIES.map((c) => ({ value: c, label: DUES_CATEGORY_LABELS[c] }))} data-testid="dues-basis-category" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.category !== b.category}>
            {() => BASED_CATEGORIES.has(form.getFieldValue('category')) && (
              <Form.Item name="base" label="交纳基数：税后月工资收入或离退休费（元）" rules={[{ required: true, pattern: /^\d{1,7}(\.\d{1,2})?$/, message: '请填写金额（元），最多两位小数' }]}>
                <Input inputMode="decimal" data-testid="dues-basis-base" />
              </Form.Item>
            )}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
