import { useState } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { SurveyCampaign, SurveyCreate } from '../../../../src/contracts/survey';
import { SURVEY_FACTS, SURVEY_FACT_LABEL, SURVEY_FACT_TYPE, SURVEY_FIELD_TYPES, SURVEY_FIELD_TYPE_LABEL, type SurveyFieldType } from '../../../../src/domain/survey';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { useAuth } from '../../app/auth';
import { createSurvey } from './api';

type FieldRow = { label: string; type: SurveyFieldType; required?: boolean; options?: string; fact?: string | null };
type Values = { name: string; intro?: string; closesOn: Dayjs; region: string; coverageStatus?: string; sizeClass?: string; industry?: string; fields: FieldRow[] };

const COVERAGE = [
  ['gap', '空白点'], ['workOnly', '工作覆盖'], ['standalone', '单独组建'], ['joint', '联合组建'], ['attached', '挂靠组建'], ['dispatched', '派员组建'],
] as const;
const DEFAULT_FIELDS: FieldRow[] = SURVEY_FACTS.map((f) => ({ label: SURVEY_FACT_LABEL[f], type: SURVEY_FACT_TYPE[f], fact: f, required: f === 'employeeCount' }));

/** 发起排查摸底: the form (fields typed, some mapped to ledger facts) and which enterprises receive it. */
export function SurveyCreateDialog({ onClose, onCreated }: { onClose(): void; onCreated(c: SurveyCampaign): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Opens on the designer's own area (the district), which is what a campaign usually covers.
  const home = useAuth().me?.areas?.[0]?.prefix;
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body: SurveyCreate = {
        name: v.name, intro: v.intro || null, closesOn: v.closesOn.format('YYYY-MM-DD'),
        filter: { regionPrefix: regionPrefix(v.region), coverageStatus: v.coverageStatus as never, sizeClass: v.sizeClass as never, industry: v.industry || undefined },
        fields: v.fields.map((f, i) => ({
          key: `f${i + 1}`, label: f.label, type: f.type, required: !!f.required, fact: (f.fact || null) as never,
          options: f.type === 'choice' ? (f.options ?? '').split(/[,，、\s]+/).filter(Boolean) : undefined,
        })),
      };
      onCreated(await createSurvey(body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="发起排查摸底" width={760} onCancel={onClose} okText="发起并生成填报链接" confirmLoading={busy} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'survey-create-ok' } as never}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ fields: DEFAULT_FIELDS, closesOn: dayjs().add(30, 'day'), region: home ? home.padEnd(12, '0') : undefined }}>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="如：2026年度两新组织排查摸底" data-testid="survey-name" /></Form.Item>
        <Form.Item name="intro" label="填报说明"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Space wrap>
          <Form.Item name="region" label="填报范围（区划）" rules={[{ required: true, message: '请选择区划' }]}><RegionSelect style={{ width: 260 }} data-testid="survey-region" onChange={() => undefined} /></Form.Item>
          <Form.Item name="closesOn" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}><DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} /></Form.Item>
          <Form.Item name="coverageStatus" label="覆盖情况"><Select allowClear style={{ width: 140 }} placeholder="全部" options={COVERAGE.map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="sizeClass" label="企业规模"><Select allowClear style={{ width: 110 }} placeholder="全部" options={[['large', '大型'], ['medium', '中型'], ['small', '小型'], ['micro', '微型']].map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="industry" label="所属行业"><Input style={{ width: 160 }} placeholder="全部" /></Form.Item>
        </Space>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <Space key={item.key} align="baseline" wrap>
                  <Form.Item name={[item.name, 'label']} rules={[{ required: true, message: '请填写题目' }]}><Input placeholder="题目" style={{ width: 180 }} /></Form.Item>
                  <Form.Item name={[item.name, 'type']}><Select style={{ width: 90 }} options={SURVEY_FIELD_TYPES.map((t) => ({ value: t, label: SURVEY_FIELD_TYPE_LABEL[t] }))} /></Form.Item>
                  <Form.Item name={[item.name, 'fact']}><Select allowClear style={{ width: 170 }} placeholder="不对应台账"
                    options={SURVEY_FACTS.map((f) => ({ value: f, label: `对应台账：${SURVEY_FACT_LABEL[f]}` }))} /></Form.Item>
                  <Form.Item name={[item.name, 'options']}><Input placeholder="选项，用逗号分隔（单选）" style={{ width: 170 }} /></Form.Item>
                  <Form.Item name={[item.name, 'required']} valuePropName="checked"><Checkbox>必填</Checkbox></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除此项" />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ type: 'text' })} icon={<PlusOutlined />}>增加填报项</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
