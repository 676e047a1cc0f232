import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * 组织生活 findings in the alerts work list (entity party_org_life, docs/life.md): an organisation
 * that records its meetings gets “连续N个月未召开…” as of the day, cited to the 条例; one that has
 * recorded nothing is not listed; a joint branch of street A covering an enterprise of street B is
 * listed for B too (seen through the link), a street A branch is not.
 */
const sys = systemActor('tester');
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const DATE = '2025-06-30';

describe(`life findings in the work list on ${testEngine()}`, () => {
  let database: Database;
  const ids: Record<string, string> = {};
  const org = async (key: string, mode: 'standalone' | 'joint' = 'standalone') => {
    const { id } = await database.db.insertInto('party_org').values({ name: key, org_type: 'branch', setup_mode: mode, region_code: COMMUNITY_A1, founded_on: '2020-01-01' })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    ids[key] = id;
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const recording = await org('记录会议的支部');
    await org('未录入会议的支部');
    const joint = await org('跨街联合支部', 'joint');
    const entB = await seedEnterprise(database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await database.db.insertInto('party_org_coverage').values({ org_id: joint, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
    const months = ['01', '02', '03'];
    for (const o of [recording, joint]) {
      await database.db.insertInto('meeting').values(months.flatMap((m) => (['committeeMeeting', 'themeDay'] as const).map((kind) => ({ org_id: o, kind, held_on: `2025-${m}-10`, topic: '测试' })))).execute();
    }
  });
  afterAll(async () => database?.close());

  const lifeItems = async (actor = sys) => (await worklistPage(database.db, actor, 'alerts', { kind: 'party_org_life', date: DATE, limit: 1000 })).items;

  it('lists the findings of organisations that record meetings, cited to the 条例, linked to the year', async () => {
    const items = await lifeItems();
    const mine = items.filter((i) => i.link.id === ids['记录会议的支部']);
    expect(mine.find((i) => i.ruleId === 'life.committeeMeeting')).toMatchObject({
      link: { entity: 'party_org_life' }, name: '记录会议的支部', message: '连续2个月未召开支部委员会会议',
    });
    expect(mine.find((i) => i.ruleId === 'life.committeeMeeting')!.source).toMatch(/^《中国共产党支部工作条例（试行）》第十二条/);
    expect(items.some((i) => i.link.id === ids['未录入会议的支部'])).toBe(false);
  });

  it('street B sees the joint branch\'s findings through the link, not street A\'s own branch', async () => {
    const items = await lifeItems(townB);
    expect([...new Set(items.map((i) => i.link.id))]).toEqual([ids['跨街联合支部']]);
  });
});
