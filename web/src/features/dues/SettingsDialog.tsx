import { Descriptions, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import type { DuesSettingsView } from '../../../../src/contracts/dues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { FormDialog } from '../orgs/ui';
import { getDuesSettings, saveDuesSettings } from './api';

/**
 * 党费本地设置: the share of what an organisation collected that is returned to the enterprise
 * organisation (a local ratio, as a percentage) and how a changed basis is recomputed. Changed only
 * by the organisation department over the whole jurisdiction (the server decides; the page offers the
 * entry only to them, and shows the values read-only to anyone else who reaches it).
 */
type Values = { percent: number; recalcMode: DuesSettingsView['recalcMode'] };
const MODES = [{ value: 'onChange', label: '按变动重新核定' }, { value: 'yearly', label: '每年核定一次（自1月起）' }] as const;

export function SettingsDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const settings = useAsync(() => (open ? getDuesSettings() : Promise.resolve(undefined)), [open]);
  const s = settings.data;
  if (!open) return null;
  if (s && !s.canChange) {
    return (
      <Modal open title="党费本地设置" footer={null} onCancel={onClose}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="党费返还比例">{s.returnRatioBp / 100}%</Descriptions.Item>
          <Descriptions.Item label="重新核定方式">{MODES.find((m) => m.value === s.recalcMode)?.label}</Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">由全辖区的组织部门设置。</Typography.Text>
      </Modal>
    );
  }
  return (
    <FormDialog<Values> key={s?.version ?? -1} title="党费本地设置" open onClose={onClose} onDone={onDone}
      initialValues={s ? { percent: s.returnRatioBp / 100, recalcMode: s.recalcMode } : undefined}
      submit={async (v) => {
        await saveDuesSettings({ returnRatioBp: Math.round(v.percent * 100), recalcMode: v.recalcMode, version: s?.version ?? 0 });
        return '已保存党费本地设置';
      }}>
      <ErrorAlert error={settings.error} style={{ marginBottom: 12 }} />
      <Form.Item name="percent" label="党费返还比例（返还给企业党组织，%）" extra="按各党组织当月实交党费计算，四舍五入到分。"
        rules={[{ required: true, message: '请填写返还比例' }]}>
        <InputNumber min={0} max={100} precision={2} addonAfter="%" style={{ width: 160 }} data-testid="dues-settings-ratio" />
      </Form.Item>
      <Form.Item name="recalcMode" label="交纳基数重新核定方式" rules={[{ required: true, message: '请选择' }]}>
        <Radio.Group options={MODES.map((m) => ({ ...m }))} data-testid="dues-settings-mode" />
      </Form.Item>
    </FormDialog>
  );
}
