import { AppError } from '../domain/errors.js';

/**
 * What a database constraint means to the person who tripped it. Services check every rule before
 * writing (docs/architecture.md "Errors"); this catalogue is the safety net behind them: a PostgreSQL
 * integrity (class 23) or data (class 22) error that still reaches the API handler, the CLI or an
 * organisation import row is turned into a 4xx naming the contract field, with a Chinese message,
 * never the database's own text (which quotes the failing row — personal data included).
 *
 * Fields are the camelCase names the API contracts use; labels are the Chinese names the forms and
 * the import templates show (src/core/org-import/templates.ts), so an import row error's column is
 * the template header where there is one.
 */
export type FieldName = { field: string; label: string };

const f = (field: string, label: string): FieldName => ({ field, label });
const SINCE = f('since', '开始日期');
const UNTIL = f('until', '结束日期');
const ENTERPRISE = f('enterpriseId', '企业');
const REGION = f('regionCode', '属地区划代码');
const PARK = f('parkId', '园区');
const ASSOCIATION = f('associationId', '行业协会（商会）');
const DISSOLVED_ON = f('on', '撤销日期');

/** `table.column` → field, for every column a user writes through the API, the CLI or an import. */
const COLUMNS: Record<string, FieldName> = {
  'party_org.name': f('name', '党组织名称'), 'party_org.code': f('code', '组织代码'), 'party_org.org_type': f('orgType', '组织类别'),
  'party_org.setup_mode': f('setupMode', '组建方式'), 'party_org.parent_id': f('parentId', '上级党组织'), 'party_org.region_code': REGION,
  'party_org.park_id': PARK, 'party_org.association_id': ASSOCIATION, 'party_org.building': f('building', '商务楼宇'),
  'party_org.founded_on': f('foundedOn', '成立日期'), 'party_org.term_years': f('termYears', '任期（年）'),
  'party_org.term_ends_on': f('termEndsOn', '任期届满日期'), 'party_org.status': f('status', '状态'), 'party_org.dissolved_on': DISSOLVED_ON,
  'party_org.full_members': f('fullMembers', '正式党员数'), 'party_org.probationary_members': f('probationaryMembers', '预备党员数'),
  'party_org_coverage.org_id': f('id', '党组织'), 'party_org_coverage.enterprise_id': ENTERPRISE, 'party_org_coverage.mode': f('mode', '组建方式'),
  'party_org_coverage.since': SINCE, 'party_org_coverage.until': UNTIL,
  'org_position.org_id': f('id', '党组织'), 'org_position.person_id': f('personId', '人员'), 'org_position.position': f('position', '职务'),
  'org_position.since': f('since', '任职日期'), 'org_position.until': f('until', '离任日期'),
  'union_org.name': f('name', '工会名称'), 'union_org.code': f('code', '工会代码'), 'union_org.kind': f('kind', '工会类别'),
  'union_org.parent_id': f('parentId', '上级工会'), 'union_org.region_code': REGION, 'union_org.park_id': PARK, 'union_org.association_id': ASSOCIATION,
  'union_org.founded_on': f('foundedOn', '成立日期'), 'union_org.term_years': f('termYears', '任期（年）'), 'union_org.term_ends_on': f('termEndsOn', '任期届满日期'),
  'union_org.members': f('members', '会员数'), 'union_org.female_members': f('femaleMembers', '女会员数'),
  'union_org.organiser_person_id': f('organiserPersonId', '工会组织员'), 'union_org.funds_basis': f('fundsBasis', '经费拨缴方式'),
  'union_org.monthly_payroll': f('monthlyPayroll', '月工资总额'), 'union_org.status': f('status', '状态'), 'union_org.dissolved_on': DISSOLVED_ON,
  'union_coverage.union_id': f('id', '工会'), 'union_coverage.enterprise_id': ENTERPRISE, 'union_coverage.since': SINCE, 'union_coverage.until': UNTIL,
  'union_congress.union_id': f('id', '工会'), 'union_congress.held_on': f('heldOn', '召开日期'), 'union_congress.kind': f('kind', '会议类别'),
  'union_contract.union_id': f('id', '工会'), 'union_contract.kind': f('kind', '合同类别'), 'union_contract.signed_on': f('signedOn', '签订日期'),
  'union_contract.starts_on': f('startsOn', '起始日期'), 'union_contract.ends_on': f('endsOn', '期满日期'), 'union_contract.filed_on': f('filedOn', '备案日期'),
  'instructor.person_id': f('personId', '人员'), 'instructor.kind': f('kind', '类别'), 'instructor.region_code': f('regionCode', '所属区划代码'),
  'instructor.status': f('status', '状态'),
  'instructor_assignment.instructor_id': f('id', '党建指导员'), 'instructor_assignment.enterprise_id': ENTERPRISE,
  'instructor_assignment.since': SINCE, 'instructor_assignment.until': UNTIL,
  'visit_log.instructor_id': f('id', '党建指导员'), 'visit_log.enterprise_id': ENTERPRISE, 'visit_log.assignment_id': f('enterpriseId', '联系记录'),
  'visit_log.visited_on': f('visitedOn', '走访日期'), 'visit_log.notes': f('notes', '走访记录'),
  'person.name': f('name', '姓名'), 'person.gender': f('gender', '性别'), 'person.birth_date': f('birthDate', '出生日期'),
  'person.id_number_enc': f('idNumber', '身份证号'), 'person.id_number_index': f('idNumber', '身份证号'),
  'person.phone_enc': f('phone', '手机号码'), 'person.phone_index': f('phone', '手机号码'), 'person.region_code': f('regionCode', '登记区划'),
  'enterprise.credit_code': f('creditCode', '统一社会信用代码'), 'enterprise.name': f('name', '企业名称'), 'enterprise.region_code': f('regionCode', '所属区划'),
  'enterprise.placement': f('placement', '归属状态'), 'enterprise.park_id': PARK, 'enterprise.association_id': ASSOCIATION,
  'enterprise.size_class': f('sizeClass', '企业规模'), 'enterprise.operating_status': f('operatingStatus', '经营状态'),
  'enterprise.employee_count': f('employeeCount', '从业人数'), 'enterprise.member_count': f('memberCount', '党员人数'),
  'enterprise.registered_capital': f('registeredCapital', '注册资本'), 'enterprise.founded_on': f('foundedOn', '成立日期'),
  'app_user.username': f('username', '用户名'), 'app_user.display_name': f('displayName', '姓名'), 'app_user.password_hash': f('password', '密码'),
  'user_role.user_id': f('id', '用户'), 'user_role.role': f('role', '角色'), 'user_role.granted_by': f('grantedBy', '授权人'),
  'user_role.region_prefixes': f('regionPrefixes', '区划'), 'user_role.park_ids': f('parkIds', '园区'),
  'user_role.association_ids': f('associationIds', '行业协会（商会）'), 'user_role.enterprise_ids': f('enterpriseIds', '企业'),
  'user_role.party_org_ids': f('partyOrgIds', '党组织'),
  'park.name': f('name', '园区名称'), 'park.region_code': f('regionCode', '所在区划'),
  'association.name': f('name', '协会（商会）名称'), 'association.region_code': f('regionCode', '所在区划'),
  'union_member.card_number': f('cardNumber', '会员证号'), 'union_member.joined_on': f('joinedOn', '入会日期'),
  'union_member.employer_name': f('employerName', '工作单位'), 'union_member.dispatch_employer_name': f('dispatchEmployerName', '派遣单位'),
  'union_member.enterprise_id': f('enterpriseId', '工作单位'), 'union_member.status': f('status', '会籍状态'),
  'app_setting.key': f('source', '数据来源'), 'app_setting.value': f('mapping', '列对应关系'),
};

