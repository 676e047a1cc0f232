import { sql } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import { checklistVersionOn } from '../../../domain/standards/standards-catalogue.js';
import { resultLabel, starsFor, totalOf } from '../../../domain/standards/standards-score.js';
import { REVIEW_LEVEL_LABELS, type ChecklistVersion, type ReviewLevel } from '../../../domain/standards/standards-types.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's 标准化建设 (docs/standards.md, "Demo"): about one 党支部 in three has this year's
 * 六有 — most passed by the street (marks a few points short of full, so stars vary), some waiting for
 * review, a few returned with a comment, a few still drafting —, one in ten also 七个有 passed by the
 * street and the district; a few 党建示范点 and 先进基层党组织 (named before 七一). Evidence is what a
 * branch writes. Deterministic (by organisation id); dates on or before today; safe to run twice.
 */
const ATTEST: Record<string, string> = {
  site: '与企业工会共用党员活动室，配有党旗、入党誓词和学习资料', funds: '党费返还和企业管理费列支，建有经费台账', effect: '组织党员在生产一线设立党员先锋岗',
  organisation: '按期换届，支部委员会健全', members: '在册正式党员和预备党员见党员名册', rules: '三会一课、组织生活会制度装订成册',
  secretary: '书记由企业中层党员担任，参加过街道书记培训', activities: '每月开展主题党日，有记录可查', leadership: '班子团结，分工明确',
  mechanism: '支委会每月召开', life: '年底召开组织生活会', performance: '企业经营稳定，纳税守信', reputation: '职工满意度调查良好',
};
const COMMENTS = ['请补充阵地照片和活动记录', '制度材料不完整，请补充三会一课记录本', '经费台账请补充本年度支出明细'];

function marksOf(v: ChecklistVersion, id: number): Record<string, number> {
  return Object.fromEntries(v.items.map((i, k) => [i.key, Math.max(0, i.weight - (((id * 31 + k * 7) % 9) < 5 ? 0 : ((id + k) % 5)))]));
}

async function seed(ctx: DemoContext, orgId: number, templateId: string, status: 'draft' | 'submitted' | 'returned' | 'passed', day: string): Promise<void> {
  const db = ctx.database.db;
  const v = checklistVersionOn(templateId, day)!;
  const marks = marksOf(v, orgId);
  const total = totalOf(v, marks);
  const stars = starsFor(v, total);
  const levels: ReviewLevel[] = status === 'passed' ? [...v.reviewLevels] : status === 'returned' ? ['street'] : [];
  const row = await db.insertInto('checklist_assessment').values({
    template_id: v.templateId, template_version: v.validFrom, party_org_id: String(orgId), year: Number(day.slice(0, 4)),
    status, stage: status === 'submitted' ? v.reviewLevels[0]! : null, total: status === 'passed' ? total : null, stars: status === 'passed' ? stars : null,
    submitted_at: status === 'draft' ? null : new Date(`${day}T10:00:00+08:00`),
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!row) return;
  for (const i of v.items) {
    if (status === 'draft' && i.weight > 15) continue;
    await db.insertInto('checklist_evidence').values({ assessment_id: row.id, item_key: i.key, kind: 'attestation', attestation: ATTEST[i.key] ?? '情况见台账' }).execute();
  }
  for (const [k, level] of levels.entries()) {
    const returned = status === 'returned';
    await db.insertInto('checklist_review').values({
      assessment_id: row.id, level, decision: returned ? 'return' : 'pass', marks: JSON.stringify(marks), total, stars: returned ? null : stars,
      comment: returned ? COMMENTS[orgId % COMMENTS.length]! : null, reviewed_at: new Date(`${day}T15:00:00+08:00`),
    }).execute();
    if (!returned && k === levels.length - 1) {
      await db.insertInto('party_org_event').values({ org_id: String(orgId), kind: 'checklist_result', at: day, data: JSON.stringify({ templateId: v.templateId, name: v.name, year: Number(day.slice(0, 4)), total, stars, result: resultLabel(stars), level: REVIEW_LEVEL_LABELS[level] }) }).execute();
    }
  }
}

export const standardsStep: DemoStep = {
  title: '生成标准化建设自评、审核和表彰',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const today = todayInChina();
    const year = today.slice(0, 4);
    const branches = (await sql<{ id: string }>`SELECT id::text FROM party_org WHERE status = 'active' AND org_type = 'branch'
      AND region_code LIKE ${`${ctx.district.countyCode}%`} ORDER BY id`.execute(db)).rows.map((r) => Number(r.id));
    const done = await db.selectFrom('checklist_assessment').select('id').where('year', '=', Number(year)).limit(1).execute();
    if (done.length || !branches.length) { ctx.log('      已有标准化建设记录，跳过'); return; }
    // Reviews come in autumn; a date never after today.
    const dayOf = (id: number, month: number) => { const d = `${year}-${String(month).padStart(2, '0')}-${String(3 + (id % 24)).padStart(2, '0')}`; return d <= today ? d : today; };
    let n = 0;
    for (const id of branches) {
      const r = id % 30;
      if (r >= 10) continue;
      const status = r < 6 ? 'passed' : r < 8 ? 'submitted' : r < 9 ? 'returned' : 'draft';
      await seed(ctx, id, 'partySixHave', status, dayOf(id, 9 + (id % 3)));
      if (r < 3) await seed(ctx, id, 'partySevenHave', 'passed', dayOf(id, 10));
      n++;
      if (id % 41 === 0) await db.insertInto('org_recognition').values({ party_org_id: String(id), kind: 'modelSite', title: '区级党建示范点', level: 'district', granted_on: `${Number(year) - 1}-12-20`, granted_by: '中共深圳市南山区委组织部' }).execute();
      if (id % 37 === 0) await db.insertInto('org_recognition').values({ party_org_id: String(id), kind: 'orgAward', title: '先进基层党组织', level: 'street', granted_on: `${year}-06-28` <= today ? `${year}-06-28` : `${Number(year) - 1}-06-28`, granted_by: '街道党工委' }).execute();
    }
    await db.transaction().execute((tx) => recordAudit(tx, ctx.actor, { action: 'checklist.create', entity: 'checklist', after: { demo: true, organisations: n } }));
    ctx.log(`      ${n} 个党支部的标准化建设自评`);
  },
};
