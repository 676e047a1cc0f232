import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { PartyGroup, PartyGroupList } from '../../../../src/contracts/party-group';
import { apiGet, apiPatch, apiPost, apiPut } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';

/**
 * 党小组 as a section of a 党支部's page (docs/life.md, "党小组"): each group with its 组长 and members,
 * the members in no group, and for the organisation's managers 设立, 调整组员, 修改 and 撤销 — each at
 * the group's version (a conflict says so in Chinese and reloads).
 */
const listGroups = (orgId: string) => apiGet<PartyGroupList>(`/api/party-orgs/${encodeURIComponent(orgId)}/groups`);
type Editing = { kind: 'create' } | { kind: 'edit' | 'members'; group: PartyGroup };

function GroupDialog({ orgId, editing, list, onClose, onDone }: { orgId: string; editing: Editing; list: PartyGroupList; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ name?: string; leaderMemberId?: string | null; memberIds?: string[] }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const everyone = [...list.items.flatMap((g) => g.members.map((m) => ({ ...m, group: g.name }))), ...list.ungrouped.map((m) => ({ ...m, group: '' }))];
  const options = everyone.map((m) => ({ value: m.id, label: m.group ? `${m.name}（${m.group}）` : m.name }));
  const group = editing.kind === 'create' ? null : editing.group;
  const submit = async (v: { name?: string; leaderMemberId?: string | null; memberIds?: string[] }) => {
    setBusy(true); setError(null);
    try {
      if (editing.kind === 'create') await apiPost(`/api/party-orgs/${encodeURIComponent(orgId)}/groups`, { name: v.name?.trim(), leaderMemberId: v.leaderMemberId || null });
      else if (editing.kind === 'edit') await apiPatch(`/api/party-groups/${editing.group.id}`, { version: editing.group.version, name: v.name?.trim(), leaderMemberId: v.leaderMemberId || null });
      else await apiPut(`/api/party-groups/${editing.group.id}/members`, { version: editing.group.version, memberIds: v.memberIds ?? [] });
      onDone();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const title = editing.kind === 'create' ? '设立党小组' : editing.kind === 'edit' ? `修改：${group?.name}` : `调整组员：${group?.name}`;
  return (
    <Modal open title={title} okText="保存" cancelText="取消" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden okButtonProps={{ id: 'group-save' }}>
      <Form form={form} layout="vertical" onFinish={submit}
        initialValues={{ name: group?.name, leaderMemberId: group?.leader?.id ?? null, memberIds: group?.members.map((m) => m.id) ?? [] }}>
        {editing.kind !== 'members' && <>
          <Form.Item name="name" label="党小组名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 50, message: '不超过50字' }]}>
            <Input placeholder="如：第一党小组" data-testid="group-name" />
          </Form.Item>
          <Form.Item name="leaderMemberId" label="组长（可不填；所选党员编入本组）">
            <Select allowClear showSearch optionFilterProp="label" options={options} data-testid="group-leader" />
          </Form.Item>
        </>}
        {editing.kind === 'members' && <Form.Item name="memberIds" label="组员（已在其他党小组的将转入本组）">
          <Select mode="multiple" showSearch optionFilterProp="label" options={options} data-testid="group-members" />
        </Form.Item>}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

export function GroupsCard({ orgId }: { orgId: string }) {
  const { modal, message } = App.useApp();
  const list = useAsync(() => listGroups(orgId), [orgId]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<unknown>(null);
  const data = list.data;
  const manage = !!data?.manageable;
  const dissolve = (g: PartyGroup) => modal.confirm({
    title: `撤销${g.name}`, content: '撤销后，组员不再编入任何党小组，可另行编组。', okText: '撤销', cancelText: '取消', okButtonProps: { danger: true, id: 'group-dissolve-ok' },
    onOk: async () => {
      try { await apiPost(`/api/party-groups/${g.id}/dissolve`, { version: g.version }); void message.success(`已撤销${g.name}`); list.reload(); } catch (e) { setError(e); list.reload(); }
    },
  });
  return (
    <Card size="small" title={`党小组（${data?.total ?? 0} 个）`} style={{ marginBottom: 16 }} data-testid="org-groups"
      extra={manage && <Button size="small" type="primary" onClick={() => setEditing({ kind: 'create' })} data-testid="group-add">设立党小组</Button>}>
      <ErrorAlert error={list.error ?? error} />
      <Table<PartyGroup> size="small" rowKey="id" loading={list.loading} dataSource={data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: '未设党小组' }}
        columns={[
          { title: '党小组', dataIndex: 'name' },
          { title: '组长', render: (_, g) => g.leader?.name ?? '—' },
          { title: '组员', render: (_, g) => `${g.members.length}人：${g.members.map((m) => m.name).join('、') || '—'}` },
          ...(manage ? [{
            title: '操作', render: (_: unknown, g: PartyGroup) => (
              <Space size={4} wrap>
                <Button size="small" type="link" onClick={() => setEditing({ kind: 'members', group: g })} data-testid={`group-members-${g.name}`}>调整组员</Button>
                <Button size="small" type="link" onClick={() => setEditing({ kind: 'edit', group: g })}>修改</Button>
                <Button size="small" type="link" danger onClick={() => dissolve(g)}>撤销</Button>
              </Space>
            ),
          }] : []),
        ]} />
      {data && data.ungrouped.length > 0 && (data.items.length > 0 || manage) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="group-ungrouped">
          未编入党小组：{data.ungrouped.length}人（{data.ungrouped.slice(0, 20).map((m) => m.name).join('、')}{data.ungrouped.length > 20 ? '等' : ''}）
        </Typography.Paragraph>
      )}
      {editing && data && <GroupDialog orgId={orgId} editing={editing} list={data} onClose={() => setEditing(null)}
        onDone={() => { setEditing(null); list.reload(); }} />}
    </Card>
  );
}
