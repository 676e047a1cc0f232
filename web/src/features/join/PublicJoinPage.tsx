import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import type { JoinAnswer, JoinApply, JoinCard } from '../../../../src/contracts/union-join';
import { isValidIdNumber } from '../../../../src/domain/id-number';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';

/**
 * The public join page (亮牌子, /join/:token): reached by the QR code on a phone, outside the login
 * shell — it calls only the two public routes, never an authenticated one. Shows the union and a
 * join form; the answer never repeats what was typed.
 */
export function PublicJoinPage({ token }: { token: string }) {
  const [card, setCard] = useState<JoinCard | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<JoinAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<JoinApply>();
  const url = `/api/join/${encodeURIComponent(token)}`;
  useEffect(() => { apiGet<JoinCard>(url).then(setCard, setLoadError); }, [url]);
  useEffect(() => { if (card) document.title = `${card.unionName} · 申请入会`; }, [card]);

  const submit = async (v: JoinApply) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await apiPost<JoinAnswer>(url, { ...v, phone: v.phone.replace(/\s/g, ''), idNumber: v.idNumber.replace(/\s/g, '') }));
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const shell = (body: ReactNode) => (
    <div style={{ maxWidth: 520, margin: '0 auto', padding: 16, minHeight: '100vh', background: '#fafafa' }}>{body}</div>
  );
  if (loadError) return shell(<ErrorAlert error={loadError} />);
  if (!card) return shell(<Skeleton active />);
  if (answer) {
    return shell(<Result status={answer.outcome === 'submitted' ? 'success' : 'info'} title={answer.message} data-testid="join-result"
      subTitle={`${card.unionName}${card.officePhone ? `，联系电话 ${card.officePhone}` : ''}`}
      extra={<Button onClick={() => setAnswer(null)}>返回</Button>} />);
  }
  return shell(<>
    <Typography.Title level={3} style={{ color: '#c41d1d', marginTop: 8 }} data-testid="join-union-name">{card.unionName}</Typography.Title>
    <Typography.Paragraph>
      {card.chairName && <>工会主席：{card.chairName}<br /></>}
      {card.officePhone && <>联系电话：<a href={`tel:${card.officePhone}`}>{card.officePhone}</a></>}
    </Typography.Paragraph>
    <Card title="申请加入工会" size="small" style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} data-testid="join-form">
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名不超过50个字' }]}>
          <Input autoComplete="name" size="large" />
        </Form.Item>
        <Form.Item name="phone" label="手机号码" rules={[{ required: true, message: '请填写手机号码' }, { pattern: /^\s*1[3-9]\d{9}\s*$/, message: '请填写11位手机号码' }]}>
          <Input inputMode="tel" autoComplete="tel" size="large" maxLength={13} />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号码" extra="用于核实身份，加密保存，不会公开显示"
          rules={[{ required: true, message: '请填写身份证号码' }, { validator: (_, v: string | undefined) => (!v || isValidIdNumber(v) ? Promise.resolve() : Promise.reject(new Error('身份证号码不正确，请核对'))) }]}>
          <Input size="large" maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="employer" label="工作单位" rules={[{ required: true, whitespace: true, message: '请填写工作单位' }, { max: 100, message: '工作单位不超过100个字' }]}>
          <Input size="large" placeholder="如：深圳市某某科技有限公司；快递、外卖骑手请填所在平台或站点" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="join-submit">提交入会申请</Button>
      </Form>
    </Card>
    <Alert type="info" title="入会须知" description={<ol style={{ paddingInlineStart: 18, margin: 0 }}>{card.notice.map((n) => <li key={n}>{n}</li>)}</ol>} />
  </>);
}
