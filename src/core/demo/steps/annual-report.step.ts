import { sql } from 'kysely';
import type { AppraisalMark } from '../../../db/tables/annual-report.js';
import type { ReportSection } from '../../../domain/annual-report.js';
import { gradeOf, templateFor, totalOf, type AppraisalTemplate } from '../../../domain/appraisal.js';
import { todayInChina } from '../../../domain/org-terms.js';
import type { Executor } from '../../../db/schema.js';
import { scopeFor } from '../../access/scope.js';
import { liveSections } from '../../annual-report/annual-report.query.js';
import { addEvent, insertReport } from '../../annual-report/annual-report.repository.js';
import { secretaryOn } from '../../annual-report/report-figures.repository.js';
import { evidenceFor } from '../../appraisal/appraisal-evidence.js';
import { readAppraisalSettings } from '../../appraisal/appraisal-settings.js';
import { recordAudit } from '../../audit/audit.service.js';
import { findOrg, type PartyOrgView } from '../../party-org/party-org.repository.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * Last year's 年度党建工作报告 and 述职评议 of the demo district (docs/annual-report.md, "Demo"): of
 * the active organisations founded by then, about nine in ten reported — most passed by the street,
 * some waiting for review, a few returned with the street's comment, one in twenty still a draft —
 * each submitted with the figures the report's own prefill gives from the records (the sections of
 * /orgs/:id/annual-report), so the demo's reports and its records agree. The secretaries in post at
 * the year's end of those that submitted are marked on the sheet in force, the street column for
 * all and the district column for one in three, with the evidence from the records; one in eight is
 * left unmarked, so the area's list shows who is still due. Scores follow the records (组织生活 达标
 * or not, the report's state) plus a steady share per person. Dates in January–March of this year,
 * never after today; deterministic by id; safe to run twice (skips once the year has a report).
 */
const HIGHLIGHTS = ['设立党员先锋岗，党员在生产一线带头攻坚', '与社区党委开展联建共建，共享党员活动阵地', '开展“党建+生产经营”活动，党员提出合理化建议被企业采纳',
  '组织党员参加志愿服务，助力社区治理', '建立党员联系职工制度，协调解决职工急难愁盼问题'];
const PROBLEMS = ['党员流动性大，组织生活参加率有待提高', '党建工作与企业生产经营结合不够紧密', '发展党员工作力度不够，积极分子储备不足', '支部委员兼职多，抓党建精力不足'];
const PLANS = ['严格落实“三会一课”制度，每月开展主题党日', '加强积极分子培养，做好发展党员工作', '推进党组织标准化建设，争创星级党组织', '加强党员教育培训，书记参加培训不少于56学时'];
const RETURN_COMMENTS = ['请补充本年度工作亮点的具体事例', '存在问题分析不够具体，请结合组织生活开展情况补充', '下年度工作打算请细化到季度'];
const REVIEW_COMMENTS = ['同意', '报告内容完整，数据与台账一致', '同意，请继续抓好发展党员工作'];
const pick = <T>(xs: readonly T[], n: number): T => xs[Math.abs(n) % xs.length]!;

type State = 'draft' | 'submitted' | 'returned' | 'passed';
/** One organisation in twenty keeps a draft, one in ten is unreported (no row), one in ten returned, one in seven waits. */
function stateOf(id: number): State | null {
  const h = (id * 37) % 100;
  return h < 10 ? null : h < 15 ? 'draft' : h < 25 ? 'returned' : h < 39 ? 'submitted' : 'passed';
}

/** A day `offset` days after the 5th of January of `year + 1`, never after today. */
function dayAfterYear(year: number, offset: number, today: string): Date {
  const d = new Date(Date.UTC(year + 1, 0, 5 + offset, 2));
  const iso = d.toISOString().slice(0, 10);
  return iso > today ? new Date(`${today}T02:00:00Z`) : d;
}

async function report(tx: Executor, ctx: DemoContext, org: PartyOrgView, year: number, state: State, today: string): Promise<ReportSection[]> {
  const id = Number(org.id);
  const figures = await liveSections(tx, org, year);
  const submitted = dayAfterYear(year, id % 40, today);
  const reviewed = dayAfterYear(year, (id % 40) + 3 + (id % 10), today);
  const row = await insertReport(tx, {
    org_id: org.id, year, status: state, highlights: pick(HIGHLIGHTS, id), problems: pick(PROBLEMS, id >> 1), plans: pick(PLANS, id >> 2),
    honours: id % 9 === 0 ? `${year}年度街道“先进基层党组织”` : null,
    figures: state === 'draft' ? null : JSON.stringify(figures), submitted_at: state === 'draft' ? null : submitted,
    submitted_by: null, reviewed_at: state === 'passed' || state === 'returned' ? reviewed : null,
    review_comment: state === 'returned' ? pick(RETURN_COMMENTS, id) : state === 'passed' ? pick(REVIEW_COMMENTS, id) : null,
  });
  await addEvent(tx, row.id, 'saved', ctx.actor.userId);
  if (state !== 'draft') await addEvent(tx, row.id, 'submitted', ctx.actor.userId);
  if (state === 'passed' || state === 'returned') await addEvent(tx, row.id, state, ctx.actor.userId, row.review_comment);
  return figures;
}

