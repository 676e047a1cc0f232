import { Form, Input, InputNumber, Select } from 'antd';
import { DEFAULT_THRESHOLDS, METRIC_IDS, metricDefs } from '../../../../src/domain/metrics';
import { DATE_RULE, FormDialog } from '../orgs/ui';
import { createTarget, updateTarget, withdrawTarget, type CampaignTarget } from './targets-api';

/** Setting (no `target`) or changing a campaign target; the version read goes with the change. */
const DEFS = metricDefs(DEFAULT_THRESHOLDS);
const METRIC_OPTIONS = METRIC_IDS.map((id) => ({ value: id, label: DEFS[id].label }));

type Values = { metric: string; targetRate: number; deadline: string; title?: string; note?: string };

export function TargetFormDialog({ region, regionName, target, open, onClose, onDone, onReload }: {
  region: string; regionName: string; target?: CampaignTarget; open: boolean; onClose(): void; onDone(): void; onReload(): void;
}) {
  const submit = async (v: Values) => {
    if (!target) {
      await createTarget({ region, metric: v.metric, targetRate: v.targetRate, deadline: v.deadline, title: v.title?.trim() || undefined, note: v.note?.trim() || undefined });
      return '已设定工作目标';
    }
    await updateTarget(target.id, { version: target.version, targetRate: v.targetRate, deadline: v.deadline, title: v.title?.trim() || undefined, note: v.note?.trim() || null });
    return '已保存修改';
  };
  const initial: Partial<Values> = target
    ? { metric: target.metric, targetRate: target.targetRate, deadline: target.deadline, title: target.title, note: target.note ?? undefined }
    : { metric: 'twoCoverage', targetRate: 100 };
  return (
    <FormDialog<Values> title={target ? '修改工作目标' : `为${regionName}设定工作目标`} open={open} onClose={onClose} submit={submit} onDone={onDone}
      initialValues={initial} onReload={onReload}>
      <Form.Item name="metric" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
        <Select options={METRIC_OPTIONS} disabled={!!target} data-testid="target-metric" />
      </Form.Item>
      <Form.Item name="targetRate" label="目标值（%）" rules={[{ required: true, message: '请填写目标值' }]}>
        <InputNumber min={0} max={100} step={0.1} precision={1} style={{ width: 160 }} data-testid="target-rate" />
      </Form.Item>
      <Form.Item name="deadline" label="完成期限" rules={[DATE_RULE]}><Input type="date" data-testid="target-deadline" /></Form.Item>
      <Form.Item name="title" label="目标名称（不填则按指标和目标值生成）" rules={[{ max: 100, message: '不超过 100 个字' }]}><Input data-testid="target-title" /></Form.Item>
      <Form.Item name="note" label="说明" rules={[{ max: 500, message: '不超过 500 个字' }]}><Input.TextArea rows={2} /></Form.Item>
    </FormDialog>
  );
}

export function WithdrawTargetDialog({ target, open, onClose, onDone, onReload }: {
  target: CampaignTarget; open: boolean; onClose(): void; onDone(): void; onReload(): void;
}) {
  const submit = async (v: { reason: string }) => {
    await withdrawTarget(target.id, { version: target.version, reason: v.reason });
    return '已撤回工作目标';
  };
  return (
    <FormDialog<{ reason: string }> title={`撤回“${target.title}”`} open={open} onClose={onClose} submit={submit} onDone={onDone} onReload={onReload}>
      <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }, { max: 500, message: '不超过 500 个字' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormDialog>
  );
}
