import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';

/**
 * The dues writes keep the 督促党员补交党费 task (kind dues.arrears, docs/inbox.md) in step, in their
 * own transaction: a payment, an imported file, a computed month, a new basis or a reduction approved
 * or withdrawn refresh the organisations whose ledger rows they touched — one refresh per request,
 * never one per row. The arrears are paid → the task closes (已整改); they come back → it reopens.
 */
type Touched = { ledgerIds?: readonly string[]; memberId?: string; orgWhere?: RawBuilder<SqlBool> };

async function orgsTouched(tx: Executor, t: Touched): Promise<string[]> {
  const ids = new Set<string>();
  if (t.ledgerIds?.length) {
    for (let i = 0; i < t.ledgerIds.length; i += 5000) {
      const part = t.ledgerIds.slice(i, i + 5000);
      const r = await sql<{ id: string }>`SELECT DISTINCT org_id::text AS id FROM dues_ledger WHERE id IN (${sql.join(part)})`.execute(tx);
      r.rows.forEach((x) => ids.add(x.id));
    }
  }
  if (t.memberId) {
    const r = await sql<{ id: string }>`SELECT DISTINCT org_id::text AS id FROM dues_ledger WHERE member_id = ${t.memberId}`.execute(tx);
    r.rows.forEach((x) => ids.add(x.id));
  }
  if (t.orgWhere) {
    const r = await sql<{ id: string }>`SELECT o.id::text AS id FROM party_org o WHERE ${t.orgWhere}`.execute(tx);
    r.rows.forEach((x) => ids.add(x.id));
  }
  return [...ids];
}

export async function refreshDuesTasks(tx: Executor, actor: Actor, touched: Touched, trigger: string): Promise<void> {
  const partyOrgIds = await orgsTouched(tx, touched);
  if (partyOrgIds.length) await refreshTasksFor(tx, actor, { partyOrgIds }, { trigger });
}
