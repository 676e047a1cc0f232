import { useMemo } from 'react';
import { App, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import qrcode from 'qrcode-generator';
import type { SurveyTarget } from '../../../../src/contracts/survey';
import { errorMessage } from '../../ui/ErrorAlert';
import { changeLink } from './api';

/** One enterprise's signed link as text and QR code (to send or print); 停用 / 重新生成 retire it at once. */
export function LinkDialog({ campaignId, target, onClose, onChanged }: { campaignId: string; target: SurveyTarget; onClose(): void; onChanged(): void }) {
  const { message } = App.useApp();
  const svg = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(target.url ?? '');
    qr.make();
    return qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
  }, [target.url]);
  const act = async (how: 'revoke' | 'renew') => {
    try { await changeLink(campaignId, target.id, how, target.version); onChanged(); } catch (e) { message.error(errorMessage(e)); }
  };
  return (
    <Modal open title={`${target.enterpriseName} · 填报链接`} onCancel={onClose} footer={target.actionable && (
      <Space>
        <Popconfirm title="停用后该链接即时失效，确定？" onConfirm={() => void act('revoke')}><Button danger>停用链接</Button></Popconfirm>
        <Popconfirm title="重新生成后旧链接即时失效，确定？" onConfirm={() => void act('renew')}><Button>重新生成</Button></Popconfirm>
      </Space>
    )}>
      <div style={{ width: 220, margin: '0 auto' }} dangerouslySetInnerHTML={{ __html: svg }} aria-label="填报二维码" />
      <Typography.Paragraph copyable={{ text: target.url ?? '' }} style={{ wordBreak: 'break-all' }} data-testid="survey-link-url">{target.url}</Typography.Paragraph>
      <Typography.Text type="secondary">企业用手机扫码或打开链接即可填报，无需登录；一家企业一个链接，请勿转发给其他单位。</Typography.Text>
    </Modal>
  );
}
