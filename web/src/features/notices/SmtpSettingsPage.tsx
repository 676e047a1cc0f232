import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { SMTP_TLS_LABELS, type SmtpSettingsInput } from '../../../../src/contracts/digest';
import { getSmtp, saveSmtp } from './api';

type Values = Omit<SmtpSettingsInput, 'version' | 'password'> & { password?: string };

/** 邮件摘要设置 (system administrator): the SMTP server the daily digest goes through; off by default. */
export function SmtpSettingsPage() {
  const s = useAsync(getSmtp, []);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !s.data) return;
    setBusy(true);
    setError(null);
    try {
      await saveSmtp({ ...v, user: v.user ?? '', from: v.from ?? '', fromName: v.fromName ?? '', publicUrl: v.publicUrl ?? '', password: v.password ? v.password : undefined, version: s.data.version });
      message.success('已保存邮件设置');
      s.reload();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <>
      <PageHeader title="邮件摘要设置" />
      <Card style={{ maxWidth: 720 }}>
        <Typography.Paragraph type="secondary">启用后，每天运行 <code>liangxin digest send</code> 时，向填写了电子邮箱、且有待办事项或未读通知的用户各发一封摘要（只含组织和企业名称，不含个人信息）。</Typography.Paragraph>
        <ErrorAlert error={s.error ?? error} style={{ marginBottom: 12 }} />
        {s.data && (
          <Form form={form} layout="vertical" key={s.data.version} initialValues={{ ...s.data, password: '' }} data-testid="smtp-form">
            <Form.Item name="enabled" label="启用每日邮件摘要" valuePropName="checked"><Switch /></Form.Item>
            <Flex wrap gap={12}>
              <Form.Item name="host" label="邮件服务器（SMTP）" style={{ minWidth: 260 }}><Input placeholder="smtp.example.gov.cn" /></Form.Item>
              <Form.Item name="port" label="端口"><InputNumber min={1} max={65535} /></Form.Item>
              <Form.Item name="tls" label="加密方式"><Select style={{ width: 220 }} options={Object.entries(SMTP_TLS_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item>
            </Flex>
            <Flex wrap gap={12}>
              <Form.Item name="user" label="登录用户名"><Input autoComplete="off" style={{ width: 240 }} /></Form.Item>
              <Form.Item name="password" label="登录密码" extra={s.data.hasPassword ? '已保存密码（加密保存，不显示）；不填则保留原密码' : '尚未保存密码'}>
                <Input.Password autoComplete="new-password" style={{ width: 240 }} />
              </Form.Item>
            </Flex>
            <Flex wrap gap={12}>
              <Form.Item name="from" label="发件人地址"><Input placeholder="noreply@example.gov.cn" style={{ width: 260 }} /></Form.Item>
              <Form.Item name="fromName" label="发件人名称"><Input style={{ width: 240 }} maxLength={60} /></Form.Item>
            </Flex>
            <Form.Item name="publicUrl" label="平台访问地址" extra="摘要中“打开待办”的链接，如 https://dangjian.example.gov.cn"><Input /></Form.Item>
            <Button type="primary" loading={busy} onClick={() => void save()} disabled={!s.data.canChange} data-testid="smtp-save">保存</Button>
          </Form>
        )}
      </Card>
    </>
  );
}