/**
 * Constraints whose name does not say the column (table checks, multi-column or expression unique
 * indexes), with the field at fault and, where it says more than the generic text, the message.
 */
const CONSTRAINTS: Record<string, FieldName & { message?: string }> = {
  union_org_check: { ...f('femaleMembers', '女会员数'), message: '女会员数不能大于会员数' },
  union_org_check1: { ...DISSOLVED_ON, message: '已撤销的工会须有撤销日期' },
  party_org_check: { ...DISSOLVED_ON, message: '已撤销的党组织须有撤销日期' },
  party_org_coverage_check: { ...UNTIL, message: '结束日期须晚于开始日期' },
  union_coverage_check: { ...UNTIL, message: '结束日期须晚于开始日期' },
  instructor_assignment_check: { ...UNTIL, message: '结束日期须晚于开始日期' },
  org_position_check: { ...f('until', '离任日期'), message: '离任日期须晚于任职日期' },
  union_contract_check: { ...f('endsOn', '期满日期'), message: '合同期满日须晚于起始日' },
  person_check: f('idNumber', '身份证号'),
  person_check1: f('phone', '手机号码'),
  person_check2: f('idNumber', '身份证号'),
  party_org_region_name_key: { ...f('name', '党组织名称'), message: '同一区划内已有同名党组织' },
  union_org_region_name_key: { ...f('name', '工会名称'), message: '同一区划内已有同名工会' },
  org_position_key: { ...f('personId', '人员'), message: '该人员已于同日担任该职务' },
  instructor_person_id_kind_key: { ...f('personId', '人员'), message: '该人员已登记为同类指导员（联络员）' },
  person_id_number_index_key: { ...f('idNumber', '身份证号'), message: '已有相同身份证号的人员' },
  union_member_person_live_key: { ...f('idNumber', '公民身份号码'), message: '该人员已有有效会籍，一人只能有一个有效会籍' },
  union_member_card_key: { ...f('cardNumber', '会员证号'), message: '会员证号在本工会已被使用' },
  union_member_check: { ...f('dispatchEmployerName', '派遣单位'), message: '只有劳务派遣工才填写派遣单位' },
};

