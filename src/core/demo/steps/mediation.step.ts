import { todayInChina } from '../../../domain/org-terms.js';
import type { MediationCategory } from '../../../domain/mediation.js';
import { addMonths, fromDay, toDay } from '../../../domain/rules/dates.js';
import { mediationDueOn } from '../../../domain/rules/mediation.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's labour dispute mediation (docs/unions.md, "劳动争议调解"): a 劳动争议调解委员会 in
 * every active large or medium enterprise with a union (chair a union member, an elected employee
 * representative, an employer representative), a 劳动人事争议调解中心 per street, and 1–3 cases per
 * street per month over the past year — most agreed within 15 days, some without agreement (the
 * arbitration pointer), a few withdrawn or late, a few open in the last weeks. Deterministic by ids;
 * every date before today; a district that already has bodies is left alone, so it is safe to run twice.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '志强', '海燕', '晓东', '春梅', '国庆', '丽华', '文斌', '小红', '建国', '玉兰', '俊杰', '雪梅', '志明', '红霞', '德华', '宏伟'];
const nameOf = (n: number) => SURNAMES[n % SURNAMES.length]! + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]!;

type Claim = { category: MediationCategory; text: string; min: number; max: number };
const CLAIMS: Claim[] = [
  { category: 'pay', text: '支付拖欠的工资', min: 3_000, max: 45_000 },
  { category: 'pay', text: '支付延时加班和休息日加班工资', min: 2_000, max: 22_000 },
  { category: 'pay', text: '支付解除劳动合同经济补偿', min: 8_000, max: 80_000 },
  { category: 'pay', text: '支付工伤医疗费和停工留薪期工资', min: 6_000, max: 60_000 },
  { category: 'contract', text: '支付未订立书面劳动合同的二倍工资差额', min: 10_000, max: 66_000 },
  { category: 'contract', text: '继续履行劳动合同，恢复原工作岗位', min: 0, max: 0 },
  { category: 'dismissal', text: '支付违法解除劳动合同赔偿金', min: 12_000, max: 120_000 },
  { category: 'dismissal', text: '出具解除劳动合同证明并办理档案和社会保险关系转移手续', min: 0, max: 0 },
  { category: 'conditions', text: '补缴社会保险费', min: 3_000, max: 30_000 },
  { category: 'conditions', text: '支付未休年休假工资报酬', min: 1_500, max: 9_000 },
  { category: 'relationship', text: '确认与被申请人存在劳动关系', min: 0, max: 0 },
];
// Weighted: wages and overtime are the most common claims.
const CLAIM_ORDER = [0, 0, 1, 2, 0, 1, 3, 4, 6, 0, 2, 8, 1, 9, 5, 7, 10, 0, 2, 6];

