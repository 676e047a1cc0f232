import { Descriptions, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { FREQUENCY_LABELS } from '../../../../src/domain/rules/life-catalogue';
import { apiGet, apiPut } from '../../api/client';
import type { LifeSettings, LifeSettingsInput } from '../../../../src/contracts/life-settings';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { FormDialog } from '../orgs/ui';

/**
 * 组织生活设置: how often a 党支部 holds a 党课 (practice, default each quarter) and after how many
 * months without any meeting it counts as 不活跃 (default 6). Changed only by the organisation
 * department over the whole jurisdiction (the server decides); anyone else sees them read-only.
 */
type Values = Omit<LifeSettingsInput, 'version'>;
const FREQ = (['month', 'quarter', 'halfYear', 'year'] as const).map((value) => ({ value, label: FREQUENCY_LABELS[value] }));

export function LifeSettingsDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const settings = useAsync(() => (open ? apiGet<LifeSettings>('/api/life/settings') : Promise.resolve(undefined)), [open]);
  const s = settings.data;
  if (!open) return null;
  if (s && !s.canChange) {
    return (
      <Modal open title="组织生活设置" footer={null} onCancel={onClose}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="党支部党课">{FREQUENCY_LABELS[s.partyLessonEvery]}至少一次</Descriptions.Item>
          <Descriptions.Item label="不活跃">连续{s.dormantMonths}个月未开展任何组织生活</Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">依据：{s.source}。由全辖区的组织部门设置。</Typography.Text>
      </Modal>
    );
  }
  return (
    <FormDialog<Values> key={s?.version ?? -1} title="组织生活设置" open onClose={onClose} onDone={onDone} onReload={settings.reload}
      initialValues={s ? { partyLessonEvery: s.partyLessonEvery, dormantMonths: s.dormantMonths } : undefined}
      submit={async (v) => {
        await apiPut<LifeSettings>('/api/life/settings', { ...v, version: s?.version ?? 0 });
        return '已保存组织生活设置';
      }}>
      <ErrorAlert error={settings.error} style={{ marginBottom: 12 }} />
      <Form.Item name="partyLessonEvery" label="党支部党课频次" extra="《中国共产党支部工作条例（试行）》只规定党委（党组）书记每年至少讲一次党课；党支部按季度上党课是通行做法，可按本地要求调整。"
        rules={[{ required: true, message: '请选择' }]}>
        <Radio.Group options={FREQ} data-testid="life-settings-lesson" />
      </Form.Item>
      <Form.Item name="dormantMonths" label="连续多少个月未开展任何组织生活视为不活跃" rules={[{ required: true, message: '请填写月数' }]}>
        <InputNumber min={3} max={24} precision={0} addonAfter="个月" style={{ width: 160 }} data-testid="life-settings-dormant" />
      </Form.Item>
    </FormDialog>
  );
}
