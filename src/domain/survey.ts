import { CORRECTABLE_FACT_LABEL, parseFactValue, type FactValue } from './ledger-corrections.js';

/**
 * 排查摸底 survey campaigns (issue 17 item 5; docs/surveys.md): the form's field types, the ledger
 * facts a field may be mapped to, and the validation of one answer — shared by the API, the public
 * page and the officer's review.
 */
export const SURVEY_FIELD_TYPES = ['text', 'number', 'date', 'yesNo', 'choice'] as const;
export type SurveyFieldType = (typeof SURVEY_FIELD_TYPES)[number];
export const SURVEY_FIELD_TYPE_LABEL: Record<SurveyFieldType, string> = {
  text: '文字', number: '数字', date: '日期', yesNo: '是/否', choice: '单选',
};

/** The ledger facts a field may carry an answer into (as a proposed change), with the type it implies. */
export const SURVEY_FACTS = ['employeeCount', 'memberCount', 'unionReported', 'contactName', 'contactPhone'] as const;
export type SurveyFact = (typeof SURVEY_FACTS)[number];
export const SURVEY_FACT_TYPE: Record<SurveyFact, SurveyFieldType> = {
  employeeCount: 'number', memberCount: 'number', unionReported: 'yesNo', contactName: 'text', contactPhone: 'text',
};
/** The words of the form (从业人员数 rather than the ledger's 从业人数 header). */
export const SURVEY_FACT_LABEL: Record<SurveyFact, string> = {
  employeeCount: '从业人员数', memberCount: '党员人数', unionReported: '是否建立工会', contactName: '联系人', contactPhone: '联系电话',
};

export type SurveyField = {
  key: string;
  label: string;
  type: SurveyFieldType;
  required: boolean;
  options?: string[];
  fact?: SurveyFact | null;
};

export const SURVEY_TARGET_STATES = ['sent', 'answered', 'reviewed'] as const;
export type SurveyTargetState = (typeof SURVEY_TARGET_STATES)[number];
export const SURVEY_TARGET_STATE_LABEL: Record<SurveyTargetState, string> = { sent: '未填报', answered: '已填报待处理', reviewed: '已处理' };

export const SURVEY_ANSWER_STATE_LABEL = {
  info: '仅供参考', same: '与台账一致', proposed: '待处理', accepted: '已采纳', rejected: '未采纳',
} as const;

/** Per address per hour and per link per day: enough for a person correcting a typo, not for a script. */
export const SURVEY_LIMITS = { perIpPerHour: 60, perLinkPerDay: 20 } as const;

/** The form's own consistency: unique keys, options for a choice, a mapped field typed as its fact. */
export function checkFields(fields: readonly SurveyField[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  const facts = new Set<string>();
  fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (seen.has(f.key)) problems.push({ field: `${at}.key`, message: `第${i + 1}项的编号与前面的重复` });
    seen.add(f.key);
    if (f.type === 'choice' && !(f.options?.length && f.options.length >= 2)) problems.push({ field: `${at}.options`, message: `第${i + 1}项“${f.label}”是单选，请至少给出两个选项` });
    if (f.options && new Set(f.options).size !== f.options.length) problems.push({ field: `${at}.options`, message: `第${i + 1}项“${f.label}”的选项有重复` });
    if (f.fact) {
      if (facts.has(f.fact)) problems.push({ field: `${at}.fact`, message: `“${SURVEY_FACT_LABEL[f.fact]}”只能对应一个填报项` });
      facts.add(f.fact);
      if (SURVEY_FACT_TYPE[f.fact] !== f.type) {
        problems.push({ field: `${at}.type`, message: `第${i + 1}项对应台账“${SURVEY_FACT_LABEL[f.fact]}”，类型应为“${SURVEY_FIELD_TYPE_LABEL[SURVEY_FACT_TYPE[f.fact]]}”` });
      }
    }
  });
  return problems;
}

export type AnswerCheck = { ok: true; value: FactValue } | { ok: false; message: string };

/** One answer as typed on the phone → the stored value, or the reason in the field's own words. */
export function checkAnswer(field: SurveyField, raw: string | null | undefined, today: string): AnswerCheck {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return field.required ? { ok: false, message: `请填写“${field.label}”` } : { ok: true, value: null };
  if (field.fact) {
    const p = parseFactValue(field.fact, text);
    return p.ok ? p : { ok: false, message: p.message.replace(CORRECTABLE_FACT_LABEL[field.fact], field.label) };
  }
  switch (field.type) {
    case 'number':
      return /^-?\d{1,9}(\.\d{1,4})?$/.test(text.replace(/[,，]/g, '')) ? { ok: true, value: Number(text.replace(/[,，]/g, '')) } : { ok: false, message: `“${field.label}”应为数字` };
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
      const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
      const d = new Date(`${iso}T00:00:00Z`);
      if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { ok: false, message: `“${field.label}”应为日期，如 2026-03-01` };
      return iso > today ? { ok: false, message: `“${field.label}”不能晚于今天` } : { ok: true, value: iso };
    }
    case 'yesNo':
      return text === '是' || text === '否' ? { ok: true, value: text === '是' } : { ok: false, message: `“${field.label}”请选择“是”或“否”` };
    case 'choice':
      return field.options?.includes(text) ? { ok: true, value: text } : { ok: false, message: `“${field.label}”请从选项中选择` };
    default:
      return [...text].length > 500 ? { ok: false, message: `“${field.label}”不超过500个字` } : { ok: true, value: text };
  }
}
