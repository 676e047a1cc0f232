import { ENTERPRISE_FACT_FIELDS, OPERATING_STATUS_LABEL, SIZE_CLASS_LABEL } from '../../../../src/domain/enterprise-facts';
import type { Placement } from '../../../../src/db/tables/foundation';

export { OPERATING_STATUS_LABEL, SIZE_CLASS_LABEL };

export const PLACEMENT_LABEL: Record<Placement, string> = { placed: '已认定', pending: '待认定属地', manual: '人工认定' };

export const IMPORT_STATUS_LABEL = { running: '导入中', completed: '已完成', failed: '失败', dry_run: '试运行' } as const;

const EXTRA_FIELD_LABEL: Record<string, string> = {
  placement: '属地认定', parkId: '所在园区', associationId: '所属行业协会', regionCode: '属地区划', source: '数据来源',
  contactName: '联系人', contactPhone: '联系电话', unionReported: '是否建立工会（企业自报）',
};

const FACT_LABEL: Record<string, string> = Object.fromEntries(ENTERPRISE_FACT_FIELDS.map((f) => [f.key, f.label]));

const camel = (field: string): string => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Chinese label of a changed field, whether the history names it in camelCase or as a column. */
export function fieldLabel(field: string): string {
  const key = camel(field);
  return FACT_LABEL[key] ?? EXTRA_FIELD_LABEL[key] ?? field;
}

export const HISTORY_KIND_LABEL: Record<string, string> = {
  created: '首次导入', updated: '信息变更', placed: '属地认定', status_changed: '登记状态变化', manual: '人工修改', corrected: '信息更正',
};

/** A history value for people: statuses and sizes in Chinese, booleans as 是/否, empty as —. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = camel(field);
  if (key === 'operatingStatus' && typeof value === 'string') return OPERATING_STATUS_LABEL[value as keyof typeof OPERATING_STATUS_LABEL] ?? value;
  if (key === 'sizeClass' && typeof value === 'string') return SIZE_CLASS_LABEL[value as keyof typeof SIZE_CLASS_LABEL] ?? value;
  if (key === 'placement' && typeof value === 'string') return PLACEMENT_LABEL[value as Placement] ?? value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
