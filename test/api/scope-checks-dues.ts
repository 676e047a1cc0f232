import { call } from '../factories/world.js';
import type { Op } from './scope-checks-read.js';
import { Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * Dues checks of the scope property test (docs/dues.md): a member's year statement is 200 / 404 /
 * 403 exactly as the member is seen under org.read (the member oracle of docs/members.md), and
 * never names another member.
 */
export const duesStatement: Op = async (c, user, a) => {
  const ids = [...c.model.members.keys()];
  const id = ids[a % ids.length];
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const res = await call(c.app, c.sessions[user], 'GET', `/api/dues/members/${id}/statement?year=2026`);
  if (res.statusCode >= 500) throw new Error(`statement ${id} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', !read.held ? 403 : new Oracle(c.model).memberVisible(read, id) ? 200 : 404, res.statusCode);
  if (res.statusCode === 200) same(problems, 'memberId', id, (res.json() as { memberId: string }).memberId);
  return { op: 'duesStatement', user, target: id, problems };
};
