import type { CopyConnection } from '../../db/copy-connection.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { verifyAuditChain, type AuditVerifyResult } from '../audit/audit-verify.js';
import { fixOutputSettings, listTables } from './backup.repository.js';
import { digestTable, type TableDigest } from './table-copy.js';

export type TableCheck = { name: string; expected: TableDigest; found: TableDigest };

/**
 * Row for row: every table of the target read back in key order inside one snapshot and digested;
 * its count and checksum must equal the source's. A table the source did not have must be empty.
 */
export async function verifyTables(
  c: CopyConnection, expected: Map<string, TableDigest>, onTable?: (name: string) => void,
): Promise<TableCheck[]> {
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const wrong: TableCheck[] = [];
  try {
    await fixOutputSettings(c);
    const tables = await listTables(c);
    const seen = new Set(tables.map((t) => t.name));
    for (const name of expected.keys()) {
      if (!seen.has(name)) wrong.push({ name, expected: expected.get(name)!, found: { rows: 0, sha256: '（目标中没有此表）' } });
    }
    for (const t of tables) {
      const found = await digestTable(c, t);
      const want = expected.get(t.name) ?? { rows: 0, sha256: found.rows ? '（源中没有此表）' : found.sha256 };
      if (found.rows !== want.rows || found.sha256 !== want.sha256) wrong.push({ name: t.name, expected: want, found });
      onTable?.(t.name);
    }
  } finally {
    await c.query('COMMIT');
  }
  if (wrong.length) {
    throw new AppError('BACKUP_VERIFY_FAILED', `核对未通过：${wrong.length} 张表与源数据不一致`, wrong.slice(0, 20).map((w) => ({
      field: w.name, code: 'TABLE_MISMATCH', message: `${w.name}：应有 ${w.expected.rows} 行，实有 ${w.found.rows} 行${w.expected.rows === w.found.rows ? '（内容不同）' : ''}`,
    })));
  }
  return tables(expected);
}

const tables = (expected: Map<string, TableDigest>): TableCheck[] =>
  [...expected].map(([name, d]) => ({ name, expected: d, found: d }));

/** The audit chain re-verified end to end in the target, ending on the source's head. */
export async function verifyChain(
  db: Db, head: { seq: string; hash: string } | null, macKey: Buffer | null,
): Promise<AuditVerifyResult> {
  const result = await verifyAuditChain(db, { macKey });
  const problems: Array<{ field: string; code: string; message: string }> =
    result.problems.map((p) => ({ field: `第 ${p.seq} 条`, code: p.kind, message: p.message }));
  if (head && (result.lastSeq !== head.seq || result.lastHash !== head.hash)) {
    problems.push({ field: '链头', code: 'HEAD', message: `链头应为第 ${head.seq} 条（${head.hash.slice(0, 12)}…），实为第 ${result.lastSeq ?? '-'} 条` });
  }
  if (!head && result.checked) problems.push({ field: '链头', code: 'HEAD', message: '源数据没有审计记录，目标却有' });
  if (problems.length) throw new AppError('BACKUP_VERIFY_FAILED', '审计日志链核对未通过', problems.slice(0, 20));
  return result;
}
