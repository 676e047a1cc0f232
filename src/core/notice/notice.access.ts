import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { holdsRecipientAction, recipientScopesFor } from '../access/notice-scope.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { findCopy, findNotice, type CopyView, type NoticeView } from './notice.repository.js';

/**
 * Who may do what with a notice (docs/notices.md, "Who"): the sending office's side under
 * notice.publish by the notice's region; an organisation's copy by whoever manages that
 * organisation by its own place. Anything else is 404 — a copy seen through a link is not one's own.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export async function requirePublisherNotice(db: Executor, actor: Actor, id: string): Promise<{ n: NoticeView; scope: Scope }> {
  const scope = requireAction(actor, 'notice.publish');
  const n = validId(id) ? await findNotice(db, scope, id) : undefined;
  if (!n) throw notFound('通知');
  return { n, scope };
}

export async function requireCopy(db: Executor, actor: Actor, id: string): Promise<CopyView> {
  // Someone who manages no organisation has no copies: the same 404 as a copy of another organisation.
  const c = validId(id) && holdsRecipientAction(actor) ? await findCopy(db, recipientScopesFor(actor), id) : undefined;
  if (!c) throw notFound('通知');
  return c;
}
