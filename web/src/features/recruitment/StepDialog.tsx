import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { RecruitmentCase, RecruitmentStepInput } from '../../../../src/contracts/recruitment';
import { NOTICE_STAGE_LABELS, RECRUITMENT_STEP_LABELS, REVIEW_RESULT_LABELS, type RecruitmentStep } from '../../../../src/domain/recruitment';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { recordStep, searchCommittees, searchFullMembers } from './api';

/** The form of one step; every step sends the version the case was read at. */
type Values = Record<string, unknown>;
const num = (name: string, label: string, min = 0) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}><InputNumber min={min} max={10000} style={{ width: '100%' }} /></Form.Item>
);
const date = (name: string, label: string) => <Form.Item name={name} label={label} rules={[DATE_RULE]}><Input type="date" data-testid={`step-${name}`} /></Form.Item>;
const member = (name: (string | number)[], label: string, required = true) => (
  <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请选择${label}` }] : []}>
    <RemoteSelect search={searchFullMembers} placeholder="输入姓名搜索（正式党员）" />
  </Form.Item>
);

/** 延长预备期 / 取消预备党员资格: the 支部大会's day and vote, the higher 党委's approval day, the reason. */
const decision = (what: string) => (<>
  {date('meetingOn', `讨论${what}的支部大会日期`)}{num('voting', '应到会有表决权的正式党员人数', 1)}{num('present', '实到有表决权的正式党员人数')}{num('yes', '赞成人数（含书面意见）')}
  {date('on', `上级党委批准${what}日期`)}
  <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea maxLength={500} data-testid="step-reason" /></Form.Item>
</>);

function fields(step: RecruitmentStep) {
  switch (step) {
    case 'talk': return <>{date('on', '谈话日期')}<Form.Item name="talkerName" label="谈话人" rules={[{ required: true, message: '请填写谈话人' }]}><Input maxLength={100} data-testid="step-talkerName" /></Form.Item></>;
    case 'activist': return <>{date('on', '确定为入党积极分子日期')}{member(['mentor1'], '培养联系人')}{member(['mentor2'], '第二名培养联系人（可不填）', false)}</>;
    case 'candidate': return date('on', '列为发展对象日期');
    case 'review': return <>{date('on', '政治审查结论日期')}<Form.Item name="result" label="政审结论" rules={[{ required: true }]}><Select options={Object.entries(REVIEW_RESULT_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item></>;
    case 'training': return <>{date('on', '培训结业日期')}<Form.Item name="days" label="培训天数"><InputNumber min={0} max={366} style={{ width: '100%' }} data-testid="step-days" /></Form.Item><Form.Item name="hours" label="培训学时"><InputNumber min={0} max={2000} style={{ width: '100%' }} data-testid="step-hours" /></Form.Item></>;
    case 'notice': return <><Form.Item name="stage" label="公示类别" rules={[{ required: true }]}><Select options={Object.entries(NOTICE_STAGE_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item>{date('from', '公示开始日期')}{date('to', '公示结束日期')}</>;
    case 'sponsors': return <>{member(['sponsor1'], '入党介绍人（一）')}{member(['sponsor2'], '入党介绍人（二）')}</>;
    case 'meeting': return <>{date('on', '支部大会日期')}{num('voting', '应到会有表决权的正式党员人数', 1)}{num('present', '实到有表决权的正式党员人数')}{num('yes', '赞成人数（含书面意见）')}</>;
    case 'approve': return <>{date('on', '上级党委审批日期')}<Form.Item name="approverOrgId" label="审批党委" extra="只有党委有权审批，党总支、党支部不能审批" rules={[{ required: true, message: '请选择审批党委' }]}><RemoteSelect search={searchCommittees} placeholder="输入名称搜索" /></Form.Item><Form.Item name="extended" valuePropName="checked"><Checkbox>因特殊情况延长审批时间</Checkbox></Form.Item></>;
    case 'extend': return <>{decision('延长预备期')}{num('months', '延长月数（6至12个月）', 6)}</>;
    case 'cancel': return decision('取消预备党员资格');
    case 'confirm': return <>{date('meetingOn', '讨论转正的支部大会日期')}{date('approvedOn', '上级党委批准日期')}{date('on', '转正日期（预备期满之日）')}</>;
    case 'leaving': return <Form.Item name="on" label="预计离开工作单位日期"><Input type="date" /></Form.Item>;
    case 'close': return <>{date('on', '终止日期')}<Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea maxLength={500} /></Form.Item></>;
  }
}

function body(step: RecruitmentStep, v: Values, version: number): RecruitmentStepInput {
  const s = (k: string) => v[k] as string;
  const ids = (...keys: string[]) => keys.map((k) => v[k] as string | undefined).filter((x): x is string => !!x).map((memberId) => ({ memberId }));
  const n = (k: string) => (v[k] == null ? null : Number(v[k]));
  const vote = () => ({ on: s('on'), reason: s('reason'), meetingOn: s('meetingOn'), voting: n('voting')!, present: n('present')!, yes: n('yes')! });
  switch (step) {
    case 'talk': return { step, version, on: s('on'), talkerName: s('talkerName') };
    case 'activist': return { step, version, on: s('on'), mentors: ids('mentor1', 'mentor2') };
    case 'candidate': return { step, version, on: s('on') };
    case 'review': return { step, version, on: s('on'), result: v.result as 'passed' | 'failed' };
    case 'training': return { step, version, on: s('on'), days: n('days'), hours: n('hours') };
    case 'notice': return { step, version, stage: v.stage as 'candidate', from: s('from'), to: s('to') };
    case 'sponsors': return { step, version, sponsors: ids('sponsor1', 'sponsor2') };
    case 'meeting': return { step, version, on: s('on'), voting: n('voting')!, present: n('present')!, yes: n('yes')! };
    case 'approve': return { step, version, on: s('on'), approverOrgId: s('approverOrgId'), extended: !!v.extended };
    case 'extend': return { step, version, ...vote(), months: n('months')! };
    case 'cancel': return { step, version, ...vote() };
    case 'confirm': return { step, version, meetingOn: s('meetingOn'), approvedOn: s('approvedOn'), on: s('on') };
    case 'leaving': return { step, version, on: (v.on as string) || null };
    case 'close': return { step, version, on: s('on'), reason: s('reason') };
  }
}

export function StepDialog({ c, step, onClose, onDone }: { c: RecruitmentCase; step: RecruitmentStep | null; onClose: () => void; onDone: () => void }) {
  const initial: Values = step === 'confirm' || step === 'extend' || step === 'cancel' ? {} : step === 'notice' ? { stage: c.stage === 'probationary' ? 'full' : 'candidate' } : { on: today() };
  return (
    <FormDialog<Values> title={step ? RECRUITMENT_STEP_LABELS[step] : ''} open={!!step} onClose={onClose} onReload={onDone} onDone={onDone} initialValues={initial}
      submit={async (v) => { await recordStep(c.id, body(step!, v, c.version)); return `已登记：${RECRUITMENT_STEP_LABELS[step!]}`; }}>
      {step && fields(step)}
    </FormDialog>
  );
}
