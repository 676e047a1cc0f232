import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { csvLine } from '../../src/core/generator/write-file.js';
import { importMembers } from '../../src/core/member-import/member-import.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { importUnionMembers } from '../../src/core/union-member/union-member-import.service.js';
import { changeUnionMemberStatus } from '../../src/core/union-member/union-member.service.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The inbox follows an imported roster in the import's own transaction (docs/inbox.md, "Refresh"):
 * a branch whose imported roster reaches 7 full members gets 选举产生支部委员会, one whose roster
 * starts below its typed count loses it; a union whose imported roster reaches 25 members gets
 * 配齐工会委员会 (《工会法》第十一条) and a 退会 below it closes the task. Two streets: street B's joint
 * branch covers an enterprise of street A — street A sees it through the link but cannot load its
 * roster, and its task is left as it was.
 */
const sys = systemActor('tester');
const streetA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'town_a');
const streetB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'town_b');
const unionA = actorWith('union_officer', { regionPrefixes: ['330106001'] }, 'union_a');
const today = todayInChina();
const HEADER = ['姓名', '性别', '公民身份号码', '民族', '出生日期', '学历', '人员类别', '入党日期', '转正日期', '所在党支部', '工作单位', '工作岗位', '联系电话'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['建华', '秀英', '志强', '丽娟', '海涛', '晓梅', '国平', '春燕', '永军', '桂芳'];
/** A valid ID number per index (born 1985-03-11…19), and a name that reads like one. */
const idNo = (i: number) => { const body = `330106198503${11 + (i % 9)}${String(100 + i)}`; return body + idCheckChar(body); };
const nameOf = (i: number) => SURNAMES[i % 10] + GIVEN[Math.floor(i / 10) % 10];
const genderOf = (id: string) => (Number(id[16]) % 2 ? '男' : '女');

describe(`tasks kept by the roster imports on ${testEngine()}`, { timeout: 300_000 }, () => {
  let database: Database;
  let dir = '';
  const keyring = parseKeyring(generateKeyringText(), 'env', null);
  const deps = () => ({ database, keyring: () => keyring });
  const db = () => database.db;
  let branchA = '';
  let branchB = '';
  let joint = '';
  let union = '';
  const tasksOf = (subject: string, kind: string) => db().selectFrom('task').select(['state', 'closed_by', 'region_code'])
    .where('subject_id', '=', subject).where('kind', '=', kind).orderBy('id').execute();
  const rosterFile = (name: string, from: number, n: number, orgName: string) => {
    const file = path.join(dir, name);
    const rows = Array.from({ length: n }, (_, k) => {
      const id = idNo(from + k);
      const v: Record<string, string> = {
        姓名: nameOf(from + k), 性别: genderOf(id), 公民身份号码: id, 民族: '汉族', 出生日期: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        学历: '大学本科', 人员类别: '正式党员', 入党日期: '2010-07-01', 转正日期: '2011-07-01', 所在党支部: orgName, 工作单位: '', 工作岗位: '职员', 联系电话: '',
      };
      return csvLine(HEADER.map((h) => v[h] ?? '')).trimEnd();
    });
    fs.writeFileSync(file, ['党员信息导出', HEADER.join(','), ...rows].join('\r\n'));
    return file;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-roster-tasks-'));
    await seedRegions(db());
    const branch = async (name: string, region: string, setupMode: 'standalone' | 'joint', fullMembers: number) =>
      (await createOrg(db(), sys, { name, orgType: 'branch', setupMode, regionCode: region, foundedOn: '2020-01-01', fullMembers })).id;
    branchA = await branch('北山精密机械有限公司党支部', TOWN_A, 'standalone', 3);
    branchB = await branch('西溪电子商务有限公司党支部', TOWN_B, 'standalone', 9);
    joint = await branch('西溪片区非公企业联合党支部', TOWN_B, 'joint', 8);
    const enterpriseA = await seedEnterprise(db(), { name: '北山五金制品有限公司', regionCode: COMMUNITY_A1, employeeCount: 60 });
    await db().insertInto('party_org_coverage').values({ org_id: joint, enterprise_id: enterpriseA, mode: 'joint', since: '2021-01-01' }).execute();
    union = (await db().insertInto('union_org').values({ name: '北山精密机械有限公司工会委员会', kind: 'standalone', region_code: COMMUNITY_A1, founded_on: '2020-01-01' })
      .returning('id').executeTakeFirstOrThrow()).id;
    await refreshTasks(db(), sys, {});
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a branch whose imported roster reaches 7 full members gets 选举产生支部委员会 in its street; one whose roster starts below its typed count loses it', async () => {
    expect(await tasksOf(branchA, 'org.committeeMissing')).toEqual([]);
    expect((await tasksOf(branchB, 'org.committeeMissing')).map((t) => t.state)).toEqual(['open']);
    const a = await importMembers(deps(), streetA, rosterFile('a.csv', 0, 7, '北山精密机械有限公司党支部'), { today });
    expect(a).toMatchObject({ applied: true, created: 7, rosterStarted: 1 });
    expect(await tasksOf(branchA, 'org.committeeMissing')).toEqual([expect.objectContaining({ state: 'open', region_code: TOWN_A })]);
    const b = await importMembers(deps(), streetB, rosterFile('b.csv', 10, 3, '西溪电子商务有限公司党支部'), { today });
    expect(b).toMatchObject({ applied: true, created: 3, rosterStarted: 1 });
    expect((await tasksOf(branchB, 'org.committeeMissing')).map((t) => [t.state, t.closed_by])).toEqual([['done', 'fact_changed']]);
    const audit = await db().selectFrom('audit_event').select(['after']).where('entity_id', '=', b.importId).where('action', '=', 'member.import').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ created: 3, closed: 1, opened: 0 });
  });

  it('street A sees the joint branch through its enterprise but cannot load its roster: refused at the row, nothing written, its task as it was', async () => {
    expect((await tasksOf(joint, 'org.committeeMissing')).map((t) => t.state)).toEqual(['open']);
    const r = await importMembers(deps(), streetA, rosterFile('joint.csv', 20, 2, '西溪片区非公企业联合党支部'), { today });
    expect(r).toMatchObject({ applied: false, rejected: 2 });
    expect(r.errors[0]).toMatchObject({ row: 3, column: '所在党支部', code: 'ORG_UNKNOWN' });
    expect(await db().selectFrom('party_member').select('id').where('org_id', '=', joint).execute()).toEqual([]);
    expect((await tasksOf(joint, 'org.committeeMissing')).map((t) => t.state)).toEqual(['open']);
  });

  it('a union whose imported roster reaches 25 members gets 配齐工会委员会; a 退会 below it closes the task', async () => {
    expect(await tasksOf(union, 'union.committeeMissing')).toEqual([]);
    const file = path.join(dir, 'union.csv');
    const rows = Array.from({ length: 25 }, (_, k) => { const id = idNo(40 + k); return `${nameOf(40 + k)},${genderOf(id)},${id},,,,,,,`; });
    fs.writeFileSync(file, ['姓名,性别,公民身份号码,手机号,入会日期,会员证号,工作单位,是否劳务派遣,派遣单位,会籍状态', ...rows].join('\n') + '\n');
    const r = await importUnionMembers(deps(), unionA, union, file, { today });
    expect(r).toMatchObject({ applied: true, created: 25, rosterStarted: true });
    expect(await tasksOf(union, 'union.committeeMissing')).toEqual([expect.objectContaining({ state: 'open', region_code: COMMUNITY_A1 })]);
    const one = await db().selectFrom('union_member').select(['id', 'version']).where('union_id', '=', union).orderBy('id').executeTakeFirstOrThrow();
    await changeUnionMemberStatus({ db: db(), keyring }, unionA, one.id, { kind: 'leave', version: one.version, on: today, reason: '本人申请退会' });
    expect((await tasksOf(union, 'union.committeeMissing')).map((t) => [t.state, t.closed_by])).toEqual([['done', 'fact_changed']]);
  });
});
