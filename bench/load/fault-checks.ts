import { sql } from 'kysely';
import type { Db } from '../../src/db/schema.js';
import type { Session } from './client.js';
import type { Ack } from './mix.js';

/**
 * What a crash must not break, checked against the database after the restart:
 * - every correction the client saw acknowledged (200 with its new version) is there — the record's
 *   version is at least that, and if no later write landed, the value is the acknowledged one;
 * - every import the server accepted is whole or absent: its rows in the change history are all of
 *   its file's rows or none of them (the apply is one transaction below 20,000 rows).
 */
export type DurabilityCheck = {
  corrections: number; correctionsLost: number;
  imports: number; importsWhole: number; importsAbsent: number; importsPartial: number; completedImportsMissing: number;
  importsLeftRunning: number; problems: string[];
};

export async function checkDurability(db: Db, acks: Ack[]): Promise<DurabilityCheck> {
  const out: DurabilityCheck = { corrections: 0, correctionsLost: 0, imports: 0, importsWhole: 0, importsAbsent: 0, importsPartial: 0, completedImportsMissing: 0, importsLeftRunning: 0, problems: [] };
  const lastByEnterprise = new Map<string, Extract<Ack, { kind: 'correction' }>>();
  for (const a of acks) {
    if (a.kind !== 'correction') continue;
    out.corrections++;
    const prev = lastByEnterprise.get(a.enterpriseId);
    if (!prev || prev.version < a.version) lastByEnterprise.set(a.enterpriseId, a);
  }
  const ids = [...lastByEnterprise.keys()];
  const rows = ids.length ? await db.selectFrom('enterprise').select(['id', 'version', 'employee_count']).where('id', 'in', ids).execute() : [];
  const now = new Map(rows.map((r) => [String(r.id), r]));
  for (const [id, a] of lastByEnterprise) {
    const r = now.get(id);
    if (r && (r.version > a.version || (r.version === a.version && r.employee_count === a.employeeCount))) continue;
    out.correctionsLost++;
    if (out.problems.length < 10) out.problems.push(`企业 ${id}：已确认版本 ${a.version}（从业人数 ${a.employeeCount}），库中为版本 ${r?.version}（${r?.employee_count}）`);
  }
  for (const a of acks) {
    if (a.kind !== 'import') continue;
    out.imports++;
    const changed = await sql<{ n: string }>`SELECT count(DISTINCT enterprise_id) AS n FROM enterprise_change WHERE import_id = ${a.importId}`.execute(db);
    const n = Number(changed.rows[0]?.n ?? 0);
    if (n === a.rows) out.importsWhole++;
    else if (n === 0) out.importsAbsent++;
    else {
      out.importsPartial++;
      out.problems.push(`导入 ${a.importId}：文件 ${a.rows} 行，只写入 ${n} 行`);
    }
    if (a.completed && n !== a.rows) out.completedImportsMissing++;
    const batch = await db.selectFrom('import_batch').select('status').where('id', '=', a.importId).executeTakeFirst();
    if (batch?.status === 'running') out.importsLeftRunning++;
  }
  return out;
}

/**
 * Fault c: `editors` sessions correct the same few records at once, each write with the version it
 * read; a 409 makes the editor re-read and try again. No lost update means: the acknowledged
 * versions of a record are all different, its final version is its first plus their number, and its
 * final value is the one acknowledged last.
 */
export type EditorsCheck = { editors: number; records: number; acknowledged: number; refused409: number; retries: number; lostUpdates: number; problems: string[] };

export async function concurrentEditors(db: Db, sessions: Session[], recordIds: string[], writesPerEditor: number): Promise<EditorsCheck> {
  const start = await db.selectFrom('enterprise').select(['id', 'version']).where('id', 'in', recordIds).execute();
  const acked: Array<{ id: string; version: number; value: number }> = [];
  let refused = 0;
  let retries = 0;
  await Promise.all(sessions.map(async (s, editor) => {
    for (let k = 0; k < writesPerEditor; k++) {
      const id = recordIds[(editor + k) % recordIds.length]!;
      const value = 1_000_000 + editor * 1000 + k; // unique per write: the final value names its writer
      for (let attempt = 0; ; attempt++) {
        const d = await s.send<{ version: number }>('GET', `/api/enterprises/${id}`, undefined, 'open');
        const r = await s.send<{ version: number }>('POST', `/api/enterprises/${id}/corrections`,
          { version: d.body.version, reason: '多人同时核实', values: { employeeCount: value } }, 'edit', [200, 409]);
        if (r.status === 200) {
          acked.push({ id, version: r.body.version, value });
          break;
        }
        if (r.status !== 409 || attempt > 200) throw new Error(`编辑 ${id} 失败：${r.status}`);
        refused++;
        retries++;
      }
    }
  }));
  const end = await db.selectFrom('enterprise').select(['id', 'version', 'employee_count']).where('id', 'in', recordIds).execute();
  const problems: string[] = [];
  for (const r of end) {
    const mine = acked.filter((a) => a.id === String(r.id)).sort((a, b) => a.version - b.version);
    const first = start.find((x) => x.id === r.id)!.version;
    const distinct = new Set(mine.map((a) => a.version)).size;
    if (distinct !== mine.length) problems.push(`企业 ${r.id}：${mine.length} 次确认只有 ${distinct} 个不同版本`);
    if (r.version !== first + mine.length) problems.push(`企业 ${r.id}：版本 ${first} → ${r.version}，确认写入 ${mine.length} 次`);
    if (mine.length && r.employee_count !== mine.at(-1)!.value) problems.push(`企业 ${r.id}：最终值 ${r.employee_count}，最后确认的是 ${mine.at(-1)!.value}`);
  }
  return { editors: sessions.length, records: recordIds.length, acknowledged: acked.length, refused409: refused, retries, lostUpdates: problems.length, problems };
}
