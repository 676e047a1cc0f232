import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseRuleFacts } from '../../contracts/rule-facts.js';
import { AppError } from '../../domain/errors.js';
import {
  createRuleContext, DUES_CATEGORY_LABELS, explainEnterprise, explainMember, explainOrg, explainUnion, fromDay, isIsoDate,
  MEMBER_RULE_CATALOGUE, planJointBranches, plannerCandidates, plannerOptionsFrom, resolveRules, RULE_CATALOGUE, RULE_SET, yuan,
  type EnterpriseExplanation, type Finding, type MemberExplanation, type MemberFinding, type OrgExplanation, type PlanResult,
  type LifeCalendar, type RuleFacts, type UnionExplanation,
} from '../../domain/rules/index.js';
import { lifeOf, renderLife } from './rules-life.js';
import { bargainingOf, renderBargaining, type BargainingCheck } from './rules-bargaining.js';
import { mediationOf, renderMediation } from './rules-mediation.js';
import type { MediationExplanation } from '../../domain/rules/mediation.js';
import { renderCommittee, renderCongress } from './rules-union.js';

/**
 * `liangxin rules check|list|plan` — the rule engine for people who audit rules without reading
 * code: every finding names its rule id, its source in Chinese and the reference section it was
 * checked against. Pure: no database is opened.
 */

export type Explanation = EnterpriseExplanation | (OrgExplanation & { life?: LifeCalendar }) | (UnionExplanation & { bargaining?: BargainingCheck[]; mediation?: MediationExplanation[] }) | MemberExplanation;
export type RulesOptions = { date?: string; province?: string; json?: boolean };

const SEVERITY: Record<Finding['severity'], string> = { info: '提示', warning: '注意', overdue: '逾期' };
const SUBJECT: Record<Explanation['subject'], string> = { enterprise: '企业', org: '党组织', union: '工会', member: '党员' };

function today(): string {
  const now = new Date();
  return fromDay(Math.floor((now.getTime() - now.getTimezoneOffset() * 60_000) / 86_400_000));
}

function checkOptions(o: RulesOptions): { date: string; province?: string } {
  const date = o.date ?? today();
  if (!isIsoDate(date)) throw new AppError('VALIDATION_FAILED', `--date 应为 YYYY-MM-DD 格式的日期，收到“${date}”`, [{ field: '--date', message: '日期格式错误' }]);
  if (o.province !== undefined && !/^\d{2}$/.test(o.province)) {
    throw new AppError('VALIDATION_FAILED', `--province 应为2位省级区划代码（如 11 北京、31 上海），收到“${o.province}”`, [{ field: '--province', message: '代码格式错误' }]);
  }
  return { date, province: o.province };
}

/** Decodes a facts document; a syntax error names the line and column. */
export function decodeFacts(text: string): RuleFacts[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? (() => { const before = text.slice(0, Number(pos[1])).split('\n'); return `第${before.length}行第${before[before.length - 1].length + 1}列`; })() : '';
    throw new AppError('VALIDATION_FAILED', `事实文件不是合法的 JSON${at ? `（${at}）` : ''}：${msg}`, [{ field: '$', message: msg }]);
  }
  return parseRuleFacts(data);
}

export function explainAll(facts: RuleFacts[], o: RulesOptions): Explanation[] {
  const { date, province } = checkOptions(o);
  const ctx = createRuleContext(date, RULE_SET, province);
  return facts.map((f) => {
    if (f.type === 'member') return explainMember(f, date, RULE_SET, province);
    if (f.type === 'org') {
      const life = lifeOf(f, date);
      return life ? { ...explainOrg(f, ctx), life } : explainOrg(f, ctx);
    }
    if (f.type === 'enterprise') return explainEnterprise(f, ctx);
    const bargaining = bargainingOf(f, date, province);
    const mediation = mediationOf(f, date);
    const u = bargaining ? { ...explainUnion(f, ctx), bargaining } : explainUnion(f, ctx);
    return mediation ? { ...u, mediation } : u;
  });
}

// Like every screen: the title, the message and the text it rests on, cited in Chinese. Rule ids stay
// in the --json output (for scripts), never in what people read.
const findingLines = (f: Finding, mark: string): string[] => [
  `    ${mark} 【${SEVERITY[f.severity]}】${f.summary}`,
  `      ${f.title}：${f.message}`,
];

/** A member finding also says its day: the deadline, or the first day a next step is allowed. */
const memberLines = (f: MemberFinding): string[] => {
  const when = f.dueOn ? (MEMBER_RULE_CATALOGUE[f.ruleId].kind === 'nextStep' ? `（自${f.dueOn}起）` : `（期限${f.dueOn}）`) : '';
  return [`    ${f.severity === 'info' ? '·' : '!'} 【${SEVERITY[f.severity]}】${f.summary}${when}`, `      ${f.title}：${f.message}`];
};

function renderMember(e: MemberExplanation): string {
  const lines = [`党员 ${e.id}${e.name ? `「${e.name}」` : ''}（评估日期 ${e.date}）`];
  if (e.stageLabel) lines.push(`  发展阶段：${e.stageLabel}`);
  if (e.dues) {
    const d = e.dues;
    const base = d.baseFen === null ? '' : `，月交纳基数${yuan(d.baseFen)}`;
    const reduced = d.reduction ? `；经批准${d.reduction.amountFen === 0 ? '免交' : '少交'}（标准${yuan(d.standardFen)}，${d.reduction.approvedOn}批准）` : '';
    const what = d.bracket.fixedFen === null ? `${DUES_CATEGORY_LABELS[d.category]}${base}；${d.bracket.label}` : d.bracket.label;
    lines.push(`  ${d.month.slice(0, 4)}年${Number(d.month.slice(5, 7))}月党费：${yuan(d.amountFen)}（${what}${reduced}）`, `    依据：${d.source}`);
  } else {
    lines.push('  党费：无交纳基数，未计算');
  }
  lines.push(e.findings.length ? '  提醒：' : '  提醒：无');
  for (const f of e.findings) lines.push(...memberLines(f));
  return lines.join('\n');
}

