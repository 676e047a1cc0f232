import { useState } from 'react';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getMyEmail, setMyEmail } from './api';

/** 我的 › 电子邮箱: where the daily digest of my tasks and unread notices goes (empty: none). */
export function EmailCard() {
  const mine = useAsync(getMyEmail, []);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  const shown = value ?? mine.data?.email ?? '';
  const save = () => {
    if (!mine.data) return;
    setError(null);
    setMyEmail(shown.trim() || null, mine.data.version).then(() => { message.success(shown.trim() ? '已保存，每日待办摘要将发到此邮箱' : '已清除，不再接收邮件摘要'); setValue(null); mine.reload(); }, setError);
  };
  return (
    <Card title="电子邮箱" size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>填写后，有待办事项或未读通知的日子会收到一封摘要邮件；留空则不接收。</Typography.Paragraph>
      <ErrorAlert error={mine.error ?? error} style={{ marginBottom: 8 }} />
      <Flex gap={8} wrap>
        <Input value={shown} onChange={(e) => setValue(e.target.value)} placeholder="name@example.gov.cn" style={{ maxWidth: 280 }} data-testid="me-email" />
        <Button onClick={save} disabled={!mine.data} data-testid="me-email-save">保存</Button>
      </Flex>
    </Card>
  );
}

/** The page the user menu opens (电子邮箱（待办摘要）): every signed-in user may set their own. */
export function EmailPage() {
  return <div style={{ maxWidth: 480 }}><PageHeader title="电子邮箱" /><EmailCard /></div>;
}