/** Each item's mark: what the records say (组织生活, the report) and a steady share per person, never above the weight. */
function marksFor(t: AppraisalTemplate, id: number, life: unknown, state: State, district: boolean): AppraisalMark[] {
  const share = 0.72 + ((id * 13) % 27) / 100;
  const of = (key: string, weight: number): number => {
    if (key === 'report') return state === 'passed' ? weight : state === 'submitted' ? weight - 2 : weight - 4;
    if (key === 'life') return Math.round(weight * (life === '达标' ? Math.max(share, 0.9) : life === '滞后' ? 0.75 : 0.5));
    return Math.min(weight, Math.round(weight * share));
  };
  const street = t.items.map((i) => ({ item: i.key, reviewer: 'street' as const, score: of(i.key, i.weight) }));
  // The district marks a little apart from the street, never above the weight.
  const districtMarks = district ? t.items.map((i) => ({ item: i.key, reviewer: 'district' as const, score: Math.max(0, Math.min(i.weight, of(i.key, i.weight) - ((id + i.weight) % 3) + 1)) })) : [];
  return [...street, ...districtMarks];
}

async function appraise(tx: Executor, ctx: DemoContext, org: PartyOrgView, year: number, state: State, figures: ReportSection[], allowance: Record<string, string>): Promise<boolean> {
  const id = Number(org.id);
  const sec = await secretaryOn(tx, org.id, `${year}-12-31`);
  if (!sec || id % 8 === 0) return false;
  const t = templateFor('secretary', `${year}-12-31`);
  const personId = String(sec.person_id);
  const evidence = [];
  for (const item of t.items) evidence.push({ item: item.key, figures: item.evidence ? await evidenceFor(tx, item.evidence, { year, personId, org }) : [] });
  const life = figures.find((s) => s.key === 'meetings')?.figures.find((f) => f.key === 'status')?.value;
  const marks = marksFor(t, id, life, state, id % 3 === 0);
  const total = totalOf(t, marks);
  const grade = gradeOf(t, total);
  await tx.insertInto('appraisal').values({
    kind: 'secretary', subject_id: org.id, person_id: personId, year, template_id: t.id, marks: JSON.stringify(marks), evidence: JSON.stringify(evidence),
    total, grade, allowance: grade ? allowance[grade] ?? null : null, comment: grade === 'excellent' ? '抓党建工作成效明显' : null, marked_by: ctx.actor.userId,
  }).execute();
  return true;
}

export const annualReportStep: DemoStep = {
  title: '生成上年度党建工作报告和书记述职评议',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const today = todayInChina();
    const year = Number(today.slice(0, 4)) - 1;
    const prefix = `${ctx.district.countyCode}%`;
    const done = await sql`SELECT 1 FROM annual_report r JOIN party_org o ON o.id = r.org_id WHERE r.year = ${year} AND o.region_code LIKE ${prefix} LIMIT 1`.execute(db);
    if (done.rows.length) { ctx.log('      已有上年度报告，跳过'); return; }
    const ids = (await sql<{ id: string }>`SELECT o.id FROM party_org o WHERE o.status = 'active' AND o.region_code LIKE ${prefix}
      AND (o.founded_on IS NULL OR o.founded_on <= ${`${year}-12-31`}::date) ORDER BY o.id`.execute(db)).rows.map((r) => r.id);
    const scope = scopeFor(ctx.actor, 'org.read');
    const counts = await db.transaction().execute(async (tx) => {
      const allowance = (await readAppraisalSettings(tx)).allowance;
      const c = { draft: 0, submitted: 0, returned: 0, passed: 0, appraised: 0 };
      for (const id of ids) {
        const state = stateOf(Number(id));
        const org = state ? await findOrg(tx, scope, id) : undefined;
        if (!state || !org) continue;
        const figures = await report(tx, ctx, org, year, state, today);
        c[state] += 1;
        if (state !== 'draft' && await appraise(tx, ctx, org, year, state, figures, allowance)) c.appraised += 1;
      }
      await recordAudit(tx, ctx.actor, { action: 'annualReport.submit', entity: 'annual_report', after: { demo: true, year, ...c } });
      return c;
    });
    ctx.log(`      ${year}年度报告：通过 ${counts.passed}、待审核 ${counts.submitted}、退回 ${counts.returned}、草稿 ${counts.draft}；书记述职评议已评分 ${counts.appraised} 人`);
    ctx.nextSteps.push(`在“统计报表 → 年度党建工作报告”和“述职评议、考核情况”查看${year}年度的报告和评议`);
  },
};
