import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { isVersionConflict } from '../../ui/VersionConflict';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { createUser, grantRole, listUsers, resetPassword, revokeRole, setDisabled, type UserView } from './api';
import { GrantFields, grantOfForm, type GrantForm } from './GrantFields';
import { LinkPersonDialog } from './LinkPersonDialog';

type Dialog = { kind: 'create' } | { kind: 'grant'; user: UserView } | { kind: 'reset'; user: UserView } | { kind: 'person'; user: UserView } | null;

const scopeText = (r: UserView['roles'][number]) =>
  [r.allRegions ? '全部区划' : '', ...r.regionNames, ...r.parkIds.map((p) => `园区#${p}`), ...r.associationIds.map((a) => `协会#${a}`),
    ...r.enterpriseIds.map((e) => `企业#${e}`), ...r.partyOrgIds.map((o) => `党组织#${o}`)].filter(Boolean).join('、') || '本人';

/** 用户管理: the accounts this administrator may see, their roles, and the actions on them. */
export function UserListPage() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = useAsync(() => listUsers(search), [search]);
  // A stale version (someone changed the account meanwhile) stays on screen with its reload button.
  const [conflict, setConflict] = useState<unknown>(null);
  const act = async (work: Promise<unknown>, done: string) => {
    setConflict(null);
    try {
      await work;
      message.success(done);
      users.reload();
    } catch (e) {
      if (isVersionConflict(e)) setConflict(e);
      else message.error(errorMessage(e));
    }
  };

  const columns: TableProps<UserView>['columns'] = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    {
      title: '角色与范围', key: 'roles', render: (_: unknown, u) => (
        <Flex wrap gap={4}>
          {u.roles.map((r) => (
            <Tag key={r.id} closable={u.roles.length > 1} onClose={(e) => { e.preventDefault(); void act(revokeRole(u.id, r.id), '已撤销角色'); }}>
              {r.roleLabel}：{scopeText(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: '状态', key: 'state', responsive: ['md'], render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>}
          {u.mustChangePassword && <Tag color="orange">须改密码</Tag>}
          {u.totpEnabled && <Tag color="blue">动态验证码</Tag>}
          {u.lockedUntil && <Tag color="volcano">锁定中</Tag>}
        </Space>
      ),
    },
    {
      title: '操作', key: 'ops', render: (_: unknown, u) => (
        <Space wrap>
          <Button size="small" onClick={() => setDialog({ kind: 'grant', user: u })}>授予角色</Button>
          <Button size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>重置密码</Button>
          <Button size="small" onClick={() => setDialog({ kind: 'person', user: u })} data-testid="user-link-person">关联人员</Button>
          <Popconfirm title={u.disabled ? '重新启用该账号？' : '停用后该账号的所有登录立即失效，确定？'}
            onConfirm={() => act(setDisabled(u, !u.disabled), u.disabled ? '已启用' : '已停用')}>
            <Button size="small" danger={!u.disabled}>{u.disabled ? '启用' : '停用'}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="用户管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>新建用户</Button>} />
      <Card>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder="用户名或姓名" allowClear onPressEnter={() => setSearch(q)} style={{ maxWidth: 280 }} />
          <Button icon={<SearchOutlined />} onClick={() => setSearch(q)}>查询</Button>
        </Flex>
        <ErrorAlert error={users.error} />
        <ErrorAlert error={conflict} onReload={() => { setConflict(null); users.reload(); }} />
        <Table rowKey="id" columns={columns} dataSource={users.data?.items ?? []} loading={users.loading} pagination={false} scroll={{ x: true }}
          footer={() => `共 ${users.data?.total ?? 0} 个账号（只显示角色全部在您管理范围内的账号）`} />
      </Card>
      {dialog?.kind === 'person' && <LinkPersonDialog user={dialog.user} onClose={() => setDialog(null)} onDone={() => users.reload()} />}
      {dialog && dialog.kind !== 'person' && <UserDialog dialog={dialog} onClose={() => setDialog(null)} onDone={(text) => { setDialog(null); message.success(text); users.reload(); }} />}
    </>
  );
}

type FormValues = GrantForm & { username?: string; displayName?: string; password?: string; resetTotp?: boolean };

function UserDialog({ dialog, onClose, onDone }: { dialog: Exclude<NonNullable<Dialog>, { kind: 'person' }>; onClose: () => void; onDone: (text: string) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const title = dialog.kind === 'create' ? '新建用户' : dialog.kind === 'grant' ? `授予角色：${dialog.user.displayName}` : `重置密码：${dialog.user.displayName}`;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (dialog.kind === 'create') {
        await createUser({ username: v.username ?? '', displayName: v.displayName ?? '', password: v.password ?? '', roles: [grantOfForm(v)] });
        onDone('已创建；首次登录须修改密码');
      } else if (dialog.kind === 'grant') {
        await grantRole(dialog.user.id, grantOfForm(v));
        onDone('已授予角色');
      } else {
        await resetPassword(dialog.user.id, v.password ?? '', Boolean(v.resetTotp));
        onDone('已重置；该用户下次登录须修改密码');
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="确定" cancelText="取消" destroyOnHidden>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        {dialog.kind === 'create' && (
          <>
            <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字、_ . -' }]}><Input /></Form.Item>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}><Input /></Form.Item>
          </>
        )}
        {dialog.kind !== 'grant' && (
          <Form.Item name="password" label={dialog.kind === 'create' ? '初始密码' : '新密码'} extra="至少 10 位，含大写、小写、数字、符号中的三类，不含用户名"
            rules={[{ required: true, min: 10, message: '至少 10 位' }]}><Input.Password /></Form.Item>
        )}
        {dialog.kind === 'reset' && <Form.Item name="resetTotp" valuePropName="checked"><Checkbox>同时解除动态验证码绑定（手机丢失时）</Checkbox></Form.Item>}
        {dialog.kind !== 'reset' && <GrantFields />}
      </Form>
    </Modal>
  );
}
