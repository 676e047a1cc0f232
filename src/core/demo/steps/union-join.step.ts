import crypto from 'node:crypto';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import { loadKeyring } from '../../crypto/keyring.js';
import { generateMembers, type GeneratedMember } from '../../generator/members.js';
import { checkPersonFacts, toPersonValues } from '../../person/person-input.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * 扫码入会 (docs/unions.md "扫码入会（亮牌子）"): every active union of the district gets its public
 * link; about one in three has applications from the last three weeks — most waiting, some turned
 * down with a reason, a few referred in from another union. Workers name the enterprises the union
 * covers. Skipped when any application exists, so the step is safe to run twice.
 */
const REASONS = ['申请人已在原单位工会入会，请办理会籍转移', '所填工作单位不在本工会覆盖范围，已电话告知本人', '经电话核实，本人未提交申请'];
const PHONES = ['0755-26601234', '0755-86002345', '0755-26713456', '0755-86304567'];

export const unionJoinStep: DemoStep = {
  title: '生成扫码入会（工会入会二维码、入会申请）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    if (await db.selectFrom('union_application').select('id').limit(1).executeTakeFirst()) {
      ctx.log('      已有入会申请，跳过');
      return;
    }
    const unions = await db.selectFrom('union_org').select(['id', 'name']).where('status', '=', 'active')
      .where('region_code', 'like', `${ctx.district.countyCode}%`).orderBy('id').execute();
    const keyring = ctx.keyring ?? loadKeyring({ dataDir: ctx.workDir, engine: 'pglite' }, () => {});
    const people = generateMembers({ count: Math.max(1, unions.length * 2), seed: ctx.seed + 39, orgs: ['-'], year: Number(todayInChina().slice(0, 4)) });
    const now = Date.now();
    let made = 0;
    await db.transaction().execute(async (tx) => {
      for (const [i, u] of unions.entries()) {
        await tx.insertInto('union_join_link').values({
          union_id: u.id, token: crypto.randomBytes(24).toString('base64url'), show_chair: i % 2 === 0, office_phone: PHONES[i % PHONES.length]!,
        }).onConflict((oc) => oc.column('union_id').doNothing()).execute();
        if (i % 3 !== 0) continue;
        const employers = (await tx.selectFrom('union_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id').select('e.name')
          .where('c.union_id', '=', u.id).where('c.until', 'is', null).limit(3).execute()).map((r) => r.name);
        if (!employers.length) continue;
        for (let k = 0; k < 1 + (i % 4); k++) {
          const g = people.next().value as GeneratedMember | undefined;
          if (!g) break;
          const facts = checkPersonFacts({ name: g.cells.name, idNumber: g.cells.idNumber, phone: g.cells.phone, gender: null, birthDate: null });
          const v = toPersonValues(keyring, facts);
          const live = await tx.selectFrom('union_member as m').innerJoin('person as p', 'p.id', 'm.person_id').select('m.id')
            .where('p.id_number_index', '=', v.id_number_index!).where('m.status', 'in', ['active', 'retained']).executeTakeFirst();
          if (live) continue;
          const rejected = (i + k) % 5 === 4;
          const referredFrom = !rejected && (i + k) % 7 === 3 && i > 0 ? unions[i - 1]! : null;
          const submitted = new Date(now - ((i * 13 + k * 29) % (21 * 24)) * 3_600_000 - 3_600_000);
          const r = await tx.insertInto('union_application').values({
            union_id: u.id, name: facts.name, gender: facts.gender, id_number_enc: v.id_number_enc!, id_number_index: v.id_number_index!,
            phone_enc: v.phone_enc!, phone_index: v.phone_index!, key_id: v.key_id!, employer_name: employers[k % employers.length]!,
            status: rejected ? 'rejected' : 'pending', submitted_at: submitted,
            decision_reason: rejected ? REASONS[(i + k) % REASONS.length]! : null, decided_at: rejected ? new Date(submitted.getTime() + 26 * 3_600_000 > now ? now - 60_000 : submitted.getTime() + 26 * 3_600_000) : null,
            referred_from_union_id: referredFrom?.id ?? null, referral_note: referredFrom ? '申请人在本工会覆盖的企业工作' : null,
          }).onConflict((oc) => oc.columns(['union_id', 'id_number_index']).where('status', '=', 'pending').doNothing()).returning('id').executeTakeFirst();
          if (!r) continue;
          await tx.insertInto('union_application_event').values({ application_id: r.id, kind: 'submitted', union_id: referredFrom?.id ?? u.id, at: submitted }).execute();
          if (referredFrom) await tx.insertInto('union_application_event').values({ application_id: r.id, kind: 'referred', union_id: referredFrom.id, to_union_id: u.id, note: '申请人在本工会覆盖的企业工作' }).execute();
          if (rejected) await tx.insertInto('union_application_event').values({ application_id: r.id, kind: 'rejected', union_id: u.id, note: REASONS[(i + k) % REASONS.length]! }).execute();
          made++;
        }
      }
      await recordAudit(tx, ctx.actor, { action: 'union.application.submit', entity: 'union', after: { demo: true, applications: made, unions: unions.length } });
    });
    ctx.log(`      入会二维码 ${unions.length} 个，入会申请 ${made} 份`);
    ctx.nextSteps.push('在工会页面的“入会申请”中处理待审核的申请，下载入会二维码海报，用手机打开入会链接试一试');
  },
};
