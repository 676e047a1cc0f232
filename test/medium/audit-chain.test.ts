import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { anchorAudit, auditRetentionDays, pruneAudit } from '../../src/core/audit/audit-retention.js';
import { writeAuditHead, type AuditRow } from '../../src/core/audit/audit.repository.js';
import { GENESIS_HASH, recordAudit } from '../../src/core/audit/audit.service.js';
import { rowHash, verifyAuditChain } from '../../src/core/audit/audit-verify.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const actor = { ...systemActor('tester'), ip: '10.0.0.1' };
const macKey = Buffer.alloc(32, 7);

describe(`audit chain on ${testEngine()}`, () => {
  let database: Database;
  const db = () => database.db;
  const record = (n: number, extra: Record<string, unknown> = {}) =>
    db().transaction().execute(async (tx) => {
      for (let i = 0; i < n; i++) await recordAudit(tx, actor, { action: 'test.write', entity: 'thing', entityId: String(i), after: { i, ...extra } });
    });
  const seqs = async () => (await db().selectFrom('audit_event').select('seq').orderBy('seq').execute()).map((r) => r.seq);

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await sql`TRUNCATE audit_event, audit_checkpoint`.execute(db());
    await sql`DELETE FROM app_setting WHERE key = 'audit.head'`.execute(db());
  });

  it('an untouched chain verifies, also across batch boundaries and rollback gaps', async () => {
    await record(7);
    await expect(db().transaction().execute(async (tx) => {
      await recordAudit(tx, actor, { action: 'test.rolled_back', entity: 'thing' });
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    await record(5); // after a seq gap left by the rollback
    const res = await verifyAuditChain(db(), { macKey, batchSize: 3 });
    expect(res.problems).toEqual([]);
    expect(res).toMatchObject({ ok: true, checked: 12 });
  });

  it('an altered after is reported as altered at that seq', async () => {
    await record(5);
    const s = await seqs();
    await sql`UPDATE audit_event SET after = '{"i": 99}'::jsonb WHERE seq = ${s[2]}`.execute(db());
    const res = await verifyAuditChain(db(), { batchSize: 2 });
    expect(res.ok).toBe(false);
    expect(res.problems).toEqual([expect.objectContaining({ seq: s[2], kind: 'altered' })]);
  });

  it('an altered actor or time is caught', async () => {
    await record(3);
    const s = await seqs();
    await sql`UPDATE audit_event SET at = at - interval '1 day' WHERE seq = ${s[0]}`.execute(db());
    await sql`UPDATE audit_event SET actor_name = 'someone' WHERE seq = ${s[1]}`.execute(db());
    const res = await verifyAuditChain(db());
    expect(res.problems.map((p) => [p.seq, p.kind])).toEqual([[s[0], 'altered'], [s[1], 'altered']]);
  });

  it('a deleted middle row is reported as deleted', async () => {
    await record(5);
    const s = await seqs();
    await sql`DELETE FROM audit_event WHERE seq = ${s[2]}`.execute(db());
    const res = await verifyAuditChain(db());
    expect(res.problems).toEqual([expect.objectContaining({ seq: s[2], kind: 'deleted' })]);
  });

  it('a deleted last row is reported through the anchored head', async () => {
    await record(4);
    const s = await seqs();
    await sql`DELETE FROM audit_event WHERE seq = ${s[3]}`.execute(db());
    const res = await verifyAuditChain(db());
    expect(res.problems).toEqual([expect.objectContaining({ seq: s[3], kind: 'deleted' })]);
  });

  it('deleted oldest rows without a checkpoint are reported as truncated', async () => {
    await record(4);
    const s = await seqs();
    await sql`DELETE FROM audit_event WHERE seq <= ${s[1]}`.execute(db());
    const res = await verifyAuditChain(db());
    expect(res.problems).toEqual([expect.objectContaining({ seq: s[2], kind: 'truncated' })]);
  });

  it('a forged row inserted into a gap is reported as inserted', async () => {
    await record(2);
    await expect(db().transaction().execute(async (tx) => {
      await recordAudit(tx, actor, { action: 'x', entity: 'thing' });
      throw new Error('rollback'); // leaves a seq gap to forge into
    })).rejects.toThrow();
    await record(2);
    const s = await seqs();
    const gap = (BigInt(s[1]) + 1n).toString();
    await sql`INSERT INTO audit_event (seq, at, actor_name, action, entity, prev_hash, hash)
      OVERRIDING SYSTEM VALUE
      SELECT ${gap}, now(), 'forger', 'test.forged', 'thing', hash, repeat('a', 64) FROM audit_event WHERE seq = ${s[1]}`.execute(db());
    const res = await verifyAuditChain(db());
    const kinds = res.problems.map((p) => [p.seq, p.kind]);
    expect(kinds).toContainEqual([gap, 'altered']);
    expect(kinds).toContainEqual([gap, 'inserted']);
  });

  it('a correctly chained forged row after the head is reported as inserted', async () => {
    await record(3);
    const last = await db().selectFrom('audit_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    // The forger knows the algorithm: the row chains and hashes correctly, only the head anchor catches it.
    const { auditHashInput } = await import('../../src/core/audit/audit.service.js');
    const { sm3Hex } = await import('../../src/core/audit/sm3.js');
    const at = new Date().toISOString();
    const row = { at, actor_id: null, actor_name: 'forger', ip: null, action: 'test.forged', entity: 'thing', entity_id: null, before: null, after: null };
    const hash = sm3Hex(auditHashInput(last.hash, row));
    await db().insertInto('audit_event').values({ ...row, prev_hash: last.hash, hash }).execute();
    const res = await verifyAuditChain(db());
    expect(res.problems).toEqual([expect.objectContaining({ kind: 'inserted' })]);
  });

  it('retention: refuses under 183 days; prune leaves a signed checkpoint and the chain still verifies', async () => {
    expect(() => auditRetentionDays({ LX_AUDIT_RETENTION_DAYS: '90' })).toThrow(/183/);
    expect(auditRetentionDays({ LX_AUDIT_RETENTION_DAYS: '200' })).toBe(200);
    expect(auditRetentionDays({})).toBe(1095);
    await expect(pruneAudit(db(), actor, { retentionDays: 100, macKey })).rejects.toThrow(/183/);
    await recordAged(4, 400);
    await record(2);
    const res = await pruneAudit(db(), actor, { retentionDays: 200, macKey });
    expect(res.removed).toBe(4);
    expect((await seqs()).length).toBe(3); // two kept + the prune's own entry
    expect(await verifyAuditChain(db(), { macKey })).toMatchObject({ ok: true, checked: 3 });
    await sql`UPDATE audit_checkpoint SET hash = repeat('b', 64)`.execute(db());
    const forged = await verifyAuditChain(db(), { macKey });
    expect(forged.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['checkpoint', 'truncated']));
  });

  it('prune refuses while the chain is broken', async () => {
    await recordAged(3, 400);
    const s = await seqs();
    await sql`UPDATE audit_event SET action = 'changed' WHERE seq = ${s[1]}`.execute(db());
    await expect(pruneAudit(db(), actor, { retentionDays: 200, macKey })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await seqs()).length).toBe(3);
  });

  it('an anchor checkpoint catches a re-hashed rewrite of the tail', async () => {
    await record(3);
    await anchorAudit(db(), actor, macKey);
    const s = await seqs();
    await sql`DELETE FROM audit_event WHERE seq = ${s[2]}`.execute(db());
    const res = await verifyAuditChain(db(), { macKey });
    expect(res.problems).toContainEqual(expect.objectContaining({ seq: s[2], kind: 'deleted' }));
  });

  it('personal fields in before/after are masked before they are stored', async () => {
    await db().transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'test.pii', entity: 'person', before: { idNumber: '110105199003071239' }, after: { phone: '13800001234', note: '11010519491231002X' },
    }));
    const text = JSON.stringify(await db().selectFrom('audit_event').selectAll().execute());
    expect(text).not.toMatch(/110105199003071239|13800001234|11010519491231002X/);
    expect(text).toContain('110105********1239');
  });

  it('property: any before/after survives the jsonb round trip and verifies', async () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.double(), fc.string({ unit: 'binary' }), fc.array(fc.integer()), fc.constant(undefined))),
      fc.record({ when: fc.date({ noInvalidDate: true }), big: fc.bigInt() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 4 }), async (events) => {
        await db().transaction().execute(async (tx) => {
          for (const [before, after] of events) await recordAudit(tx, actor, { action: 'prop', entity: 'thing', before, after });
        });
        const res = await verifyAuditChain(db());
        expect(res.problems).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  /** Entries made to look `daysAgo` old: the time is in the hash, so the chain is re-hashed after. */
  async function recordAged(n: number, daysAgo: number): Promise<void> {
    await record(n);
    await sql`UPDATE audit_event SET at = at - make_interval(days => ${daysAgo})`.execute(db());
    let prev = GENESIS_HASH;
    let last: { seq: string; hash: string } | null = null;
    for (const row of await db().selectFrom('audit_event').selectAll().orderBy('seq').execute()) {
      const hash = rowHash({ ...row, prev_hash: prev } as AuditRow);
      await db().updateTable('audit_event').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
      prev = hash;
      last = { seq: row.seq, hash };
    }
    if (last) await writeAuditHead(db(), last);
  }
});
