import { idCheckChar } from '../../domain/id-number.js';
import type { MemberColumnKey } from '../../domain/member-row.js';
import { personName } from './organisations.js';
import { createRandom, type Random } from './random.js';

/**
 * A roster in the column layout of the national member information system's export (docs/import.md,
 * "党员名册"): real-looking names, valid ID numbers (check character, birth date and gender agreeing
 * with 出生日期 and 性别), ages 19–80 throughout the given year (so 18–80 whenever it is imported that year), dates in order (入党 at 18 or later,
 * 转正 a year after for full members, none for probationary ones). The same seed, organisations and
 * year give the same file. Every ID number is distinct by construction (a permutation of the row
 * index), so only injected repeats repeat.
 */
export type MemberFaultKind =
  | 'bad_check_char' | 'birth_date_mismatch' | 'duplicate_id' | 'unknown_org' | 'probationary_confirmed' | 'confirmed_before_joined';
export const MEMBER_FAULT_KINDS: readonly MemberFaultKind[] = [
  'bad_check_char', 'birth_date_mismatch', 'duplicate_id', 'unknown_org', 'probationary_confirmed', 'confirmed_before_joined',
];
/** The import's error code for each fault (a repeat rejects its original row too, with the same code). */
export const MEMBER_FAULT_CODE: Record<MemberFaultKind, string> = {
  bad_check_char: 'ID_CHECK_CHAR', birth_date_mismatch: 'BIRTH_DATE_MISMATCH', duplicate_id: 'DUPLICATE_IN_FILE',
  unknown_org: 'ORG_UNKNOWN', probationary_confirmed: 'PROBATIONARY_CONFIRMED', confirmed_before_joined: 'CONFIRMED_BEFORE_JOINED',
};
export const MEMBER_FAULT_LABEL: Record<MemberFaultKind, string> = {
  bad_check_char: '身份证号码校验位错误', birth_date_mismatch: '出生日期与身份证号码不符', duplicate_id: '身份证号码在文件中重复',
  unknown_org: '所在党支部不存在', probationary_confirmed: '预备党员填有转正日期', confirmed_before_joined: '转正日期早于入党日期',
};

/** The export's columns, in its order. */
export const ROSTER_COLUMNS: Array<{ key: MemberColumnKey; label: string }> = [
  { key: 'name', label: '姓名' }, { key: 'gender', label: '性别' }, { key: 'idNumber', label: '公民身份号码' },
  { key: 'ethnicity', label: '民族' }, { key: 'birthDate', label: '出生日期' }, { key: 'education', label: '学历' },
  { key: 'category', label: '人员类别' }, { key: 'joinedOn', label: '入党日期' }, { key: 'confirmedOn', label: '转正日期' },
  { key: 'orgName', label: '所在党支部' }, { key: 'employer', label: '工作单位' }, { key: 'post', label: '工作岗位' },
  { key: 'phone', label: '联系电话' },
];

export type GeneratedMember = { index: number; cells: Record<MemberColumnKey, string>; fault: MemberFaultKind | null; duplicateOf: number | null };
export type MemberGenOptions = { count: number; seed: number; orgs: readonly string[]; withFaults?: boolean; year?: number; employers?: readonly string[] };

// County codes of real places (GB/T 2260), the first six digits of an ID number.
const AREAS = ['440305', '440304', '440303', '440306', '110105', '110108', '310104', '310115', '330106', '330108',
  '320102', '420106', '510107', '610113', '370102', '350203', '430104', '210203', '500103', '120101'];
const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [['汉族', 92], ['壮族', 2], ['回族', 1.5], ['满族', 1.5], ['土家族', 1], ['苗族', 1], ['蒙古族', 1]];
const EDUCATION: ReadonlyArray<readonly [string, number]> = [['大学本科', 40], ['大学专科', 25], ['研究生', 10], ['高中', 10], ['中等专科', 8], ['初中及以下', 7]];
const POSTS = ['职员', '技术员', '工程师', '销售经理', '会计', '行政主管', '车间主任', '项目经理', '设计师', '质检员', '人力资源专员', '总经理', '部门经理', '客服专员', '操作工'];
const EMPLOYER_WORDS = ['科技', '信息技术', '电子', '贸易', '物流', '建设工程', '文化传媒', '餐饮管理', '医疗器械', '智能制造'];
const EMPLOYER_PLACES = ['深圳市', '南山', '粤海', '蛇口', '前海', '西丽', '科苑', '海岸'];
const EMPLOYER_MARKS = ['华', '创', '鑫', '恒', '信', '达', '瑞', '腾', '远', '新', '启', '明'];

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
// A prime larger than the day count, so coprime to the code space (areas × days × 1000): i ↦ i·P is a bijection.
const PERM_PRIME = 1_000_003;

