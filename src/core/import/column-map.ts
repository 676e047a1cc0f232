import { ENTERPRISE_FACT_FIELDS, type EnterpriseFactKey } from '../../domain/enterprise-facts.js';
import { toHalfWidth } from '../../domain/normalize.js';

/**
 * Chinese header spellings → EnterpriseFactKey. Headers are compared by a key that ignores
 * spaces, width, required-markers ("*") and anything in brackets, so "注册资本（万元）",
 * "注册资本(万元)" and "注册资本" are one header. Every ENTERPRISE_FACT_FIELDS label maps back to
 * its key, so an exported ledger imports unchanged. docs/import.md lists the table.
 */

/** A user's correction, saved per source: file header text → fact, or 'ignore'. */
export type ColumnMapping = Record<string, EnterpriseFactKey | 'ignore'>;

export const HEADER_SYNONYMS: Record<EnterpriseFactKey, readonly string[]> = {
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '统一代码', '统一社会信用代码/注册号', '注册号/统一社会信用代码', 'uscc'],
  name: ['企业名称', '名称', '市场主体名称', '主体名称', '单位名称', '公司名称', '机构名称', '组织名称', '企业名称/字号'],
  ownershipType: ['企业类型', '类型', '市场主体类型', '主体类型', '企业性质', '经济类型', '经济性质', '登记注册类型', '公司类型'],
  legalRepresentative: ['法定代表人', '负责人', '法定代表人/负责人', '法人', '法人代表', '经营者', '投资人', '执行事务合伙人', '法定代表人/经营者'],
  foundedOn: ['成立日期', '成立时间', '注册日期', '设立日期', '开业日期', '成立日'],
  operatingStatus: ['登记状态', '经营状态', '企业状态', '企业登记状态', '状态', '存续状态', '经营状况', '营业状态'],
  address: ['住所', '经营场所', '住所/经营场所', '地址', '注册地址', '企业地址', '经营地址', '经营地点', '住所地', '实际经营地址', '办公地址'],
  employeeCount: ['从业人数', '从业人员', '从业人员数', '从业人员人数', '职工人数', '职工数', '员工人数', '年末从业人员', '从业人员期末人数'],
  registeredCapital: ['注册资本', '注册资金', '出资额', '出资数额', '资金数额'],
  industry: ['所属行业', '行业', '行业门类', '行业分类', '国民经济行业', '国民经济行业分类', '所属行业门类'],
  sizeClass: ['企业规模', '规模', '企业规模类型', '规模类型'],
  aboveDesignatedSize: ['是否规模以上', '规模以上', '是否规上', '规上企业', '是否规上企业', '是否规模以上企业'],
  memberCount: ['党员人数', '党员数', '党员数量'],
  ownerProfile: ['业主身份', '出资人身份', '业主政治身份'],
  regionCode: ['属地区划代码', '区划代码', '行政区划代码', '统计用区划代码', '所属区划代码'],
  parkName: ['所在园区', '园区', '所属园区', '园区名称'],
  associationName: ['所属行业协会', '行业协会', '所属商会', '商会', '所属协会', '协会'],
};

const BRACKETED = /[(（【\[][^)）】\]]*[)）】\]]/g;
const NOISE = /[\s*＊※:：]/g;

/** The comparison key of a header cell (exported so saved mappings compare the same way). */
export function headerKey(header: string): string {
  return toHalfWidth(header).replace(BRACKETED, '').replace(NOISE, '').toLowerCase();
}

const KNOWN = new Map<string, EnterpriseFactKey>();
for (const [key, spellings] of Object.entries(HEADER_SYNONYMS) as Array<[EnterpriseFactKey, readonly string[]]>) {
  for (const s of spellings) KNOWN.set(headerKey(s), key);
}
for (const f of ENTERPRISE_FACT_FIELDS) KNOWN.set(headerKey(f.label), f.key);

const YUAN_UNIT = /[(（【\[][^)）】\]]*元/;

export type ColumnPlan = {
  /** Per column of the file: the fact it fills, or null (unknown, ignored or a later duplicate). */
  byIndex: Array<EnterpriseFactKey | null>;
  mapped: Record<string, EnterpriseFactKey>;
  unmapped: string[];
  /** Unit of a bare number in the capital column: 元 only when its header says 元 but not 万元. */
  capitalUnit: '万元' | '元';
};

function overrideFor(header: string, mapping: ColumnMapping | undefined, keyed: Map<string, EnterpriseFactKey | 'ignore'>) {
  if (!mapping) return undefined;
  if (Object.hasOwn(mapping, header)) return mapping[header];
  const key = headerKey(header);
  return key === '' ? undefined : keyed.get(key); // a blank header never matches by key
}

/** Maps header cells; the user's mapping wins; the first column for a fact wins over later ones. */
export function planColumns(headers: readonly string[], mapping?: ColumnMapping): ColumnPlan {
  const keyed = new Map<string, EnterpriseFactKey | 'ignore'>();
  for (const [h, v] of Object.entries(mapping ?? {})) if (headerKey(h) !== '') keyed.set(headerKey(h), v);
  const taken = new Set<EnterpriseFactKey>();
  const plan: ColumnPlan = { byIndex: [], mapped: {}, unmapped: [], capitalUnit: '万元' };
  headers.forEach((raw, i) => {
    const header = raw.trim();
    const chosen = overrideFor(header, mapping, keyed) ?? KNOWN.get(headerKey(header));
    if (chosen === undefined || chosen === 'ignore' || taken.has(chosen)) {
      plan.byIndex[i] = null;
      if (header !== '' && chosen !== 'ignore') plan.unmapped.push(header);
      return;
    }
    taken.add(chosen);
    plan.byIndex[i] = chosen;
    plan.mapped[header] = chosen;
    if (chosen === 'registeredCapital') {
      const h = toHalfWidth(header);
      if (YUAN_UNIT.test(h) && !h.includes('万元')) plan.capitalUnit = '元';
    }
  });
  return plan;
}

/** Known facts a header row names (used to recognise the header among title rows). */
export function recognisedFacts(cells: readonly string[], mapping?: ColumnMapping): Set<EnterpriseFactKey> {
  return new Set(planColumns(cells, mapping).byIndex.filter((k): k is EnterpriseFactKey => k !== null));
}
