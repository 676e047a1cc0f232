import type { ApprovalSubmit } from '../../../contracts/approval.js';
import type { Executor } from '../../../db/schema.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { decideIn } from '../../approval/approval-decide.js';
import { submitRequestIn } from '../../approval/approval-submit.js';
import { loadKeyring, type Keyring } from '../../crypto/keyring.js';
import {
  actorOf, communityGrant, districtGrant, ensureAccount, ensureDeclarationFlow, inflowDeclaration, readyForAdmission, secretaryGrant, streetGrant,
  type Applicant, type DemoAccount,
} from '../approval-demo.js';
import * as repo from '../approval-demo.repository.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * 审批 in flight (docs/approvals.md): what a district has under way on an ordinary day, submitted and
 * decided through the engine's own code by the officials who would — two streets' 综合党委 ask, their
 * communities and streets decide, the district's 组织部 has one on its desk. 接收预备党员 waiting at a
 * street in each street, one just submitted waiting at the community, one passed by 社区 and 街道 waiting at
 * the district, one returned by the street with its comment, a 亮身份确认 waiting at a community and a 成立党组织
 * waiting at a street. Safe to run twice: an account, a case, a declaration or a request already there is
 * kept (a request of the kind about the record, whatever its state since), so a showing's own clicks stay.
 */
type Level = { who: string; decision: 'approve' | 'return'; comment: string };
type Plan = { requester: string; submit: Omit<ApprovalSubmit, 'version'>; version: (tx: Executor) => Promise<number>; levels: Level[] };

const SUBMITTED = '支部大会已讨论通过，材料齐全，请审批';
const COMMUNITY_OK: Level['comment'] = '经核实，谈话、公示和支部大会材料齐全，同意';

export const approvalsStep: DemoStep = {
  title: '提交在办的审批事项',
  async run(ctx) {
    const db = ctx.database.db;
    const branches = await repo.demoBranches(db, ctx.district.countyCode);
    const streets = [...new Set(branches.map((b) => b.street))].slice(0, 2);
    if (streets.length < 2) {
      ctx.log('      没有两个街道可用于演示审批，跳过');
      return;
    }
    const keyring = ctx.keyring ?? loadKeyring({ dataDir: ctx.workDir, engine: 'pglite' }, () => {});
    const accounts = await ensureAccounts(ctx, streets.map((s) => branches.filter((b) => b.street === s)));
    const today = todayInChina();
    const plans: Plan[] = [];
    for (const [i, street] of streets.entries()) {
      const [a, b] = branches.filter((x) => x.street === street);
      const n = i + 1;
      const secretary = await actorOf(db, `dangwei${n}`);
      const admit = async (branch: typeof a, who: Applicant, levels: Level[]) => {
        const caseId = await readyForAdmission({ db, keyring }, secretary, ctx.district.countyCode, branch!.id, who, today);
        plans.push({ requester: `dangwei${n}`, levels, version: (tx) => repo.versionOf(tx, 'recruitment_case', caseId),
          submit: { kind: 'recruitment.admission', subjectId: caseId, payload: { approverOrgId: branch!.committeeId }, comment: SUBMITTED } });
      };
      const community = { who: `shequ${n}`, decision: 'approve' as const, comment: COMMUNITY_OK };
      if (n === 1) {
        await admit(a, { name: '林晓雯', birth: '1997-04-16', seq: 862 }, [community]);
        await admit(b, { name: '黄嘉欣', birth: '1996-11-03', seq: 848 }, [community, { who: 'jiedao1', decision: 'approve', comment: '同意，报区委组织部审批' }]);
        await admit(b, { name: '孙雅琪', birth: '1999-02-27', seq: 826 }, []); // just submitted: the community has it on its desk
        const declared = await declarationPlan(ctx, keyring, a!);
        if (declared) plans.push(declared);
      } else {
        await admit(a, { name: '周子豪', birth: '1995-08-21', seq: 873 }, [community]);
        await admit(b, { name: '吴俊杰', birth: '1998-01-09', seq: 835 },
          [community, { who: 'jiedao2', decision: 'return', comment: '请补充入党积极分子谈话记录和培养联系人考察意见后重新提交' }]);
        plans.push(setupPlan(a!));
      }
    }
    let made = 0;
    for (const p of plans) made += (await submit(ctx, keyring, p)) ? 1 : 0;
    ctx.log(`      新提交审批 ${made} 件${made < plans.length ? `（${plans.length - made} 件此前已提交，保持原状）` : ''}`);
    const shown = accounts.filter((x) => x.password);
    if (shown.length) {
      ctx.nextSteps.push(`演示账号（初始密码只显示这一次，首次登录须修改）：${shown.map((x) => `${x.username}（${x.displayName}）${x.password}`).join('；')}`);
    }
    ctx.nextSteps.push('用 dangwei1 / jiedao1 / shequ1 / zuzhibu 登录，在“审批”和“待办”中查看待我审批、我提交的和被退回的申请');
  },
};

