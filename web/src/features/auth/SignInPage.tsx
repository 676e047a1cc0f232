import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Form, Input } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AuthCard } from './AuthCard';

type Fields = { username: string; password: string; totp?: string };

/** Only same-app paths are followed after sign-in, never another site. */
const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function SignInPage() {
  const { status, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  if (status === 'signedIn' && !busy) return <Navigate to={safeNext(params.get('next'))} replace />;

  const onFinish = async (values: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const pending = await signIn({ username: values.username, password: values.password, totpCode: needTotp ? values.totp : undefined });
      navigate(pending === 'password' ? '/change-password' : pending === 'totp' ? '/totp-setup' : safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') setNeedTotp(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="用户登录">
      <ErrorAlert error={error} />
      <Form<Fields> layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
        </Form.Item>
        {needTotp && (
          <Form.Item name="totp" label="动态验证码" extra="请输入身份验证器（手机 App）中显示的 6 位数字"
            rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' }]}>
            <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus placeholder="6 位数字" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
      </Form>
    </AuthCard>
  );
}
