import type { Db } from '../../db/schema.js';
import type { Action } from '../../domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { writeErrorReport } from '../import/error-report.js';
import { refreshTasksAfterOrgChanges } from '../task/task-refresh-for.service.js';
import { withSavepoint } from './org-import.repository.js';
import type { RowError } from './parse-rows.js';
import { readTemplateFile, type TemplateFile } from './read-template.js';
import {
  applyAssignmentRow, applyOrgRow, applyPositionRow, applyUnionRow, rowErrorsOf, type ApplyDeps, type Outcome,
} from './row-appliers.js';
import type { OrgImportKind } from './templates.js';

export type OrgImportResult = {
  kind: OrgImportKind; dryRun: boolean; rows: number; created: number; updated: number; unchanged: number; rejected: number; errors: RowError[];
};
export type OrgImportDeps = { db: Db; keyring: () => Keyring };

const ACTION: Record<OrgImportKind, Action> = { orgs: 'org.manage', positions: 'org.manage', unions: 'union.manage', assignments: 'instructor.manage' };
const APPLY = { orgs: applyOrgRow, positions: applyPositionRow, unions: applyUnionRow, assignments: applyAssignmentRow } as const;

class DryRunRollback extends Error {}

/**
 * Imports one template file in ONE transaction. Each row runs in a savepoint: a bad row is
 * rejected with its errors (row, column, code, message) and the others apply; an unexpected
 * failure rolls the whole file back. Rows match existing records by natural key, so re-running the
 * same file changes nothing. A dry run does all of it and rolls back, so its counts are exact.
 */
export async function runOrgImport(d: OrgImportDeps, actor: Actor, kind: OrgImportKind, path: string, opts: { dryRun?: boolean; reportPath?: string } = {}): Promise<OrgImportResult> {
  requireAction(actor, ACTION[kind]);
  const file = await readTemplateFile(path, kind);
  const result: OrgImportResult = { kind, dryRun: !!opts.dryRun, rows: file.rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
  const rejectedRows: Array<{ row: number; raw: string[]; errors: RowError[] }> = [];
  try {
    await d.db.transaction().execute(async (tx) => {
      const deps: ApplyDeps = { tx, actor, keyring: d.keyring };
      // One incremental refresh of the inbox for every organisation the file changed (docs/inbox.md, "Refresh").
      await refreshTasksAfterOrgChanges(tx, actor, `import.${kind}`, async () => {
        for (const row of file.rows) {
          const outcome = await applyRow(deps, kind, row, rejectedRows);
          if (outcome) result[outcome]++;
        }
      });
      const { errors: _e, ...summary } = result;
      await recordAudit(tx, actor, { action: `import.${kind}`, entity: 'import', entityId: kind, after: { file: path.split('/').pop(), ...summary, rejected: rejectedRows.length } });
      if (opts.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  result.rejected = rejectedRows.length;
  result.errors = rejectedRows.flatMap((r) => r.errors);
  if (opts.reportPath && rejectedRows.length) await writeReport(opts.reportPath, file, rejectedRows);
  return result;
}

async function applyRow(deps: ApplyDeps, kind: OrgImportKind, row: TemplateFile['rows'][number], rejected: Array<{ row: number; raw: string[]; errors: RowError[] }>): Promise<Outcome | null> {
  try {
    return await withSavepoint(deps.tx, () => APPLY[kind](deps, row));
  } catch (err) {
    const errors = rowErrorsOf(err, row.row, kind);
    if (!errors) throw err;
    rejected.push({ row: row.row, raw: row.raw, errors });
    return null;
  }
}

async function writeReport(path: string, file: TemplateFile, rows: Array<{ row: number; raw: string[]; errors: RowError[] }>): Promise<void> {
  const header = { headerRow: file.headerRow, headers: file.headers, mapped: {}, unmapped: [], format: 'xlsx' as const, encoding: null };
  await writeErrorReport(path, header, rows);
}
