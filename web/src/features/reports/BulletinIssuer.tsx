import { useState } from 'react';
import { Button, Descriptions, Form, Input, Spin } from 'antd';
import type { BulletinIssuer, BulletinIssuerFields } from '../../../../src/contracts/bulletin-issuer';
import { apiGet, apiPut } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { FormDialog } from '../orgs/ui';

/**
 * 通报发文设置 beside the bulletin downloads: the region's 发文字号代字, 发文机关, 抄送 and 印发机关
 * (docs/bulletin.md), for those who configure reports; the next 文号 and 主送 are shown as the
 * next bulletin will print them. The version read goes with the save (409: reload).
 */
const getIssuer = (region: string) => apiGet<BulletinIssuer>('/api/reports/bulletin-issuer', { region });
const saveIssuer = (body: BulletinIssuerFields & { region: string; version: number }) => apiPut<BulletinIssuer>('/api/reports/bulletin-issuer', body);

function IssuerDialog({ region, onClose }: { region: string; onClose(): void }) {
  const [reload, setReload] = useState(0);
  const { data, error, loading } = useAsync(() => getIssuer(region), [region, reload]);
  if (error) return <ErrorAlert error={error} />;
  if (loading || !data) return <Spin />;
  const submit = async (v: BulletinIssuerFields) => {
    const saved = await saveIssuer({ ...v, copyTo: v.copyTo ?? '', region, version: data.version });
    return `已保存，下一个文号为 ${saved.nextNumber}`;
  };
  const hint = (k: keyof BulletinIssuerFields) => (data.defaults[k] ? `默认：${data.defaults[k]}` : undefined);
  return (
    <FormDialog<BulletinIssuerFields> title={`${data.regionName}通报发文设置`} open onClose={onClose} submit={submit} onDone={() => setReload((n) => n + 1)}
      initialValues={{ docPrefix: data.docPrefix, office: data.office, copyTo: data.copyTo, printedBy: data.printedBy }} onReload={() => setReload((n) => n + 1)}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="issuer-next">
        <Descriptions.Item label="下一个文号">{data.nextNumber}（{data.year}年已发 {data.issuedThisYear} 号）</Descriptions.Item>
        <Descriptions.Item label="主送">{data.mainTo}</Descriptions.Item>
      </Descriptions>
      <Form.Item name="docPrefix" label="发文字号代字" extra={`文号形如“代字〔年份〕序号号”，每年从1号编起。${hint('docPrefix') ?? ''}`}
        rules={[{ required: true, whitespace: true, message: '请填写发文字号代字' }, { max: 20, message: '不超过 20 个字' }]}>
        <Input data-testid="issuer-prefix" />
      </Form.Item>
      <Form.Item name="office" label="发文机关（红头）" extra={hint('office')} rules={[{ required: true, whitespace: true, message: '请填写发文机关名称' }, { max: 60, message: '不超过 60 个字' }]}>
        <Input data-testid="issuer-office" />
      </Form.Item>
      <Form.Item name="copyTo" label="抄送（可不填）" extra={hint('copyTo')} rules={[{ max: 200, message: '不超过 200 个字' }]}><Input /></Form.Item>
      <Form.Item name="printedBy" label="印发机关" extra={hint('printedBy')} rules={[{ required: true, whitespace: true, message: '请填写印发机关' }, { max: 60, message: '不超过 60 个字' }]}>
        <Input />
      </Form.Item>
    </FormDialog>
  );
}

export function BulletinIssuerButton({ region }: { region?: string }) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  if (!region || !can('report.configure')) return null;
  return (
    <>
      <Button data-testid="bulletin-issuer" onClick={() => setOpen(true)}>通报发文设置</Button>
      {open ? <IssuerDialog region={region} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
