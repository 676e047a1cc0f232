import type { Insertable } from 'kysely';
import type { UnionBargainingTable } from '../../../db/tables/union-bargaining.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { addYears, fromDay, toDay } from '../../../domain/rules/dates.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's 集体协商 (docs/unions.md, "集体协商"): by union id, most unions with a 综合集体合同
 * in force (some of them renewed once already, some with a 工资专项 contract too), some renewing, one
 * in twenty expired with no renewal, a few with overdue replies or filings, failed and passed votes,
 * contracts under review. Every date lies before today; a union that already has a round is
 * skipped, so the step is safe to run twice.
 */
const SESSION_NOTES = ['协商工资调整幅度和加班费计发办法', '协商工作时间、休息休假和女职工特殊保护条款', '协商劳动安全卫生和职业培训条款', '就草案文本逐条核对，形成一致意见'];
type Plan = 'inForce' | 'renewed' | 'renewing' | 'expired' | 'replyOverdue' | 'filingOverdue' | 'voteFailed' | 'passed' | 'underReview' | 'negotiating' | 'none';
const PLANS: Plan[] = ['inForce', 'inForce', 'renewed', 'inForce', 'inForce', 'renewed', 'inForce', 'inForce', 'inForce', 'inForce',
  'renewing', 'renewing', 'expired', 'replyOverdue', 'filingOverdue', 'voteFailed', 'passed', 'underReview', 'negotiating', 'none'];

function representatives(members: number) {
  // ≥100 employees: a 职代会 of 30 plus 5 per further 100 (the Shanghai formula, a realistic size); fewer: a 职工大会 of all.
  const all = members >= 100 ? Math.min(150, 30 + Math.floor((members - 100) / 100) * 5) : Math.max(members, 8);
  return { all, present: Math.ceil(all * 0.86), yes: Math.floor(all * 0.78) };
}

type Step = { kind: string; at: string; data: Record<string, unknown> };

