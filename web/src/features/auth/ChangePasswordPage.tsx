import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Form, Input, Typography } from 'antd';
import { apiPost, setCsrfToken } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AuthCard } from './AuthCard';

type Fields = { currentPassword: string; newPassword: string; confirm: string };

/** Mirrors the server's policy (src/domain/password-policy.ts) so people see problems before sending. */
function policyProblem(password: string, username: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

export function ChangePasswordPage() {
  const { me, pending, setPending, refresh, signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await apiPost<{ csrfToken?: string; totpEnrolmentRequired?: boolean }>('/api/auth/change-password', {
        currentPassword: values.currentPassword, newPassword: values.newPassword,
      });
      if (answer?.csrfToken) setCsrfToken(answer.csrfToken);
      setPending(answer?.totpEnrolmentRequired ? 'totp' : null);
      await refresh();
      message.success('密码已修改');
      navigate(answer?.totpEnrolmentRequired ? '/totp-setup' : '/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={pending === 'password' ? '首次登录，请修改密码' : '修改密码'}>
      <Typography.Paragraph type="secondary">
        新密码至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名。修改后其他设备上的登录将失效。
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form<Fields> layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' },
          { validator: (_, v: string | undefined) => { const p = v ? policyProblem(v, me?.username ?? '') : null; return p ? Promise.reject(new Error(p)) : Promise.resolve(); } }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label="确认新密码" dependencies={['newPassword']} rules={[{ required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({ validator: (_, v: string | undefined) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>确认修改</Button>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => (pending ? void signOut().then(() => navigate('/sign-in')) : navigate(-1))}>
          {pending ? '退出登录' : '返回'}
        </Button>
      </Form>
    </AuthCard>
  );
}
