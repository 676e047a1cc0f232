import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { BargainingStep } from '../../../../src/contracts/bargaining';
import { CONTRACT_KIND_LABELS, REQUESTED_BY_LABELS } from '../../../../src/domain/rules/bargaining';
import { DATE_RULE, FormDialog, today } from '../orgs/ui';
import { createRound, recordStep, type BargainingRound } from './bargaining-api';

export type StepKind = BargainingStep['step'] | 'request';
export const STEP_LABELS: Record<StepKind, string> = {
  request: '发出协商要约', reply: '登记书面答复', session: '登记协商会议', vote: '登记草案表决', sign: '登记签订', file: '登记报送审查', objection: '登记审查异议',
};
type Values = Record<string, string | number | boolean | undefined>;
const opts = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const date = (name: string, label: string) => <Form.Item name={name} label={label} rules={[DATE_RULE]}><Input type="date" max={today()} /></Form.Item>;
const count = (name: string, label: string) => <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>;

/**
 * One step of a round at the version the card read (a 409 offers to reload), or a new round's 要约.
 * The server judges the dates (none to come, none before the previous step) and says so in Chinese.
 */
export function BargainingStepDialog({ unionId, round, step, onClose, onDone, onReload }: {
  unionId: string; round: BargainingRound | null; step: StepKind | null; onClose(): void; onDone(): void; onReload(): void;
}) {
  const submit = async (v: Values) => {
    const s = (k: string) => (v[k] === undefined || v[k] === '' ? undefined : String(v[k]));
    const n = (k: string) => Number(v[k] ?? 0);
    if (step === 'request') {
      await createRound(unionId, { contractKind: v.contractKind as 'collective', requestedOn: s('requestedOn')!, requestedBy: v.requestedBy as 'union', notes: s('notes') ?? null, restart: Boolean(v.restart) });
      return '已登记协商要约';
    }
    const version = round!.version;
    const body: BargainingStep | null =
      step === 'reply' ? { step, version, repliedOn: s('repliedOn')! }
        : step === 'session' ? { step, version, heldOn: s('heldOn')!, notes: s('notes') ?? null }
          : step === 'vote' ? { step, version, heldOn: s('heldOn')!, representatives: n('representatives'), present: n('present'), yes: n('yes') }
            : step === 'sign' ? { step, version, signedOn: s('signedOn')!, startsOn: s('startsOn')!, endsOn: s('endsOn')! }
              : step === 'file' ? { step, version, filedOn: s('filedOn')! }
                : step === 'objection' ? { step, version, objectionOn: s('objectionOn')!, notes: s('notes') ?? '' } : null;
    if (body) await recordStep(round!.id, body);
    return '已保存';
  };
  return (
    <FormDialog<Values> title={step ? STEP_LABELS[step] : ''} open={!!step} onClose={onClose} submit={submit} onDone={onDone} onReload={onReload}
      initialValues={step === 'request' ? { contractKind: 'collective', requestedBy: 'union' } : {}}>
      {step === 'request' && <>
        <Form.Item name="contractKind" label="合同类别" rules={[{ required: true }]}><Select options={opts(CONTRACT_KIND_LABELS)} /></Form.Item>
        <Form.Item name="requestedBy" label="提出方" rules={[{ required: true }]}><Select options={opts(REQUESTED_BY_LABELS)} /></Form.Item>
        {date('requestedOn', '要约日期')}
        <Form.Item name="notes" label="说明"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="restart" valuePropName="checked"><Checkbox>上一轮同类协商未签订即终止，重新要约</Checkbox></Form.Item>
      </>}
      {step === 'reply' && date('repliedOn', '书面答复日期')}
      {step === 'session' && <>{date('heldOn', '协商会议日期')}<Form.Item name="notes" label="协商内容"><Input.TextArea rows={3} maxLength={2000} /></Form.Item></>}
      {step === 'vote' && <>
        {date('heldOn', '职代会（职工大会）审议日期')}
        {count('representatives', '全体职工代表（职工）人数')}{count('present', '实到人数')}{count('yes', '同意人数')}
      </>}
      {step === 'sign' && <>{date('signedOn', '签订日期')}{date('startsOn', '合同起始日')}
        <Form.Item name="endsOn" label="合同期满日" rules={[DATE_RULE]}><Input type="date" /></Form.Item></>}
      {step === 'file' && date('filedOn', '劳动行政部门收到文本日期')}
      {step === 'objection' && <>{date('objectionOn', '提出异议日期')}
        <Form.Item name="notes" label="审查意见" rules={[{ required: true, message: '请填写审查意见' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item></>}
    </FormDialog>
  );
}