export const bargainingStep: DemoStep = {
  title: '生成集体协商（要约、答复、协商、职代会审议、签订、报送、续签）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const today = todayInChina();
    const t = toDay(today);
    const day = (offset: number) => fromDay(Math.min(t, t + offset));
    const unions = await db.selectFrom('union_org').select(['id', 'members']).where('status', '=', 'active')
      .where('region_code', 'like', `${ctx.district.countyCode}%`).orderBy('id').execute();
    const done = new Set((await db.selectFrom('union_bargaining').select('union_id').distinct().execute()).map((r) => r.union_id));
    let rounds = 0;
    for (const u of unions) {
      if (done.has(u.id)) continue;
      const id = Number(u.id);
      const plan = PLANS[id % PLANS.length]!;
      if (plan === 'none') continue;
      const v = representatives(u.members);
      const spread = (id * 7) % 60;
      const steps: Step[] = [];
      /** One round: request `at` days ago, stopping after `upTo`; a 3-year (or 1-year wage) term from the signing. */
      const round = async (kind: 'collective' | 'wage', at: number, upTo: 'request' | 'reply' | 'session' | 'failedVote' | 'vote' | 'sign' | 'file', years = kind === 'wage' ? 1 : 3) => {
        const order = ['request', 'reply', 'session', 'failedVote', 'vote', 'sign', 'file'];
        const reached = (s: string) => order.indexOf(s) <= order.indexOf(upTo) && !(s === 'vote' && upTo === 'failedVote');
        const req = day(-at);
        const row: Insertable<UnionBargainingTable> = { union_id: u.id, contract_kind: kind, requested_on: req, requested_by: id % 4 === 0 ? 'employer' : 'union',
          request_notes: kind === 'wage' ? `${req.slice(0, 4)}年度工资专项集体协商` : `${req.slice(0, 4)}年综合集体合同协商` };
        steps.push({ kind: 'bargaining_requested', at: req, data: { kind: kind === 'wage' ? '工资专项集体合同' : '综合集体合同' } });
        if (reached('reply')) { row.replied_on = day(-at + 6 + (id % 12)); steps.push({ kind: 'bargaining_replied', at: row.replied_on, data: {} }); }
        if (reached('session')) {
          row.sessions = JSON.stringify([0, 1].map((k) => ({ heldOn: day(-at + 22 + k * 14), notes: SESSION_NOTES[(id + k) % SESSION_NOTES.length]! })));
          steps.push({ kind: 'bargaining_session', at: day(-at + 36), data: { sessions: 2 } });
        }
        if (upTo === 'failedVote') Object.assign(row, { vote_on: day(-at + 50), vote_representatives: v.all, vote_present: Math.floor(v.all * 0.6), vote_yes: Math.floor(v.all * 0.55) });
        if (reached('vote')) Object.assign(row, { vote_on: day(-at + 50), vote_representatives: v.all, vote_present: v.present, vote_yes: v.yes });
        if (row.vote_on) steps.push({ kind: 'bargaining_vote', at: row.vote_on as string, data: { representatives: row.vote_representatives, present: row.vote_present, yes: row.vote_yes } });
        if (reached('sign')) {
          const signed = day(-at + 56);
          const starts = fromDay(toDay(signed) + 10);
          const ends = fromDay(addYears(toDay(starts), years) - 1);
          const filed = reached('file') ? day(-at + 56 + 3 + (id % 6)) : null;
          const c = await db.insertInto('union_contract').values({ union_id: u.id, kind, signed_on: signed, starts_on: starts, ends_on: ends, filed_on: filed })
            .returning('id').executeTakeFirstOrThrow();
          Object.assign(row, { signed_on: signed, starts_on: starts, ends_on: ends, contract_id: c.id, filed_on: filed });
          steps.push({ kind: 'contract_signed', at: signed, data: { kind: kind === 'wage' ? '工资专项集体合同' : '综合集体合同', startsOn: starts, endsOn: ends } });
          if (filed) steps.push({ kind: 'bargaining_filed', at: filed, data: { filedOn: filed } });
        }
        await db.insertInto('union_bargaining').values(row).execute();
        rounds++;
      };
      const threeYears = toDay(today) - addYears(toDay(today), -3);
      if (plan === 'inForce') await round('collective', 200 + spread * 9, 'file');
      if (plan === 'renewed') { await round('collective', threeYears + 120 + spread, 'file'); await round('collective', 150 + spread, 'file'); }
      // Signed ~3 years before an end 20–50 days away (or just past): the renewal round under way.
      if (plan === 'renewing') { await round('collective', threeYears + 66 - 20 - (spread % 30), 'file'); await round('collective', 25 + (spread % 20), id % 3 ? 'session' : 'reply'); }
      if (plan === 'expired') await round('collective', threeYears + 66 + 20 + (spread % 40), 'file');
      if (plan === 'replyOverdue') await round('collective', 30 + (spread % 20), 'request');
      if (plan === 'filingOverdue') await round('collective', 56 + 18 + (spread % 10), 'sign');
      if (plan === 'voteFailed') await round('collective', 60 + (spread % 20), 'failedVote');
      if (plan === 'passed') await round('collective', 52 + (spread % 3), 'vote');
      if (plan === 'underReview') await round('collective', 56 + 10 + (spread % 3), 'file');
      if (plan === 'negotiating') await round('collective', 40 + (spread % 10), 'session');
      // A 工资专项集体合同 of one year beside about a third of the contracts in force.
      if ((plan === 'inForce' || plan === 'renewed') && id % 3 === 0) await round('wage', 120 + (spread % 90), 'file');
      for (const s of steps) await db.insertInto('union_event').values({ union_id: u.id, kind: s.kind, at: s.at, data: JSON.stringify(s.data), actor_id: null }).execute();
    }
    if (!rounds) { ctx.log('      已有集体协商记录，跳过'); return; }
    await db.transaction().execute((tx) => recordAudit(tx, ctx.actor, { action: 'union.bargaining.create', entity: 'union', after: { demo: true, rounds } }));
    ctx.log(`      集体协商 ${rounds} 轮`);
  },
};