/** 成立党组织 under the second street's 综合党委: a 商务楼宇 joint branch, waiting for the street. */
function setupPlan(branch: repo.DemoBranch): Plan {
  return {
    requester: 'dangwei2', levels: [], version: (tx) => repo.versionOf(tx, 'party_org', branch.committeeId),
    submit: {
      kind: 'org.setup', subjectId: branch.committeeId, comment: '楼宇内各企业党员已达组建条件，拟成立联合党支部，请审批',
      payload: { name: `${branch.streetName}商务楼宇联合党支部`, orgType: 'branch', setupMode: 'joint', fullMembers: 5, probationaryMembers: 0 },
    },
  };
}

/** 亮身份确认: the street entered a 流入党员's declaration and asks to register him in the branch; the community decides. */
async function declarationPlan(ctx: DemoContext, keyring: Keyring, branch: repo.DemoBranch): Promise<Plan | undefined> {
  const db = ctx.database.db;
  await ensureDeclarationFlow(db, await actorOf(db, 'zuzhibu'), ctx.district.countyCode);
  const id = await inflowDeclaration({ db, keyring }, await actorOf(db, 'jiedao1'), branch.id);
  if (!id) return undefined;
  return {
    requester: 'jiedao1', levels: [], version: (tx) => repo.versionOf(tx, 'member_declaration', id),
    submit: { kind: 'member.declaration', subjectId: id, payload: { orgId: branch.id }, comment: '经排查核实，该同志在本企业工作，拟登记到企业党支部，请社区确认' },
  };
}

/** One request with its decisions so far, in one transaction: a second run finds it and adds nothing. */
async function submit(ctx: DemoContext, keyring: Keyring, p: Plan): Promise<boolean> {
  const db = ctx.database.db;
  if (await repo.anyRequest(db, p.submit.kind, p.submit.subjectId)) return false;
  const requester = await actorOf(db, p.requester);
  const deciders = await Promise.all(p.levels.map((l) => actorOf(db, l.who)));
  await db.transaction().execute(async (tx) => {
    const row = await submitRequestIn(tx, keyring, requester, { ...p.submit, version: await p.version(tx) });
    for (const [i, l] of p.levels.entries()) {
      await decideIn(tx, keyring, deciders[i]!, row.id, { version: await repo.versionOf(tx, 'approval_request', row.id), decision: l.decision, comment: l.comment });
    }
  });
  return true;
}

/** The officials of the two streets and the district: a person's name with their post, as 审批记录 shows them. */
const PEOPLE = [['陈志远', '刘芳', '李敏'], ['何建军', '黄丽娟', '张伟']] as const;

async function ensureAccounts(ctx: DemoContext, byStreet: repo.DemoBranch[][]): Promise<DemoAccount[]> {
  const db = ctx.database.db;
  const out: DemoAccount[] = [];
  for (const [i, [b]] of byStreet.entries()) {
    const n = i + 1;
    const [secretary, community, street] = PEOPLE[i]!;
    out.push(await ensureAccount(db, ctx.actor, `dangwei${n}`, `${secretary}（${b!.committeeName}组织委员）`, secretaryGrant(b!.committeeId)));
    out.push(await ensureAccount(db, ctx.actor, `shequ${n}`, `${community}（${b!.communityName}）`, communityGrant(b!.community)));
    out.push(await ensureAccount(db, ctx.actor, `jiedao${n}`, `${street}（${b!.streetName}党建办）`, streetGrant(b!.street)));
  }
  const county = (await repo.regionName(db, ctx.district.countyCode.padEnd(12, '0'))) ?? '';
  out.push(await ensureAccount(db, ctx.actor, 'zuzhibu', `王海燕（${county}委组织部两新工委）`, districtGrant(ctx.district.countyCode)));
  return out;
}
