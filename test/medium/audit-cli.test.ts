import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { recordAudit } from '../../src/core/audit/audit.service.js';
import { cliDatabase } from '../helpers/cli-database.js';
import { testEngine } from '../helpers/db.js';

/** The "done when" of issue 4: a tampered row is caught by `liangxin audit verify`, exit code 1. */
describe(`liangxin audit verify on ${testEngine()}`, () => {
  const { prepare, cli, cleanup } = cliDatabase('audit-cli');
  afterAll(cleanup);

  it('reports the altered seq as JSON and exits 1', async () => {
    let tampered = '';
    await prepare(async (database) => {
      await database.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 3; i++) await recordAudit(tx, systemActor('t'), { action: 'test.write', entity: 'thing', after: { i } });
      });
      const rows = await database.db.selectFrom('audit_event').select('seq').orderBy('seq').execute();
      tampered = rows[1].seq;
      await sql`UPDATE audit_event SET after = '{"i": 42}' WHERE seq = ${tampered}`.execute(database.db);
    });
    const run = cli('audit', 'verify', '--json');
    expect(run.status, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ok: boolean; problems: Array<{ seq: string; kind: string }> };
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: tampered, kind: 'altered' })]);
  });
});
