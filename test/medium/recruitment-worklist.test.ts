import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { listCasePage } from '../../src/core/recruitment/recruitment.query.js';
import { openCase } from '../../src/core/recruitment/recruitment.service.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import type { WorklistItem } from '../../src/contracts/coverage.js';
import type { Database } from '../../src/db/database.js';
import type { Actor } from '../../src/core/access/actor.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The 发展党员 findings in the alerts work list (docs/recruitment.md, "Where they show"): the open
 * cases the reader sees on the board, named by applicant and organisation, cited in Chinese, and
 * the cursor carrying on across the new entity.
 */
const keyring = parseKeyring(generateKeyringText(), 'env', null);
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

async function all(db: Database['db'], actor: Actor, limit: number): Promise<WorklistItem[]> {
  const out: WorklistItem[] = [];
  let cursor: string | undefined;
  do {
    const p = await worklistPage(db, actor, 'alerts', { limit, cursor });
    out.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe(`recruitment findings in the work list on ${testEngine()}`, () => {
  let database: Database;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    const org = async (name: string, region: string, mode: 'standalone' | 'joint' = 'standalone') => {
      const { id } = await db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: mode, region_code: region }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      return id;
    };
    const branchA = await org('北山第一党支部', COMMUNITY_A1);
    const branchB = await org('西溪党支部', TOWN_B);
    const jointA = await org('北山西溪联合党支部', COMMUNITY_A1, 'joint');
    const entB = await seedEnterprise(db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await db.insertInto('party_org_coverage').values({ org_id: jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
    const open = async (orgId: string, name: string, region: string) =>
      (await openCase({ db, keyring }, sys, { orgId, personId: await seedPerson(db, name, region), appliedOn: '2020-01-10' })).id;
    c.a1 = await open(branchA, '张三', COMMUNITY_A1);
    c.a2 = await open(branchA, '李四', COMMUNITY_A1);
    c.b = await open(branchB, '王五', TOWN_B);
    c.joint = await open(jointA, '赵六', COMMUNITY_A1);
  });
  afterAll(async () => database?.close());

  const cases = (items: WorklistItem[]) => [...new Set(items.filter((i) => i.link.entity === 'recruitment_case').map((i) => i.link.id))];

  it('lists the findings of the cases each street sees on its board, named in the official\'s words and cited in Chinese', async () => {
    for (const actor of [townA, townB]) {
      const board = (await listCasePage(database.db, actor, { limit: 200 })).items.filter((x) => x.alerts + x.reminders > 0).map((x) => x.id);
      expect(cases(await all(database.db, actor, 1000)).sort()).toEqual(board.sort());
    }
    const a = (await all(database.db, townA, 1000)).filter((i) => i.link.entity === 'recruitment_case');
    expect(cases(a).sort()).toEqual([c.a1!, c.a2!, c.joint!].sort());
    const talk = a.find((i) => i.link.id === c.a1 && i.ruleId === 'member.talk')!;
    expect(talk.name).toBe('张三（北山第一党支部）');
    expect(talk.source).toContain('《中国共产党发展党员工作细则》');
    expect(`${talk.title}${talk.summary}${talk.source}`).not.toMatch(/member\.|recruitment\./);
    // Street B sees the joint branch's case through the link (as on its board), not street A's own.
    expect(cases(await all(database.db, townB, 1000)).sort()).toEqual([c.b!, c.joint!].sort());
  });

  it('pages through the new entity with the cursor: one item at a time gives the whole list, a case never split', async () => {
    const whole = await all(database.db, townA, 1000);
    const paged = await all(database.db, townA, 1);
    expect(paged).toEqual(whole);
    const first = await worklistPage(database.db, townA, 'alerts', { limit: 1, kind: 'recruitment_case' });
    expect(first.nextCursor).toBe(`recruitment_case:${first.items[0]!.link.id}`);
    expect(first.items.every((i) => i.link.id === first.items[0]!.link.id)).toBe(true);
    const rest = await worklistPage(database.db, townA, 'alerts', { limit: 1000, kind: 'recruitment_case', cursor: first.nextCursor! });
    expect(rest.items.some((i) => i.link.id === first.items[0]!.link.id)).toBe(false);
    expect(cases([...first.items, ...rest.items]).sort()).toEqual([c.a1!, c.a2!, c.joint!].sort());
  });

  it('filters by rule and region, and closed cases leave the list', async () => {
    const talk = await worklistPage(database.db, sys, 'alerts', { limit: 1000, ruleId: 'member.talk', kind: 'recruitment_case' });
    expect(talk.items.map((i) => i.link.id).sort()).toEqual([c.a1!, c.a2!, c.b!, c.joint!].sort());
    const westRegion = await worklistPage(database.db, sys, 'alerts', { limit: 1000, kind: 'recruitment_case', regionPrefix: '330106002' });
    expect(cases(westRegion.items)).toEqual([c.b!]);
    await database.db.updateTable('recruitment_case').set({ stage: 'closed', closed_on: '2020-02-01', closed_reason: '本人撤回申请' }).where('id', '=', c.a2!).execute();
    expect(cases(await all(database.db, townA, 1000))).not.toContain(c.a2!);
  });
});
