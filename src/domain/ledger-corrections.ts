import type { EnterpriseFactKey } from './enterprise-facts.js';

/**
 * Ledger facts a person may correct (by hand, source 'manual', or by accepting a survey answer,
 * source 'survey'); issue 17 item 5, docs/surveys.md. The first group are registration facts an
 * import also writes, so a correction is remembered against the source's value (import-keep); the
 * second are facts no registration file carries (the enterprise's contact, its own union report).
 */
export const CORRECTABLE_IMPORT_FACTS = [
  'ownershipType', 'address', 'employeeCount', 'industry', 'sizeClass', 'memberCount', 'ownerProfile', 'operatingStatus',
] as const satisfies readonly EnterpriseFactKey[];
export type CorrectableImportFact = (typeof CORRECTABLE_IMPORT_FACTS)[number];

export const CONTACT_FACTS = ['contactName', 'contactPhone', 'unionReported'] as const;
export type ContactFact = (typeof CONTACT_FACTS)[number];

export const CORRECTABLE_FACTS = [...CORRECTABLE_IMPORT_FACTS, ...CONTACT_FACTS] as const;
export type CorrectableFact = (typeof CORRECTABLE_FACTS)[number];

export const isCorrectableFact = (v: string): v is CorrectableFact => (CORRECTABLE_FACTS as readonly string[]).includes(v);
export const isImportFact = (v: string): v is CorrectableImportFact => (CORRECTABLE_IMPORT_FACTS as readonly string[]).includes(v);

/** How people name each fact (the ledger's own export headers where there is one). */
export const CORRECTABLE_FACT_LABEL: Record<CorrectableFact, string> = {
  ownershipType: '企业类型',
  address: '住所',
  employeeCount: '从业人数',
  industry: '所属行业',
  sizeClass: '企业规模',
  memberCount: '党员人数',
  ownerProfile: '业主身份',
  operatingStatus: '登记状态',
  contactName: '联系人',
  contactPhone: '联系电话',
  unionReported: '是否建立工会',
};

/** The value kind of each fact: what an answer or a correction must parse to. */
export const CORRECTABLE_FACT_TYPE: Record<CorrectableFact, 'text' | 'number' | 'yesNo' | 'choice'> = {
  ownershipType: 'text', address: 'text', employeeCount: 'number', industry: 'text', sizeClass: 'choice',
  memberCount: 'number', ownerProfile: 'text', operatingStatus: 'choice', contactName: 'text', contactPhone: 'text',
  unionReported: 'yesNo',
};

/** Where a change to the ledger came from, as the enterprise's history shows it. */
export type ChangeSource = 'import' | 'manual' | 'survey' | 'placement';
export const CHANGE_SOURCE_LABEL: Record<ChangeSource, string> = {
  import: '登记注册数据导入', manual: '人工更正', survey: '排查摸底', placement: '认定属地',
};

/** Facts that are personal data: stored sealed, shown masked, never in history or audit in clear. */
export const PERSONAL_FACTS: readonly CorrectableFact[] = ['contactPhone'];

const SIZE_VALUES: Record<string, string> = { large: 'large', medium: 'medium', small: 'small', micro: 'micro', 大型: 'large', 中型: 'medium', 小型: 'small', 微型: 'micro' };
const STATUS_VALUES: Record<string, string> = {
  active: 'active', suspended: 'suspended', deregistered: 'deregistered', revoked: 'revoked', moved_out: 'moved_out',
  存续: 'active', 在营: 'active', '存续（在营）': 'active', 歇业: 'suspended', 注销: 'deregistered', 吊销: 'revoked', 迁出: 'moved_out',
};
const TEXT_LIMIT: Partial<Record<CorrectableFact, number>> = { address: 500, ownershipType: 100, industry: 100, ownerProfile: 100, contactName: 50 };

export type FactValue = string | number | boolean | null;
export type ParsedFact = { ok: true; value: FactValue } | { ok: false; message: string };

/**
 * One fact's value from a form or a request (text from a phone, or the JSON type), normalised the
 * way the ledger stores it; the message says what is wrong in the words of the field.
 */
export function parseFactValue(fact: CorrectableFact, raw: unknown): ParsedFact {
  const label = CORRECTABLE_FACT_LABEL[fact];
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : raw;
  if (text === null || text === undefined || text === '') {
    return fact === 'operatingStatus' ? { ok: false, message: `${label}不能为空` } : { ok: true, value: null };
  }
  switch (CORRECTABLE_FACT_TYPE[fact]) {
    case 'number': {
      const s = String(text).replace(/[,，]/g, '').replace(/人$/, '');
      if (!/^\d{1,7}$/.test(s)) return { ok: false, message: `${label}应为不小于0的整数，如“35”` };
      return { ok: true, value: Number(s) };
    }
    case 'yesNo': {
      if (text === true || text === '是' || text === 'true') return { ok: true, value: true };
      if (text === false || text === '否' || text === 'false') return { ok: true, value: false };
      return { ok: false, message: `${label}应为“是”或“否”` };
    }
    case 'choice': {
      const v = (fact === 'sizeClass' ? SIZE_VALUES : STATUS_VALUES)[String(text)];
      return v ? { ok: true, value: v } : { ok: false, message: `${label}“${String(text)}”不是可选的值` };
    }
    default: {
      if (typeof text !== 'string') return { ok: false, message: `${label}应为文字` };
      if (fact === 'contactPhone') {
        const phone = text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-()（）]/g, '');
        return /^\+?\d{5,20}$/.test(phone) ? { ok: true, value: phone } : { ok: false, message: '联系电话应为手机号或固定电话号码' };
      }
      const limit = TEXT_LIMIT[fact] ?? 200;
      return [...text].length > limit ? { ok: false, message: `${label}不超过${limit}个字` } : { ok: true, value: text };
    }
  }
}

/** A value as people read it (是/否, 大型, 存续（在营）); personal values arrive already masked. */
export function factValueText(fact: CorrectableFact, v: FactValue): string {
  if (v === null || v === undefined) return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (fact === 'sizeClass') return ({ large: '大型', medium: '中型', small: '小型', micro: '微型' } as Record<string, string>)[String(v)] ?? String(v);
  if (fact === 'operatingStatus') {
    return ({ active: '存续（在营）', suspended: '歇业', deregistered: '注销', revoked: '吊销', moved_out: '迁出' } as Record<string, string>)[String(v)] ?? String(v);
  }
  return String(v);
}
