import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { closeTask, openTask } from '../task/task-writer.js';
import type { TransferRow } from './transfer.repository.js';

/**
 * The receiving organisation's task for a letter in the system (kind transfer.receive, docs/inbox.md
 * "更多待办类别"), written in the transaction of the step itself: issued → open, due on the letter's
 * last valid day; 接收 / 退回 → done; 撤回 / 过期 → cancelled (the work went away).
 */
const SUBJECT = { kind: 'transfer.receive', subjectTable: 'member_transfer' } as const;

export async function openReceiveTask(tx: Executor, actor: Actor, row: TransferRow): Promise<void> {
  if (row.direction !== 'internal' || !row.to_org_id) return;
  const info = await tx.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .innerJoin('party_org as f', (j) => j.on('f.id', '=', row.from_org_id)).innerJoin('party_org as t', (j) => j.on('t.id', '=', row.to_org_id!))
    .select(['p.name', 'f.name as from_name', 't.region_code']).where('m.id', '=', row.member_id).executeTakeFirstOrThrow();
  await openTask(tx, actor, {
    ...SUBJECT, subjectId: row.id, subjectLabel: `${info.name}（由${info.from_name}转入）`, linkPath: '/transfers',
    anchor: { partyOrgId: row.to_org_id }, regionCode: info.region_code, dueOn: row.valid_until ?? undefined, reason: '介绍信已开具，待接收',
  });
}

const CLOSE = {
  accept: { closedBy: 'transfer.accept', reason: '已接收', state: 'done' },
  return: { closedBy: 'transfer.return', reason: '已退回', state: 'done' },
  revoke: { closedBy: 'transfer.revoke', reason: '转出党组织已撤回介绍信', state: 'cancelled' },
  expire: { closedBy: 'transfer.expire', reason: '介绍信已过期未接收', state: 'cancelled' },
} as const;

export async function closeReceiveTask(tx: Executor, actor: Actor, transferId: string, how: keyof typeof CLOSE): Promise<void> {
  await closeTask(tx, actor, { ...SUBJECT, subjectId: transferId, ...CLOSE[how] });
}