function spacing(count: number): number {
  const k = MEMBER_FAULT_KINDS.length;
  return count >= 37 * k ? 37 : Math.max(7, Math.floor(count / k));
}

function employerName(r: Random): string {
  return `${r.pick(EMPLOYER_PLACES)}${r.pick(EMPLOYER_MARKS)}${r.pick(EMPLOYER_MARKS)}${r.pick(EMPLOYER_WORDS)}有限公司`;
}

/** Birth date and ID number of row `index`: distinct for distinct rows (a bijection onto the code space). */
function identity(index: number, seed: number, year: number): { id: string; birth: string; male: boolean } {
  const first = `${year - 80}-01-01`;
  const days = Math.round((Date.parse(`${year - 20}-12-31T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY) + 1;
  const space = AREAS.length * days * 1000;
  let n = (index * PERM_PRIME + (seed % 997) * 7919) % space;
  const area = AREAS[n % AREAS.length];
  n = Math.floor(n / AREAS.length);
  const birth = addDays(first, n % days);
  const seq = Math.floor(n / days);
  const body = `${area}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return { id: body + idCheckChar(body), birth, male: seq % 2 === 1 };
}

export function* generateMembers(opts: MemberGenOptions): Generator<GeneratedMember> {
  if (!opts.orgs.length) throw new Error('no organisations');
  const r = createRandom(opts.seed);
  const year = opts.year ?? new Date().getFullYear();
  const today = `${year}-01-01`; // dates stay on or before the first day of the year: never in the future
  const employers = opts.employers?.length ? opts.employers : Array.from({ length: 40 }, () => employerName(r));
  const every = spacing(opts.count);
  const ids: string[] = [];
  let faults = 0;
  for (let index = 0; index < opts.count; index++) {
    const who = identity(index, opts.seed, year);
    ids.push(who.id);
    const probationary = r.chance(0.08);
    const earliestJoin = addDays(who.birth, 18 * 366);
    const latestJoin = addDays(today, probationary ? -30 : -400);
    const span = Math.max(0, Math.round((Date.parse(latestJoin) - Date.parse(earliestJoin)) / DAY));
    const joined = span > 0 ? addDays(earliestJoin, r.int(0, span)) : earliestJoin;
    const isProbationary = probationary || span <= 0;
    const confirmed = isProbationary ? '' : addDays(joined, 365 + r.int(0, 20));
    const cells: Record<MemberColumnKey, string> = {
      name: personName(r), gender: who.male ? '男' : '女', idNumber: who.id, ethnicity: r.weighted(ETHNICITIES), birthDate: who.birth,
      education: r.weighted(EDUCATION), category: isProbationary ? '预备党员' : '正式党员', joinedOn: joined,
      confirmedOn: confirmed > today ? '' : confirmed, orgName: r.pick(opts.orgs), employer: r.chance(0.9) ? r.pick(employers) : '',
      post: r.pick(POSTS), phone: `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
    };
    let fault: MemberFaultKind | null = null;
    let duplicateOf: number | null = null;
    if (opts.withFaults && index % every === every - 1 && index >= 3) {
      fault = MEMBER_FAULT_KINDS[faults++ % MEMBER_FAULT_KINDS.length];
      duplicateOf = injectFault(fault, cells, index, ids);
    }
    yield { index, cells, fault, duplicateOf };
  }
}

function injectFault(fault: MemberFaultKind, cells: Record<MemberColumnKey, string>, index: number, ids: string[]): number | null {
  switch (fault) {
    case 'bad_check_char': {
      const right = cells.idNumber[17];
      cells.idNumber = cells.idNumber.slice(0, 17) + (right === '1' ? '2' : '1');
      return null;
    }
    case 'birth_date_mismatch':
      cells.birthDate = addDays(cells.birthDate, 1);
      return null;
    case 'duplicate_id':
      cells.idNumber = ids[index - 3];
      cells.birthDate = ids[index - 3].replace(/^\d{6}(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3');
      cells.gender = Number(ids[index - 3][16]) % 2 === 1 ? '男' : '女';
      return index - 3;
    case 'unknown_org':
      cells.orgName = `不存在的第${index + 1}党支部`;
      return null;
    case 'probationary_confirmed':
      cells.category = '预备党员';
      cells.confirmedOn = addDays(cells.joinedOn, 10);
      return null;
    case 'confirmed_before_joined':
      cells.category = '正式党员';
      cells.confirmedOn = addDays(cells.joinedOn, -30);
      return null;
  }
}
