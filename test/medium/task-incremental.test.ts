import { auditActionLabel } from '../../src/contracts/audit-labels.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { applyEnterpriseItems, beginImport } from '../../src/core/import/import-enterprises.service.js';
import { adjustOrg, createOrg, reelectOrg } from '../../src/core/party-org/party-org.service.js';
import { addCoverage, appointPosition, endPosition } from '../../src/core/party-org/org-links.service.js';
import { refreshTasksFor } from '../../src/core/task/task-refresh-for.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { taskHistory } from '../../src/core/task/task.repository.js';
import type { Database } from '../../src/db/database.js';
import type { EnterpriseFacts } from '../../src/domain/enterprise-facts.js';
import { asAsync, code, facts, rowItem, seedRegions } from '../factories/enterprise.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedPerson } from '../helpers/org-fixtures.js';

/**
 * The refresh by itself (docs/inbox.md, "Refresh"): an enterprise import and the organisation
 * writes that change a finding refresh the tasks of exactly the records they touched, in their own
 * transaction — no regional refresh is run here unless named. A record that moves street takes its
 * task along (属地变更), whichever side is refreshed; a cancelled task stays cancelled while its
 * finding persists and a finding gone and back opens a new task.
 */
const sys = systemActor('tester');
const STREET_1 = '110101001000';
const STREET_2 = '110101002000';

