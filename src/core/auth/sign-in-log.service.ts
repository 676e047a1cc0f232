import type { SignInLogQuery } from '../../contracts/auth.js';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { visibilityFor } from '../user/user.service.js';
import { listSignInLog } from './sign-in-log.repository.js';

export async function listSignIns(db: Db, actor: Actor, query: SignInLogQuery) {
  const v = visibilityFor(actor, 'audit.read');
  const page = await listSignInLog(db, v, {
    username: query.username,
    success: query.success === undefined ? undefined : query.success === 'true',
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    cursor: query.cursor,
    limit: query.limit,
  });
  const items = page.rows.map((r) => ({
    id: r.id, at: new Date(r.at).toISOString(), username: r.username, userId: r.user_id, success: r.success,
    reason: r.reason, ip: r.ip, userAgent: r.user_agent,
  }));
  return { items, nextCursor: page.more ? items[items.length - 1].id : null };
}
