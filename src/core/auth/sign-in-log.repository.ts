import type { Executor } from '../../db/schema.js';
import { userVisible, type UserVisibility } from '../user/user.repository.js';

export type SignInLogFilter = { username?: string; success?: boolean; from?: Date; to?: Date; cursor?: string; limit: number };

/**
 * Newest first. A viewer without all-regions scope sees only attempts on accounts it can see;
 * attempts on unknown user names (no account) are for all-regions viewers only.
 */
export async function listSignInLog(db: Executor, v: UserVisibility, f: SignInLogFilter) {
  let q = db.selectFrom('sign_in_log as l').selectAll('l');
  if (!v.all) q = q.where('l.user_id', 'in', (eb) => eb.selectFrom('app_user as u').select('u.id').where(userVisible(v)));
  if (f.username) q = q.where('l.username', '=', f.username);
  if (f.success !== undefined) q = q.where('l.success', '=', f.success);
  if (f.from) q = q.where('l.at', '>=', f.from);
  if (f.to) q = q.where('l.at', '<', f.to);
  if (f.cursor) q = q.where('l.id', '<', f.cursor);
  const rows = await q.orderBy('l.id', 'desc').limit(f.limit + 1).execute();
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}
