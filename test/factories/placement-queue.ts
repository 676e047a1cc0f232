import { hashPassword } from '../../src/core/auth/password.js';
import { systemActor } from '../../src/core/access/actor.js';
import { withChecks } from '../../src/core/generator/credit-codes.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import type { Database } from '../../src/db/database.js';
import { PASSWORD, type Grant } from './world.js';

/**
 * A 郑州市中原区 queue for the bulk-placement tests: the real dictionary of 中原区 (its 建设路街道 is
 * also 建设路, a road), one park, pending enterprises, and officials of the district and of two
 * streets. The street officials reach the park's enterprises through the park (pending rows sit at
 * the county, outside any street), so both see the same rows and may place only into their own street.
 */
export const ZHONGYUAN = '410102';
export const JIANSHELU = '410102002000'; // 建设路街道
export const MIANFANGLU = '410102003000'; // 棉纺路街道

export type QueueWorld = { park: string; ids: Record<'road' | 'full' | 'none' | 'outside' | 'road2', string> };

export async function buildQueueWorld(database: Database): Promise<QueueWorld> {
  await loadRegions(database, systemActor('test'), { scope: [ZHONGYUAN] });
  const db = database.db;
  const { id: park } = await db.insertInto('park').values({ name: '中原测试园区', region_code: `${ZHONGYUAN}000000` }).returning('id').executeTakeFirstOrThrow();
  const rows = {
    road: { name: '建设路商贸有限公司', address: '郑州市中原区建设路200号', park_id: park },
    full: { name: '棉纺路科技有限公司', address: '郑州市中原区棉纺路街道中原路1号', park_id: park },
    none: { name: '无线索物流有限公司', address: '郑州市中原区某某大厦1号', park_id: park },
    road2: { name: '建设路餐饮有限公司', address: '中原区建设路88号', park_id: park },
    outside: { name: '园区外建设路企业', address: '郑州市中原区建设路12号', park_id: null },
  };
  const ids = {} as QueueWorld['ids'];
  let i = 0;
  for (const [key, r] of Object.entries(rows)) {
    const { id } = await db.insertInto('enterprise').values({
      credit_code: withChecks('91', ZHONGYUAN, `MAQ${String(++i).padStart(5, '0')}`), ...r, region_code: `${ZHONGYUAN}000000`, placement: 'pending',
    }).returning('id').executeTakeFirstOrThrow();
    ids[key as keyof QueueWorld['ids']] = id;
  }
  const users: Record<string, Grant[]> = {
    district: [{ role: 'org_admin', regionPrefixes: [ZHONGYUAN] }],
    streetA: [{ role: 'township_officer', regionPrefixes: [JIANSHELU.slice(0, 9)], parkIds: [park] }],
    streetB: [{ role: 'township_officer', regionPrefixes: [MIANFANGLU.slice(0, 9)], parkIds: [park] }],
  };
  const hash = await hashPassword(PASSWORD);
  for (const [username, grants] of Object.entries(users)) {
    const u = await db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    for (const g of grants) {
      await db.insertInto('user_role').values({
        user_id: u.id, role: g.role, all_regions: false, region_prefixes: g.regionPrefixes ?? [], park_ids: g.parkIds ?? [],
        association_ids: [], enterprise_ids: [], party_org_ids: [],
      }).execute();
    }
  }
  return { park, ids };
}
