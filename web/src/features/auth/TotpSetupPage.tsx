import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Form, Input, QRCode, Space, Spin, Typography } from 'antd';
import { apiPost } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { AuthCard } from './AuthCard';

type Setup = { otpauthUri?: string; uri?: string; secret: string };

/** TOTP enrolment: scan the code (or type the secret) into an authenticator app, confirm one code. */
export function TotpSetupPage() {
  const { pending, setPending, signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const setup = useAsync(() => apiPost<Setup>('/api/auth/totp/setup'), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const uri = setup.data?.otpauthUri ?? setup.data?.uri ?? '';

  const onFinish = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await apiPost('/api/auth/totp/enable', { code });
      setPending(null);
      message.success('两步验证已启用');
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="启用两步验证">
      <Typography.Paragraph type="secondary">
        {pending === 'totp' ? '管理员账号须启用两步验证。' : ''}请用手机上的身份验证器（如 Microsoft Authenticator、Google 身份验证器）扫描下方二维码，再输入其显示的 6 位数字。
      </Typography.Paragraph>
      <ErrorAlert error={setup.error ?? error} />
      {setup.loading ? <Spin /> : uri && (
        <Space orientation="vertical" align="center" style={{ width: '100%', marginBottom: 16 }}>
          <QRCode value={uri} />
          <Typography.Text copyable={{ text: setup.data?.secret }} type="secondary">密钥：{setup.data?.secret}</Typography.Text>
        </Space>
      )}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="code" label="动态验证码" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' }]}>
          <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} disabled={!uri}>启用</Button>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => (pending ? void signOut().then(() => navigate('/sign-in')) : navigate(-1))}>
          {pending ? '退出登录' : '返回'}
        </Button>
      </Form>
    </AuthCard>
  );
}
