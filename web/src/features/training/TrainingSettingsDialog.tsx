import { Descriptions, Form, InputNumber, Modal, Typography } from 'antd';
import type { TrainingSettingsInput } from '../../../../src/contracts/training-settings';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { FormDialog } from '../orgs/ui';
import { getTrainingSettings, saveTrainingSettings } from './api';

/**
 * 培训和党建保障设置: the yearly 学时 of a 党组织书记 (default 56) and the share of payroll an
 * enterprise may book as its Party organisation's expense (default 1%). Changed only by the
 * organisation department over the whole jurisdiction (the server decides); others read them.
 */
type Values = { secretaryHours: number; ratioPercent: number };

export function TrainingSettingsDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const settings = useAsync(() => (open ? getTrainingSettings() : Promise.resolve(undefined)), [open]);
  const s = settings.data;
  if (!open) return null;
  const since = s?.changedOn ? `（${s.changedOn}起执行）` : '（默认值）';
  if (s && !s.canChange) {
    return (
      <Modal open title="培训和党建保障设置" footer={null} onCancel={onClose}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="党组织书记年度培训">每年不少于{s.secretaryHours}学时{since}</Descriptions.Item>
          <Descriptions.Item label="党组织工作经费列支上限">职工年度工资薪金总额的{s.expenseRatioBp / 100}%</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>依据：{s.sources.secretaryHours}；{s.sources.expenseRatio}。由全辖区的组织部门设置。</Typography.Paragraph>
      </Modal>
    );
  }
  return (
    <FormDialog<Values> key={s?.version ?? -1} title={`培训和党建保障设置${s ? since : ''}`} open onClose={onClose} onDone={onDone} onReload={settings.reload}
      initialValues={s ? { secretaryHours: s.secretaryHours, ratioPercent: s.expenseRatioBp / 100 } : undefined}
      submit={async (v) => {
        const input: TrainingSettingsInput = { version: s?.version ?? 0, secretaryHours: v.secretaryHours, expenseRatioBp: Math.round(v.ratioPercent * 100) };
        await saveTrainingSettings(input);
        return '已保存培训和党建保障设置';
      }}>
      <ErrorAlert error={settings.error} style={{ marginBottom: 12 }} />
      <Form.Item name="secretaryHours" label="党组织书记和班子成员每年集中培训不少于" extra={s ? `默认${s.defaults.secretaryHours}学时。依据：${s.sources.secretaryHours}` : undefined} rules={[{ required: true, message: '请填写学时' }]}>
        <InputNumber min={1} max={200} precision={0} addonAfter="学时" style={{ width: 160 }} data-testid="training-settings-hours" />
      </Form.Item>
      <Form.Item name="ratioPercent" label="党组织工作经费可列支管理费的比例（占职工年度工资薪金总额）" extra={s ? `默认${s.defaults.expenseRatioBp / 100}%。依据：${s.sources.expenseRatio}` : undefined} rules={[{ required: true, message: '请填写比例' }]}>
        <InputNumber min={0.01} max={10} precision={2} step={0.1} addonAfter="%" style={{ width: 160 }} data-testid="training-settings-ratio" />
      </Form.Item>
    </FormDialog>
  );
}
