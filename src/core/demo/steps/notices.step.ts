import { todayInChina } from '../../../domain/org-terms.js';
import { fromDay, toDay } from '../../../domain/rules/dates.js';
import type { NoticeField } from '../../../domain/notice.js';
import { recordAudit } from '../../audit/audit.service.js';
import { openReplyTasks } from '../../notice/notice-tasks.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's notices (docs/notices.md, "Demo"): a handful from 区委组织部 to every Party
 * organisation (or union) of the district, and from one street's 党工委 to its own; published weeks
 * ago, read by most recipients, answered by about two thirds — the rest keep their 回复通知 task,
 * overdue. Every date is in the past. Safe to run twice (skips once the district has notices).
 */
type N = { title: string; body: string; back: number; days: number; receipt: boolean; kinds: Array<'party_org' | 'union_org'>; form: NoticeField[]; street?: true };

const N_: N[] = [
  {
    title: '关于开展2026年度党组织书记述职评议的通知', back: 40, days: 20, receipt: true, kinds: ['party_org'],
    body: '各非公企业党组织：\n根据区委组织部年度工作安排，现就开展2026年度基层党组织书记抓党建工作述职评议有关事项通知如下：\n一、述职对象：各非公企业党组织书记。\n二、述职内容：履行党建工作第一责任人职责情况、“三会一课”落实情况、发展党员和党员教育管理情况。\n三、请各党组织于截止日期前填报回执。',
    form: [{ key: 'members', label: '党员人数', type: 'number', required: true }, { key: 'heldOn', label: '拟述职日期', type: 'date', required: true }, { key: 'contact', label: '联系人', type: 'text', required: false }],
  },
  {
    title: '关于做好2026年度党费收缴工作的通知', back: 75, days: 15, receipt: true, kinds: ['party_org'],
    body: '各党组织：\n请按照《关于中国共产党党费收缴、使用和管理的规定》，核定本年度党员交纳党费基数，按月足额收缴，并于截止日期前报送本组织党费收缴情况。',
    form: [{ key: 'paid', label: '本季度已交党费人数', type: 'number', required: true }, { key: 'amount', label: '本季度党费合计（元）', type: 'number', required: true }],
  },
  {
    title: '关于组织收看全国劳动模范和先进工作者表彰大会的通知', back: 20, days: 7, receipt: true, kinds: ['union_org'], form: [],
    body: '各企业工会：\n请组织会员集中收看表彰大会直播，学习劳模精神、劳动精神、工匠精神。无需回复。',
  },
  {
    title: '关于开展“两新”组织党建工作排查摸底的通知', back: 12, days: 10, receipt: false, kinds: ['party_org'], street: true,
    body: '辖区各党组织：\n为摸清辖区非公企业党建底数，请各党组织核对本组织党员人数和覆盖企业情况，于截止日期前回复是否已完成核对。',
    form: [{ key: 'checked', label: '是否已完成核对', type: 'choice', required: true, options: ['已完成', '正在核对'] }, { key: 'note', label: '需要街道协调的事项', type: 'text', required: false }],
  },
];

const day = (back: number) => fromDay(toDay(todayInChina()) - back);
const at = (back: number, hour: number) => new Date(`${day(back)}T${String(hour).padStart(2, '0')}:00:00+08:00`);

function replyOf(form: NoticeField[], i: number, back: number): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of form) {
    if (f.type === 'number') out[f.key] = f.key === 'amount' ? 120 + (i % 7) * 35 : 3 + (i % 9);
    else if (f.type === 'date') out[f.key] = day(Math.max(1, back - 25 - (i % 5)));
    else if (f.type === 'choice') out[f.key] = f.options![i % 3 === 0 ? 1 : 0]!;
    else out[f.key] = f.required || i % 2 ? ['王敏', '李建华', '陈晓燕', '刘洋', '张伟'][i % 5]! : null;
  }
  return out;
}

export const noticesStep: DemoStep = {
  title: '生成通知公告和回执（区委组织部、街道党工委）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const county = `${ctx.district.countyCode}000000`;
    if (await db.selectFrom('notice').select('id').where('publisher_region_code', 'like', `${ctx.district.countyCode}%`).limit(1).executeTakeFirst()) { ctx.log('      已有通知，跳过'); return; }
    const street = await db.selectFrom('region').select(['code', 'name', 'prefix']).where('parent_code', '=', county).orderBy('code').limit(1).executeTakeFirst();
    let copies = 0, replies = 0;
    await db.transaction().execute(async (tx) => {
      for (const n of N_) {
        const prefix = n.street && street ? street.prefix : ctx.district.countyCode;
        const office = n.street && street ? { code: street.code, name: `${street.name}党工委` } : { code: county, name: n.kinds[0] === 'union_org' ? '区总工会' : '区委组织部' };
        const row = await tx.insertInto('notice').values({
          title: n.title, body: n.body, publisher_region_code: office.code, publisher_name: office.name, deadline: day(n.back - n.days), ask_receipt: n.receipt,
          reply_form: JSON.stringify(n.form), target: JSON.stringify({ mode: 'region', kinds: n.kinds }), state: 'published', published_at: at(n.back, 9), published_by: null,
        }).returningAll().executeTakeFirstOrThrow();
        const orgs = n.kinds[0] === 'party_org'
          ? await tx.selectFrom('party_org').select(['id', 'region_code']).where('status', '=', 'active').where('region_code', 'like', `${prefix}%`).orderBy('id').execute()
          : await tx.selectFrom('union_org').select(['id', 'region_code']).where('status', '=', 'active').where('region_code', 'like', `${prefix}%`).orderBy('id').execute();
        if (!orgs.length) continue;
        const recipients = await tx.insertInto('notice_recipient').values(orgs.map((o) => ({
          notice_id: row.id, party_org_id: n.kinds[0] === 'party_org' ? o.id : null, union_id: n.kinds[0] === 'union_org' ? o.id : null, region_code: o.region_code,
        }))).returningAll().execute();
        copies += recipients.length;
        // About nine in ten read it, two in three answer it (the rest keep their task).
        for (const [i, r] of recipients.entries()) {
          const read = n.receipt && i % 10 !== 9;
          const reply = n.form.length > 0 && i % 3 !== 2;
          if (!read && !reply) continue;
          await tx.updateTable('notice_recipient').set({
            read_at: read ? at(n.back - 1 - (i % 3), 10) : null,
            ...(reply ? { reply: JSON.stringify(replyOf(n.form, i, n.back)), replied_at: at(Math.max(1, n.back - 3 - (i % Math.max(1, n.days - 3))), 15) } : {}),
          }).where('id', '=', r.id).execute();
          if (reply) replies++;
        }
        if (n.form.length) {
          const open = recipients.filter((_, i) => i % 3 === 2);
          await openReplyTasks(tx, ctx.actor, row, open);
        }
      }
      await recordAudit(tx, ctx.actor, { action: 'notice.publish', entity: 'notice', after: { demo: true, notices: N_.length, copies, replies } });
    });
    ctx.log(`      通知 ${N_.length} 份，发至组织 ${copies} 个次，回执 ${replies} 份`);
  },
};
