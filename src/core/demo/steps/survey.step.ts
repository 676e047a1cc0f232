import { sql } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import { loadKeyring } from '../../crypto/keyring.js';
import { closeCampaign, createCampaign } from '../../survey/survey-campaign.service.js';
import { acceptMany } from '../../survey/survey-decide.service.js';
import { expiryOf, signLink } from '../../survey/survey-link.js';
import { answerSurvey } from '../../survey/survey.public.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * 排查摸底 (docs/surveys.md): one finished campaign, 2026年度两新组织排查摸底, over the district's busiest
 * street — about 85% of the enterprises answered through their own signed link (employee counts a little off the
 * registration's, a contact and phone), the district accepted them, the rest are reminded non-
 * responders; then it was closed. Dates moved back to October–November. Skipped when it exists.
 */
const NAME = '2026年度两新组织排查摸底';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['晓燕', '建国', '丽华', '志强', '海燕', '伟', '静', '敏', '俊杰', '秀英'];

export const surveyStep: DemoStep = {
  title: '生成排查摸底（2026年度两新组织排查摸底：填报、采纳）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    if (await db.selectFrom('survey_campaign').select('id').where('name', '=', NAME).executeTakeFirst()) {
      ctx.log('      已有排查摸底，跳过');
      return;
    }
    const keyring = ctx.keyring ?? loadKeyring({ dataDir: ctx.workDir, engine: 'pglite' }, () => {});
    // The round covers the district's busiest street (a few hundred enterprises): every answer goes
    // through the public page's own path, so the whole district would cost the demo minutes.
    const street = await db.selectFrom('enterprise').select(sql<string>`substr(region_code, 1, 9)`.as('street'))
      .where('region_code', 'like', `${ctx.district.countyCode}%`).where('operating_status', '=', 'active')
      .groupBy(sql`substr(region_code, 1, 9)`).orderBy(sql`count(*)`, 'desc').orderBy(sql`substr(region_code, 1, 9)`).limit(1).executeTakeFirst();
    if (!street) return;
    const campaign = await createCampaign(db, ctx.actor, {
      name: NAME, intro: '为摸清我区非公企业和社会组织党建、工会工作底数，请各单位如实填写，如有疑问请联系所在街道党工委。',
      closesOn: todayInChina(), filter: { regionPrefix: street.street },
      fields: [
        { key: 'employees', label: '从业人员数', type: 'number', required: true, fact: 'employeeCount' },
        { key: 'members', label: '党员人数', type: 'number', required: true, fact: 'memberCount' },
        { key: 'union', label: '是否建立工会', type: 'yesNo', required: true, fact: 'unionReported' },
        { key: 'contact', label: '联系人', type: 'text', required: true, fact: 'contactName' },
        { key: 'phone', label: '联系电话', type: 'text', required: true, fact: 'contactPhone' },
        { key: 'plan', label: '是否有意愿建立党组织', type: 'choice', required: false, options: ['有意愿', '暂无意愿', '已建立'] },
      ],
    });
    const targets = await db.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
      .select(['t.id', 't.link_nonce', 'e.employee_count', 'e.member_count']).where('t.campaign_id', '=', campaign.id).orderBy('t.id').execute();
    const expiresAt = expiryOf(campaign.closesOn);
    const answered: string[] = [];
    for (const [i, t] of targets.entries()) {
      if (i % 7 === 3) continue; // about one in seven never answered
      const token = signLink(keyring, { targetId: String(t.id), campaignId: campaign.id, expiresAt, nonce: t.link_nonce });
      const employees = Math.max(1, (t.employee_count ?? 8 + (i % 30)) + ((i % 5) - 2));
      const members = i % 4 === 0 ? (t.member_count ?? 0) + 1 : t.member_count ?? i % 3;
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
      await answerSurvey({ db, keyring: () => keyring }, token, {
        respondent: name,
        values: {
          employees: String(employees), members: String(members), union: employees >= 25 && i % 3 !== 0 ? '是' : '否', contact: name,
          phone: `13${String(600000000 + ((i * 7919) % 399999999)).padStart(9, '0')}`, plan: members >= 3 ? '有意愿' : '暂无意愿',
        },
      }, { ip: `demo-${i}`, userAgent: 'demo' });
      answered.push(String(t.id));
    }
    // The district accepted nearly everything; a few answers are left for the street to look at.
    const accept = answered.filter((_, i) => i % 12 !== 5);
    for (let i = 0; i < accept.length; i += 100) {
      await acceptMany({ db, keyring: () => keyring, baseUrl: '' }, ctx.actor, campaign.id, accept.slice(i, i + 100));
    }
    await closeCampaign(db, ctx.actor, campaign.id, (await db.selectFrom('survey_campaign').select('version').where('id', '=', campaign.id).executeTakeFirstOrThrow()).version);
    // A real round ran from mid-October to the end of November.
    await db.updateTable('survey_campaign').set({ closes_on: '2026-11-30', created_at: new Date('2026-10-15T09:00:00+08:00') }).where('id', '=', campaign.id).execute();
    await sql`UPDATE survey_target SET answered_at = TIMESTAMPTZ '2026-10-16 09:00+08' + (id % 40)::int * INTERVAL '1 day' + (id % 9)::int * INTERVAL '1 hour'
      WHERE campaign_id = ${campaign.id} AND answered_at IS NOT NULL`.execute(db);
    ctx.log(`      ${targets.length} 家企业，${answered.length} 家已填报，采纳 ${accept.length} 家`);
  },
};