export const mediationStep: DemoStep = {
  title: '生成劳动争议调解（企业调解委员会、街道调解中心、近一年的调解案件）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const county = ctx.district.countyCode;
    const today = todayInChina();
    const t = toDay(today);
    const existing = await db.selectFrom('mediation_body as b').leftJoin('enterprise as e', 'e.id', 'b.enterprise_id').select('b.id')
      .where((eb) => eb.or([eb('b.region_code', 'like', `${county}%`), eb('e.region_code', 'like', `${county}%`)])).executeTakeFirst();
    if (existing) { ctx.log('      已有调解组织，跳过'); return; }

    const person = async (n: number, region: string | null) =>
      (await db.insertInto('person').values({ name: nameOf(n), region_code: region }).returning('id').executeTakeFirstOrThrow()).id;
    let people = 7;

    // Committees: active large and medium enterprises with a union covering them.
    const firms = await db.selectFrom('enterprise as e').innerJoin('union_coverage as uc', 'uc.enterprise_id', 'e.id')
      .select(['e.id', 'e.name', 'e.region_code', 'e.founded_on', 'uc.union_id']).where('uc.until', 'is', null)
      .where('e.size_class', 'in', ['large', 'medium']).where('e.operating_status', '=', 'active').where('e.region_code', 'like', `${county}%`)
      .orderBy('e.id').execute();
    const committees = new Map<string, { id: string; enterpriseId: string; name: string }[]>();
    const seen = new Set<string>();
    for (const f of firms) {
      if (seen.has(f.id) || Number(f.id) % 10 === 0) continue; // one in ten lacks a committee: the gap list has work
      seen.add(f.id);
      const founded = fromDay(Math.max(toDay(f.founded_on ?? '2012-01-01'), toDay('2012-01-01')) + 200 + (Number(f.id) % 300));
      const b = await db.insertInto('mediation_body').values({ kind: 'enterprise', name: `${f.name}劳动争议调解委员会`, enterprise_id: f.id, union_id: f.union_id, founded_on: founded < today ? founded : today })
        .returning('id').executeTakeFirstOrThrow();
      for (const [side, basis, chair] of [['employee', 'unionMember', true], ['employee', 'elected', false], ['employer', 'appointed', false]] as const) {
        await db.insertInto('mediation_body_member').values({ body_id: b.id, person_id: await person(people++ * 13, f.region_code), side, basis, chair, chair_basis: chair ? 'unionMember' : null, since: founded < today ? founded : today }).execute();
      }
      const street = (f.region_code ?? '').slice(0, 9);
      committees.set(street, [...(committees.get(street) ?? []), { id: b.id, enterpriseId: f.id, name: f.name }]);
    }

    // Street bodies and their cases.
    const streets = await db.selectFrom('region').select(['code', 'name']).where('level', '=', 4).where('code', 'like', `${county}%`).orderBy('code').execute();
    let cases = 0;
    for (const [si, s] of streets.entries()) {
      const prefix = s.code.slice(0, 9);
      const employers = await db.selectFrom('enterprise').select(['id', 'name']).where('region_code', 'like', `${prefix}%`).where('operating_status', '=', 'active')
        .orderBy('id').limit(200).execute();
      if (!employers.length) continue;
      const body = await db.insertInto('mediation_body').values({ kind: 'street', name: `${s.name}劳动人事争议调解中心`, region_code: s.code, founded_on: '2009-03-01' })
        .returning('id').executeTakeFirstOrThrow();
      const mine = committees.get(prefix) ?? [];
      for (let m = 11; m >= 0; m--) {
        const monthStart = addMonths(t, -m) - (Number(fromDay(addMonths(t, -m)).slice(8, 10)) - 1);
        const n = 1 + ((si * 7 + m * 5) % 3);
        for (let k = 0; k < n; k++) {
          const seed = si * 1000 + m * 10 + k;
          const received = monthStart + ((seed * 11) % 27);
          if (received > t - 1) continue;
          const atCommittee = mine.length > 0 && seed % 3 === 0;
          const c = atCommittee ? mine[seed % mine.length]! : null;
          const employer = c ? { id: c.enterpriseId, name: c.name } : employers[(seed * 17) % employers.length]!;
          const claim = CLAIMS[CLAIM_ORDER[seed % CLAIM_ORDER.length]!]!;
          const collective = seed % 29 === 5 && claim.category === 'pay';
          const workers = collective ? 10 + (seed % 6) : 1 + (seed % 7 === 0 ? 1 : 0);
          const claimedYuan = claim.max ? Math.round((claim.min + ((seed * 7919) % (claim.max - claim.min))) / 10) * 10 * (collective ? workers : 1) : 0;
          const receivedOn = fromDay(received);
          const age = t - received;
          // Outcome by a fixed draw: open when recent (a few overdue), else mostly agreed in time.
          const draw = (seed * 37) % 100;
          const outcome = age <= 12 || (age <= 25 && draw < 15) ? null : draw < 70 ? 'agreed' : draw < 84 ? 'failed' : draw < 91 ? 'withdrawn' : 'lateAgreed';
          const closedAfter = outcome === 'lateAgreed' ? 16 + (seed % 5) : outcome === 'failed' ? 12 + (seed % 4) : outcome === 'withdrawn' ? 2 + (seed % 6) : 3 + (seed % 11);
          const closed = outcome ? Math.min(t - 1, received + closedAfter) : null;
          const status = outcome === null ? (age > 2 ? 'mediating' : 'accepted') : outcome === 'lateAgreed' ? 'agreed' : outcome;
          const agreedYuan = status === 'agreed' ? Math.round((claimedYuan * (60 + (seed % 36))) / 1000) * 10 : null;
          const { id } = await db.insertInto('mediation_case').values({
            body_id: c ? c.id : body.id, received_on: receivedOn, due_on: mediationDueOn(receivedOn), employer_enterprise_id: employer.id, employer_name: employer.name,
            collective, category: claim.category, claim: claim.text, claimed_fen: claimedYuan * 100, agreed_fen: agreedYuan === null ? null : agreedYuan * 100,
            known_on: fromDay(received - 5 - (seed % 40)), status, closed_on: closed === null ? null : fromDay(closed),
            agreement_text: status === 'agreed' ? (agreedYuan ? `被申请人于${fromDay(Math.min(t - 1, (closed ?? received) + 10))}前一次性支付申请人上述款项` : '被申请人按申请人的请求办理相关手续') : null,
            outcome_note: status === 'failed' ? '双方对金额分歧较大，未能达成一致' : status === 'withdrawn' ? '双方自行和解，申请人撤回申请' : null,
          }).returning('id').executeTakeFirstOrThrow();
          const ids: string[] = [];
          for (let w = 0; w < workers; w++) ids.push(await person(people++ * 13 + w, s.code));
          await db.insertInto('mediation_case_party').values(ids.map((p, i) => ({ case_id: id, person_id: p, role: 'applicant' as const, ordinal: i }))).execute();
          if (collective) await db.insertInto('mediation_case_party').values(ids.slice(0, 2).map((p, i) => ({ case_id: id, person_id: p, role: 'representative' as const, ordinal: i }))).execute();
          const events = [{ kind: 'received', at: receivedOn }, ...(status !== 'accepted' && status !== 'withdrawn' ? [{ kind: 'started', at: fromDay(Math.min(t - 1, received + 2)) }] : [])];
          if (closed !== null) events.push({ kind: status, at: fromDay(closed) });
          await db.insertInto('mediation_case_event').values(events.map((e) => ({ case_id: id, kind: e.kind, at: e.at, data: '{}' }))).execute();
          cases++;
        }
      }
    }
    await db.transaction().execute((tx) => recordAudit(tx, ctx.actor, { action: 'demo.mediation', entity: 'mediation_case', after: { committees: seen.size, streets: streets.length, cases } }));
    ctx.log(`      调解委员会 ${seen.size} 个，街道调解中心若干，调解案件 ${cases} 件`);
  },
};