export function renderExplanation(e: Explanation): string {
  if (e.subject === 'member') return renderMember(e);
  const lines = [`${SUBJECT[e.subject]} ${e.id}${e.name ? `「${e.name}」` : ''}（评估日期 ${e.date}）`];
  if (e.subject === 'enterprise') {
    lines.push(`  覆盖状态：${e.statusLabel}`, ...findingLines(e.statusFinding, '·'));
  }
  if (e.subject === 'org') lines.push(`  本届任期届满日：${e.termEndsOn}`);
  lines.push(e.nextSteps.length ? '  建议下一步：' : '  建议下一步：无');
  for (const f of e.nextSteps) lines.push(...findingLines(f, '→'));
  lines.push(e.alerts.length ? '  提醒：' : '  提醒：无');
  for (const f of e.alerts) lines.push(...findingLines(f, '!'));
  if (e.subject === 'org' && e.life) lines.push(...renderLife(e.life));
  if (e.subject === 'union' && e.bargaining) lines.push(...renderBargaining(e.bargaining));
  if (e.subject === 'union' && e.mediation) lines.push(...renderMediation(e.mediation));
  if (e.subject === 'union' && e.committee && e.congress) lines.push(...renderCommittee(e.committee), ...renderCongress(e.congress));
  return lines.join('\n');
}

export async function readFactsFile(file: string): Promise<RuleFacts[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new AppError('BAD_REQUEST', `无法读取事实文件“${file}”：${err.code === 'ENOENT' ? '文件不存在' : err.message}`, [{ field: file, message: err.message }]);
  });
  return decodeFacts(text);
}

export function listRules(o: RulesOptions): string {
  const { date, province } = checkOptions(o);
  const r = resolveRules(date, province ?? null);
  const lines = [`规则集 ${r.ruleSetVersion}｜日期 ${date}｜${province ? `省级代码 ${province}` : '全国通用'}`];
  for (const p of Object.values(r.params)) {
    const bound = p.kind === 'min' || p.kind === 'max' ? (p.inclusive === false ? '（不含边界）' : '（含边界）') : '';
    const local = p.overriddenBy ? `［地方：${p.overriddenBy}］` : '';
    const early = p.beforeFirstVersion ? '［早于首个版本，按最早版本］' : '';
    const money = p.kind === 'fen' || p.id.endsWith('Fen') ? `（${yuan(Number(p.value))}）` : p.kind === 'basisPoints' ? `（${Number(p.value) / 100}%）` : '';
    lines.push(`${p.id}  ${p.label} = ${String(p.value)}${money}${bound} ${p.confidence}${local}${early}`);
    lines.push(`    有效期 ${p.validFrom} 起${p.validTo ? `，至 ${p.validTo} 前` : ''}｜来源 ${p.source}${p.note ? `｜说明 ${p.note}` : ''}`);
  }
  return lines.join('\n');
}

export function planFromFacts(facts: RuleFacts[], o: RulesOptions): PlanResult {
  const { date, province } = checkOptions(o);
  const ctx = createRuleContext(date, RULE_SET, province);
  const enterprises = facts.flatMap((f) => (f.type === 'enterprise' ? [f] : []));
  return planJointBranches(plannerCandidates(enterprises, ctx), plannerOptionsFrom(ctx.forRegion(province ?? null)));
}

export function renderPlan(p: PlanResult): string {
  const lines = [`候选企业 ${p.candidates} 家（正式党员1—2名、未组织覆盖），可覆盖 ${p.covered} 家，建议组建联合党支部 ${p.proposals.length} 个`];
  p.proposals.forEach((x, i) => lines.push(`  ${i + 1}. ${x.enterpriseIds.join('、')}：${x.explanation}`));
  for (const u of p.uncovered) lines.push(`  未能编入：${u.id}：${u.reason}`);
  return lines.join('\n');
}

export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('规则引擎：检查事实、列出规则参数、联合党支部编组建议（不连接数据库）');
  rules.command('check <facts>')
    .description('评估事实文件（JSON：企业、党组织（可含会议记录）、工会、党员，或它们的列表），输出状态、党费、组织生活、下一步与提醒及其规则依据')
    .option('--date <date>', '评估日期 YYYY-MM-DD（默认今天）')
    .option('--province <code>', '按该省规则评估（2位代码），默认按各记录自身区划')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, o: RulesOptions) => {
      const out = explainAll(await readFactsFile(file), o);
      console.log(o.json ? JSON.stringify(out, null, 2) : out.map(renderExplanation).join('\n\n'));
    });
  rules.command('list')
    .description('列出某日期（及省份）适用的全部规则参数、版本与来源')
    .option('--date <date>', '日期 YYYY-MM-DD（默认今天）')
    .option('--province <code>', '2位省级区划代码')
    .option('--json', '以 JSON 输出')
    .action((o: RulesOptions) => {
      const { date, province } = checkOptions(o);
      console.log(o.json ? JSON.stringify(resolveRules(date, province ?? null).params, null, 2) : listRules(o));
    });
  rules.command('plan <facts>')
    .description('根据企业事实文件提出联合党支部编组建议')
    .option('--date <date>', '评估日期 YYYY-MM-DD（默认今天）')
    .option('--province <code>', '2位省级区划代码')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, o: RulesOptions) => {
      const plan = planFromFacts(await readFactsFile(file), o);
      console.log(o.json ? JSON.stringify(plan, null, 2) : renderPlan(plan));
    });
}
