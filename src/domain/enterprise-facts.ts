import type { OperatingStatus, SizeClass } from '../db/tables/foundation.js';

/**
 * The facts of one enterprise as an import row carries them after normalisation, and as the ledger
 * exports them. Field order here is the column order of the export and the template; `label` is the
 * Chinese header real exports use (other spellings are synonyms in src/core/import/column-map.ts).
 */
export type EnterpriseFacts = {
  creditCode: string;
  name: string;
  ownershipType: string | null;
  legalRepresentative: string | null;
  foundedOn: string | null; // YYYY-MM-DD
  operatingStatus: OperatingStatus;
  address: string | null;
  employeeCount: number | null;
  registeredCapital: string | null; // 万元, decimal text
  industry: string | null;
  sizeClass: SizeClass | null;
  aboveDesignatedSize: boolean | null;
  memberCount: number | null;
  ownerProfile: string | null;
  regionCode: string | null; // when the file names the region (属地区划代码); else placed from the address
  parkName: string | null;
  associationName: string | null;
};

export type EnterpriseFactKey = keyof EnterpriseFacts;

export const ENTERPRISE_FACT_FIELDS: ReadonlyArray<{ key: EnterpriseFactKey; label: string; required: boolean; note: string }> = [
  { key: 'creditCode', label: '统一社会信用代码', required: true, note: '18位，末位为校验码（GB 32100）' },
  { key: 'name', label: '企业名称', required: true, note: '与营业执照一致' },
  { key: 'ownershipType', label: '企业类型', required: false, note: '如：有限责任公司（自然人投资或控股）' },
  { key: 'legalRepresentative', label: '法定代表人', required: false, note: '' },
  { key: 'foundedOn', label: '成立日期', required: false, note: '如 2019-03-01、2019/3/1、2019年3月1日' },
  { key: 'operatingStatus', label: '登记状态', required: false, note: '存续/在业/开业、歇业、注销、吊销、迁出；空则视为存续' },
  { key: 'address', label: '住所', required: false, note: '用于匹配街道（乡镇）和社区（村）' },
  { key: 'employeeCount', label: '从业人数', required: false, note: '整数，可写“50人”' },
  { key: 'registeredCapital', label: '注册资本（万元）', required: false, note: '数字，单位万元' },
  { key: 'industry', label: '所属行业', required: false, note: '国民经济行业分类门类或大类名称' },
  { key: 'sizeClass', label: '企业规模', required: false, note: '大型、中型、小型、微型' },
  { key: 'aboveDesignatedSize', label: '是否规模以上', required: false, note: '是/否' },
  { key: 'memberCount', label: '党员人数', required: false, note: '整数' },
  { key: 'ownerProfile', label: '业主身份', required: false, note: '如：党员、人大代表、政协委员' },
  { key: 'regionCode', label: '属地区划代码', required: false, note: '12位统计用区划代码；空则按住所自动认定' },
  { key: 'parkName', label: '所在园区', required: false, note: '园区名称，不存在则新建' },
  { key: 'associationName', label: '所属行业协会', required: false, note: '协会（商会）名称，不存在则新建' },
];

export const OPERATING_STATUS_LABEL: Record<OperatingStatus, string> = {
  active: '存续（在营）',
  suspended: '歇业',
  deregistered: '注销',
  revoked: '吊销',
  moved_out: '迁出',
};

export const SIZE_CLASS_LABEL: Record<SizeClass, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
