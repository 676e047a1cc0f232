/**
 * Labour dispute mediation (docs/unions.md, "劳动争议调解"): the closed lists and their Chinese labels,
 * and money in fen shown as 元 (two decimals) and in capitals (大写) for the 调解协议书. Pure.
 */

/** The six kinds of dispute of 《劳动争议调解仲裁法》第二条, in the law's order. */
export const MEDIATION_CATEGORIES = ['relationship', 'contract', 'dismissal', 'conditions', 'pay', 'other'] as const;
export type MediationCategory = (typeof MEDIATION_CATEGORIES)[number];

export const MEDIATION_CATEGORY_LABEL: Record<MediationCategory, string> = {
  relationship: '因确认劳动关系发生的争议',
  contract: '因订立、履行、变更、解除和终止劳动合同发生的争议',
  dismissal: '因除名、辞退和辞职、离职发生的争议',
  conditions: '因工作时间、休息休假、社会保险、福利、培训以及劳动保护发生的争议',
  pay: '因劳动报酬、工伤医疗费、经济补偿或者赔偿金等发生的争议',
  other: '法律、法规规定的其他劳动争议',
};

/** Short labels for tables and charts. */
export const MEDIATION_CATEGORY_SHORT: Record<MediationCategory, string> = {
  relationship: '确认劳动关系', contract: '劳动合同', dismissal: '除名辞退辞职离职', conditions: '工时休假社保福利', pay: '劳动报酬经济补偿', other: '其他',
};

export const MEDIATION_STATUSES = ['accepted', 'mediating', 'agreed', 'failed', 'withdrawn'] as const;
export type MediationStatus = (typeof MEDIATION_STATUSES)[number];
export const MEDIATION_STATUS_LABEL: Record<MediationStatus, string> = {
  accepted: '已受理', mediating: '调解中', agreed: '达成协议', failed: '未达成协议（可申请仲裁）', withdrawn: '撤回',
};
export const MEDIATION_OUTCOMES = ['agreed', 'failed', 'withdrawn'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
export const isClosedStatus = (s: MediationStatus): s is MediationOutcome => (MEDIATION_OUTCOMES as readonly string[]).includes(s);

export const MEDIATION_BODY_KINDS = ['enterprise', 'street'] as const;
export type MediationBodyKind = (typeof MEDIATION_BODY_KINDS)[number];
export const MEDIATION_BODY_KIND_LABEL: Record<MediationBodyKind, string> = {
  enterprise: '企业劳动争议调解委员会', street: '乡镇、街道具有劳动争议调解职能的组织',
};

export const MEDIATOR_SIDE_LABEL = { employee: '职工代表', employer: '企业代表' } as const;
export const MEDIATOR_BASIS_LABEL = { unionMember: '工会成员', elected: '全体职工推举', appointed: '企业负责人指定' } as const;
export const CHAIR_BASIS_LABEL = { unionMember: '工会成员担任', agreed: '双方推举' } as const;

/** 第七条: a case of this many workers or more with a common claim may elect representatives. */
export const COLLECTIVE_MIN_WORKERS = 10;

/** 12345 fen → "123.45" (no float: integer division). */
export function fenToYuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(Math.trunc(fen));
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 1234567 fen → "12,345.67元": how amounts read in tables and documents. */
export function fenToYuanText(fen: number): string {
  const [int, dec] = fenToYuan(fen).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}元`;
}

const DIGIT = '零壹贰叁肆伍陆柒捌玖';
const UNIT = ['', '拾', '佰', '仟'];
const GROUP = ['', '万', '亿', '万亿'];

/** The integer part in capitals: 10086 → 壹万零捌拾陆. Zeros are read once, as a cheque is written. */
function integerCapitals(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
  let out = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g];
    if (value === 0) { zeroPending = out !== ''; continue; }
    let part = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(value / 10 ** i) % 10;
      if (d === 0) { zero = part !== ''; continue; }
      if (zero) { part += '零'; zero = false; }
      part += DIGIT[d] + UNIT[i];
    }
    // A group below 1000 after a higher group reads a zero first (壹万零捌拾陆).
    if (out !== '' && (zeroPending || value < 1000)) part = `零${part}`;
    out += part + GROUP[g];
    zeroPending = false;
  }
  return out;
}

/**
 * Fen in Chinese capitals as financial documents write them (人民币大写): 123456 → 壹仟贰佰叁拾肆元伍角陆分,
 * 100000 → 壹仟元整, 5 → 零元伍分 written 伍分. Up to 9,999,999,999,999.99 元.
 */
export function fenToCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('amount must be a non-negative integer of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerCapitals(yuan)}元` : '';
  if (jiao === 0 && f === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGIT[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (f > 0) out += `${DIGIT[f]}分`;
  return out;
}