describe(`incremental task refresh on ${testEngine()}`, () => {
  let database: Database;
  const db = () => database.db;
  const importRows = async (rows: EnterpriseFacts[]) => {
    const id = await beginImport(database, sys, { fileName: 'ledger.xlsx', fileSha256: 'a'.repeat(64), source: 'test', dryRun: false });
    await applyEnterpriseItems(database, sys, id, asAsync(rows.map((f, i) => rowItem(i + 2, f))));
  };
  const idOf = async (n: number) => (await db().selectFrom('enterprise').select('id').where('credit_code', '=', code(n)).executeTakeFirstOrThrow()).id;
  const tasksOf = (subject: string, kind?: string) => {
    let q = db().selectFrom('task').select(['id', 'kind', 'state', 'region_code', 'closed_by', 'version']).where('subject_id', '=', subject);
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('id').execute();
  };
  const events = async (taskId: string) => (await taskHistory(db(), taskId)).map((e) => e.event);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(db());
  });
  afterAll(async () => database?.close());

  it('an import opens the gaps of the enterprises it created, and only theirs; a re-import closes and re-places by id', async () => {
    await importRows([facts(1), facts(2), facts(3)]);
    const [e1, e2, e3] = [await idOf(1), await idOf(2), await idOf(3)];
    for (const e of [e1, e2, e3]) expect(await tasksOf(e, 'coverage.gap')).toEqual([expect.objectContaining({ state: 'open', region_code: STREET_1 })]);
    // A record written straight into the table (no writer of the platform) waits for the regional refresh.
    const quiet = (await db().insertInto('enterprise').values({ credit_code: code(9), name: '直接写入企业', region_code: STREET_1, placement: 'placed' }).returning('id').executeTakeFirstOrThrow()).id;
    expect(await tasksOf(quiet)).toEqual([]);

    // Re-import: 2 deregistered (its gap is gone), 3 moved to the other street, 1 unchanged.
    const before1 = await tasksOf(e1);
    await importRows([facts(1), facts(2, { operatingStatus: 'deregistered' }), facts(3, { regionCode: STREET_2 })]);
    expect(await tasksOf(e1)).toEqual(before1);
    expect(await tasksOf(e2, 'coverage.gap')).toEqual([expect.objectContaining({ state: 'done', closed_by: 'fact_changed' })]);
    const [moved] = await tasksOf(e3, 'coverage.gap');
    expect(moved).toMatchObject({ state: 'open', region_code: STREET_2 });
    expect(await events(moved!.id)).toEqual(['opened', 'moved']);
    // The import's own entry is its one audit entry; the tasks' history says what changed.
    expect(await db().selectFrom('audit_event').select('action').where('action', '=', 'task.autoRefresh').execute()).toEqual([]);
  });

  it('a regional refresh of the old street re-places a moved record\'s task instead of closing it; the new street\'s finds it, no duplicate', async () => {
    const e1 = await idOf(1);
    // Moved behind the platform's back (a direct correction of the table): the task still says street 1.
    await db().updateTable('enterprise').set({ region_code: STREET_2 }).where('id', '=', e1).execute();
    const [t] = await tasksOf(e1, 'coverage.gap');
    const [old] = await refreshTasks(db(), sys, { regionCode: '110101001' });
    expect(old).toMatchObject({ opened: 1, closed: 0, moved: 1 }); // the quiet enterprise's gap opens here
    expect(await tasksOf(e1, 'coverage.gap')).toEqual([expect.objectContaining({ id: t!.id, state: 'open', region_code: STREET_2 })]);
    // Back to street 1, refreshed from street 1 again: the task, placed in street 2, is found by its record and comes home.
    await db().updateTable('enterprise').set({ region_code: STREET_1 }).where('id', '=', e1).execute();
    const [fresh] = await refreshTasks(db(), sys, { regionCode: '110101001' });
    expect(fresh).toMatchObject({ opened: 0, moved: 1, closed: 0 });
    expect(await tasksOf(e1, 'coverage.gap')).toEqual([expect.objectContaining({ id: t!.id, state: 'open', region_code: STREET_1 })]);
    const [again] = await refreshTasks(db(), sys, { regionCode: '110101' });
    expect(again).toMatchObject({ opened: 0, closed: 0, reopened: 0, moved: 0 });
  });

  it('organisation writes refresh their organisation and the enterprises they cover, in their transaction', async () => {
    const e1 = await idOf(1);
    const org = (await createOrg(db(), sys, { name: '东华门联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: STREET_1, foundedOn: '2024-01-01', fullMembers: 3 })).id;
    const [vacant] = await tasksOf(org, 'org.secretaryVacant');
    expect(vacant).toMatchObject({ state: 'open', region_code: STREET_1 });

    await addCoverage(db(), sys, org, { enterpriseId: e1, since: '2024-01-01' });
    expect(await tasksOf(e1, 'coverage.gap')).toEqual([expect.objectContaining({ state: 'done', closed_by: 'fact_changed' })]);

    const person = await seedPerson(db(), '钱书记');
    const pos = await appointPosition(db(), sys, org, { personId: person, position: 'secretary', since: '2024-01-01' });
    expect((await tasksOf(org, 'org.secretaryVacant'))[0]).toMatchObject({ id: vacant!.id, state: 'done' });
    await endPosition(db(), sys, org, pos.id, { until: '2024-06-01', reason: '调离' });
    expect((await tasksOf(org, 'org.secretaryVacant'))[0]).toMatchObject({ id: vacant!.id, state: 'open' });
    expect(await events(vacant!.id)).toEqual(['opened', 'closed', 'reopened']);
    const audit = await db().selectFrom('audit_event').select('after').where('action', '=', 'task.autoRefresh').execute();
    // The audit log names the trigger as people read it (the action's Chinese label), never its code.
    expect(audit.map((a) => (a.after as { trigger: string }).trigger)).toEqual(['party_org.create', 'party_org.coverage.add', 'party_org.position.appoint', 'party_org.position.end'].map(auditActionLabel));

    // The organisation moves street by an adjustment: its tasks go with it.
    const { version } = await db().selectFrom('party_org').select('version').where('id', '=', org).executeTakeFirstOrThrow();
    await adjustOrg(db(), sys, org, { version, changes: { regionCode: STREET_2 }, reason: '驻地迁移' });
    expect((await tasksOf(org, 'org.secretaryVacant'))[0]).toMatchObject({ state: 'open', region_code: STREET_2 });

    // A re-election long overdue, then held: that task opens and closes by the writes alone.
    await db().updateTable('party_org').set({ term_ends_on: '2020-01-01' }).where('id', '=', org).execute();
    await db().transaction().execute((tx) => refreshTasksFor(tx, sys, { partyOrgIds: [org] }));
    expect((await tasksOf(org, 'org.reelectionOverdue'))[0]).toMatchObject({ state: 'open' });
    const v2 = (await db().selectFrom('party_org').select('version').where('id', '=', org).executeTakeFirstOrThrow()).version;
    await reelectOrg(db(), sys, org, { version: v2, heldOn: '2026-06-01' });
    expect((await tasksOf(org, 'org.reelectionOverdue'))[0]).toMatchObject({ state: 'done', closed_by: 'fact_changed' });
  });

  it('a cancelled task stays cancelled while its finding persists; gone and back, a new task opens', async () => {
    const e3 = await idOf(3);
    const [t] = await tasksOf(e3, 'coverage.gap');
    await db().updateTable('task').set({ state: 'cancelled', closed_at: new Date(), closed_by: 'task.cancel' }).where('id', '=', t!.id).execute();
    await db().transaction().execute((tx) => refreshTasksFor(tx, sys, { enterpriseIds: [e3] }));
    await refreshTasks(db(), sys, {});
    expect(await tasksOf(e3, 'coverage.gap')).toEqual([expect.objectContaining({ id: t!.id, state: 'cancelled' })]);
    // The gap goes (deregistered), then comes back (active again): a new matter, a new task.
    await importRows([facts(3, { regionCode: STREET_2, operatingStatus: 'deregistered' })]);
    expect(await tasksOf(e3, 'coverage.gap')).toEqual([expect.objectContaining({ id: t!.id, state: 'cancelled' })]);
    await importRows([facts(3, { regionCode: STREET_2 })]);
    const after = await tasksOf(e3, 'coverage.gap');
    expect(after.map((x) => x.state)).toEqual(['cancelled', 'open']);
    expect(after[1]!.id).not.toBe(t!.id);
  });
});