export type FaultCode = 'DUPLICATE' | 'REFERENCE_NOT_FOUND' | 'REQUIRED' | 'VALUE_INVALID' | 'TOO_LONG' | 'OUT_OF_RANGE' | 'BAD_DATE' | 'BAD_FORMAT';

/** A database error as the catalogue reads it: what went wrong, and where when that is known. */
export type ConstraintFault = {
  sqlState: string;
  code: FaultCode;
  /** null when the database did not say (class 22 errors rarely name a column). */
  target: FieldName | null;
  message: string;
  /** For the log: names only, never values. */
  constraint: string | null;
  table: string | null;
  column: string | null;
};

const FAULT: Record<string, [FaultCode, (label: string) => string]> = {
  '23505': ['DUPLICATE', (l) => `${l}与已有记录重复`],
  '23503': ['REFERENCE_NOT_FOUND', (l) => `${l}不存在`],
  '23502': ['REQUIRED', (l) => `${l}不能为空`],
  '23514': ['VALUE_INVALID', (l) => `${l}的取值不符合要求`],
  '22001': ['TOO_LONG', (l) => `${l}过长`],
  '22003': ['OUT_OF_RANGE', (l) => `${l}超出允许范围`],
  '22007': ['BAD_DATE', (l) => `${l}不是有效日期`],
  '22008': ['BAD_DATE', (l) => `${l}不是有效日期`],
  '22P02': ['BAD_FORMAT', (l) => `${l}格式不正确`],
};

type DbErrorFields = { code: string; constraint?: unknown; table?: unknown; column?: unknown };

/** `pg`'s DatabaseError and PGlite's both carry the SQLSTATE as `code`; Node's own codes never look like one. */
function asDbError(err: unknown): DbErrorFields | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown };
  if (typeof e.code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(e.code)) return null;
  return e as DbErrorFields;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The column a default constraint name (`<table>_<column>_check|fkey|key`) is about. */
function columnOfName(table: string | null, name: string): string | null {
  if (!table || !name.startsWith(`${table}_`)) return null;
  const m = /^(.+)_(check|fkey|key)$/.exec(name.slice(table.length + 1));
  return m ? m[1]! : null;
}

/** Where the constraint points, by name first, then by `table.column`. */
export function fieldOf(constraint: string | null, table: string | null, column: string | null): (FieldName & { message?: string }) | null {
  if (constraint && CONSTRAINTS[constraint]) return CONSTRAINTS[constraint];
  const col = column ?? (constraint ? columnOfName(table, constraint) : null);
  return table && col ? COLUMNS[`${table}.${col}`] ?? null : null;
}

/** Reads a class 22 / 23 database error; anything else (a bug, a lost connection) is null. */
export function constraintFault(err: unknown): ConstraintFault | null {
  const e = asDbError(err);
  if (!e) return null;
  const [code, text] = FAULT[e.code] ?? (e.code.startsWith('23') ? FAULT['23514']! : FAULT['22P02']!);
  const constraint = str(e.constraint);
  const table = str(e.table);
  const column = str(e.column);
  const hit = fieldOf(constraint, table, column);
  const target = hit ? { field: hit.field, label: hit.label } : null;
  const message = hit?.message ?? text(target?.label ?? '填写的内容');
  return { sqlState: e.code, code, target, message, constraint, table, column };
}

/** The fault as the one error type: a duplicate is a conflict (409), the rest bad input (400). */
export function faultToAppError(fault: ConstraintFault): AppError {
  const detail = { ...(fault.target ? { field: fault.target.field } : {}), code: fault.code, message: fault.message };
  return new AppError(fault.code === 'DUPLICATE' ? 'CONFLICT' : 'VALIDATION_FAILED', fault.message, [detail]);
}

/** What the log may keep of a fault: the names involved and the SQLSTATE, never the row's values. */
export const faultLogFields = (f: ConstraintFault) => ({ sqlState: f.sqlState, constraint: f.constraint, table: f.table, column: f.column });
