import type { RecruitmentStepInput } from '../../contracts/recruitment.js';
import type { GrantInput } from '../../contracts/user.js';
import type { Db } from '../../db/schema.js';
import { idCheckChar } from '../../domain/id-number.js';
import { fromDay, toDay } from '../../domain/rules/dates.js';
import type { Actor } from '../access/actor.js';
import { generatePassword } from '../auth/password.js';
import { getFlows, readAreas, saveFlows } from '../approval/approval-flows.js';
import { loadGrants } from '../auth/session.repository.js';
import type { Keyring } from '../crypto/keyring.js';
import { declare } from '../member-declaration/declaration.service.js';
import { openCase, recordStepIn } from '../recruitment/recruitment.service.js';
import { createUser } from '../user/user.service.js';
import * as repo from './approval-demo.repository.js';

/**
 * The people and cases behind the demo's requests in flight (src/core/demo/steps/approvals.step.ts):
 * the officials who ask and decide, and 发展对象 whose every step before the higher committee's
 * decision is recorded through the recruitment module's own code, dated in the past.
 */
export type DemoAccount = { username: string; displayName: string; password: string | null };

const grant = (g: Partial<GrantInput> & Pick<GrantInput, 'role'>): GrantInput =>
  ({ allRegions: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...g });

/**
 * The account, created when missing (its initial password returned to be shown once, to be changed at
 * the first sign-in); an existing one is left as it is, so a second run neither resets a password nor
 * changes a grant someone adjusted meanwhile.
 */
export async function ensureAccount(db: Db, system: Actor, username: string, displayName: string, role: GrantInput): Promise<DemoAccount> {
  if (await repo.userIdOf(db, username)) return { username, displayName, password: null };
  const password = generatePassword();
  await createUser(db, system, { username, displayName: displayName.slice(0, 50), password, roles: [role] });
  return { username, displayName, password };
}

/** The account as the API would see it signed in: its own grants, nothing more. */
export async function actorOf(db: Db, username: string): Promise<Actor> {
  const id = await repo.userIdOf(db, username);
  if (!id) throw new Error(`demo account ${username} missing`);
  return { kind: 'user', userId: id, username, ip: null, userAgent: null, grants: await loadGrants(db, id) };
}

export const secretaryGrant = (committeeId: string) => grant({ role: 'branch_secretary', partyOrgIds: [committeeId] });
export const streetGrant = (street: string) => grant({ role: 'township_officer', regionPrefixes: [street] });
export const communityGrant = (community: string) => grant({ role: 'community_officer', regionPrefixes: [community] });
export const districtGrant = (county: string) => grant({ role: 'org_admin', regionPrefixes: [county] });

/** A valid 公民身份号码 registered in the district: born on `birth`, the sequence fixed per applicant. */
export function demoIdNumber(countyCode: string, birth: string, seq: number): string {
  const body = `${countyCode}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

export type Applicant = { name: string; birth: string; seq: number };

/**
 * 发展对象 ready for 接收预备党员: applied about seventeen months ago, 积极分子 for over a year before
 * 列为发展对象, 公示, 政审, 培训, two full members as 入党介绍人, 拟接收公示 and a 支部大会 three weeks
 * ago (the higher committee has three months to decide). Re-run: the case found by the applicant's
 * name is completed from the stage it stands at; a case past 发展对象 is left alone.
 */
export async function readyForAdmission(d: { db: Db; keyring: Keyring }, actor: Actor, county: string, orgId: string, a: Applicant, today: string): Promise<string> {
  const ago = (n: number) => fromDay(toDay(today) - n);
  let found = await repo.caseByName(d.db, orgId, a.name);
  if (!found) {
    await openCase(d, actor, { orgId, name: a.name, idNumber: demoIdNumber(county, a.birth, a.seq), appliedOn: ago(520) });
    found = (await repo.caseByName(d.db, orgId, a.name))!;
  }
  if (found.stage !== 'applicant') return found.id;
  const [mentor, s1, s2] = await repo.fullMembersOf(d.db, orgId, 3);
  const voting = await repo.fullMemberCount(d.db, orgId);
  const present = Math.max(voting - 1, Math.floor(voting / 2) + 1);
  // `version: 0` stands for the version each step reads just before it is recorded.
  const steps: RecruitmentStepInput[] = [
    { step: 'talk', version: 0, on: ago(510), talkerName: (await repo.secretaryName(d.db, orgId)) ?? '支部书记' },
    { step: 'activist', version: 0, on: ago(480), mentors: [{ memberId: mentor! }] },
    { step: 'candidate', version: 0, on: ago(100) },
    { step: 'notice', version: 0, stage: 'candidate', from: ago(99), to: ago(90) },
    { step: 'review', version: 0, on: ago(75), result: 'passed' },
    { step: 'training', version: 0, on: ago(60), days: 3, hours: 24 },
    { step: 'sponsors', version: 0, sponsors: [{ memberId: s1! }, { memberId: s2! }] },
    { step: 'notice', version: 0, stage: 'probationary', from: ago(45), to: ago(36) },
    { step: 'meeting', version: 0, on: ago(21), voting, present, yes: present },
  ];
  const id = found.id;
  await d.db.transaction().execute(async (tx) => {
    for (const s of steps) await recordStepIn(tx, d.keyring, actor, id, { ...s, version: await repo.versionOf(tx, 'recruitment_case', id) });
  });
  return id;
}

/**
 * The district's flow for 亮身份确认 set by its 组织部 (社区 alone, the platform's default written down), so the
 * confirm screen shows the request under way with 「上级审批」; a flow the district already set is kept.
 */
export async function ensureDeclarationFlow(db: Db, districtOffice: Actor, county: string): Promise<void> {
  const own = (await readAreas(db)).find((a) => a.regionPrefix === county);
  if (own?.flows.some((f) => f.kind === 'member.declaration')) return;
  const { version } = await getFlows(db, districtOffice, county);
  await saveFlows(db, districtOffice, county, { version, flows: [...(own?.flows ?? []), { kind: 'member.declaration', levels: ['community_officer'], required: false }] });
}

/**
 * A 流入党员 working at an enterprise the branch covers, entered by the street from its 排查 (亮身份申报), his
 * relationship still with his home town's 党委. Found again by name on a second run.
 */
export async function inflowDeclaration(d: { db: Db; keyring: Keyring }, street: Actor, orgId: string): Promise<string | undefined> {
  const enterpriseId = await repo.coveredEnterprise(d.db, orgId);
  if (!enterpriseId) return undefined;
  const name = '郑宇航';
  const found = await repo.declarationByName(d.db, enterpriseId, name);
  if (found) return found.id;
  return (await declare(d, street, {
    name, idNumber: demoIdNumber('430421', '1992-09-14', 857), enterpriseId, post: '研发工程师', namedOrg: '中共衡阳县西渡镇委员会',
    category: 'full', joinedOn: '2015-06-26',
  })).id;
}
