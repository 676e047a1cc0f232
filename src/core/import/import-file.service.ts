import fs from 'node:fs';
import type { ImportResult } from '../../contracts/enterprise.js';
import type { Database } from '../../db/database.js';
import type { ImportProgress } from '../../db/tables/ledger.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { ColumnMapping } from './column-map.js';
import { writeErrorReport, type RejectedRow } from './error-report.js';
import { streamRowErrors, type RowErrorRecord } from './import-batch.repository.js';
import { fileSha256 } from './file-sha256.js';
import { applyEnterpriseItems, beginImport, loadKnownHashes, type ApplyOptions } from './import-enterprises.service.js';
import { loadMapping } from './import-mapping.service.js';
import type { ItemSource } from './import-items.js';
import { openEnterpriseFile, type FileHeader } from './read-enterprise-file.js';
import { readEnterpriseFileOnThread, useReaderThread } from './reader-thread.js';

/**
 * An import from a file, in two steps so callers can answer early: `prepareFileImport` refuses a bad
 * file (FILE_*) before anything is written and opens the import; `run` streams and applies it.
 */
export type FileImportInput = {
  path: string;
  fileName: string;
  source: string;
  dryRun: boolean;
  mapping?: ColumnMapping;
  /** Where the API keeps the upload, so the error report can be rebuilt later. */
  storedPath?: string | null;
};

export type PreparedImport = {
  importId: string;
  header: FileHeader;
  progress: ImportProgress;
  run(opts?: Omit<ApplyOptions, 'progress'>): Promise<ImportResult>;
};

/** The gate an upload passes before its bytes are even received. */
export function assertCanImport(actor: Actor): void {
  requireAction(actor, 'enterprise.import');
}

export async function prepareFileImport(database: Database, actor: Actor, input: FileImportInput): Promise<PreparedImport> {
  requireAction(actor, 'enterprise.import');
  const mapping = input.mapping ?? (await loadMapping(database.db, input.source, actor.userId));
  const progress: ImportProgress = { phase: 'reading', bytesRead: 0, totalBytes: fs.statSync(input.path).size, rows: 0, applied: 0 };
  const readProgress = (bytesRead: number, totalBytes: number) => {
    progress.bytesRead = bytesRead;
    progress.totalBytes = totalBytes;
  };
  const opened = await openEnterpriseFile(input.path, { mapping, onProgress: readProgress });
  // The ledger's source hashes load on the server while Node hashes the file.
  const knownHashes = loadKnownHashes(database, actor);
  knownHashes.catch(() => undefined);
  // The file's SHA-256 (for the audit) is computed on another thread while the rows are read; the
  // batch gets it when the import ends.
  const sha256 = fileSha256(input.path);
  sha256.catch(() => undefined);
  const importId = await beginImport(database, actor, {
    fileName: input.fileName, fileSha256: '', source: input.source, dryRun: input.dryRun,
    storedPath: input.storedPath ?? null,
  });
  // A large file is read on a worker thread while this one places and COPYs (reader-thread.ts).
  const threaded = useReaderThread(progress.totalBytes ?? 0);
  if (threaded) await opened.close();
  const items: ItemSource = threaded
    ? readEnterpriseFileOnThread(input.path, { mapping, onProgress: readProgress })
    : { [Symbol.asyncIterator]: () => opened.items[Symbol.asyncIterator](), skipKnown: opened.skipKnown };
  return {
    importId,
    header: opened.header,
    progress,
    run: (opts = {}) => applyEnterpriseItems(database, actor, importId, items, { knownHashes, fileSha256: sha256, carries: Object.values(opened.header.mapped), ...opts, progress }),
  };
}

/**
 * The rejected rows of an import as an XLSX with 错误原因: the errors come from import_row_error,
 * the original cells from reading the file again (so the stage never has to keep raw rows).
 */
export async function writeImportErrorReport(
  database: Database, importId: string, input: { path: string; mapping?: ColumnMapping; source: string; actorId?: string | null }, outPath: string,
): Promise<number> {
  const byRow = new Map<number, RowErrorRecord[]>();
  for await (const page of streamRowErrors(database.db, importId)) {
    for (const e of page) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  }
  if (!fs.existsSync(input.path)) throw new AppError('NOT_FOUND', '导入文件已不存在，无法生成错误报告');
  // The importer's own mapping, if they had one, read the file the first time.
  const mapping = input.mapping ?? (await loadMapping(database.db, input.source, input.actorId ?? null));
  const opened = await openEnterpriseFile(input.path, { mapping });
  async function* rejected(): AsyncGenerator<RejectedRow> {
    for await (const item of opened.items) {
      if (item.kind === 'skipped') continue;
      const errors = byRow.get(item.row);
      if (errors) yield { row: item.row, raw: item.raw, errors };
    }
  }
  return writeErrorReport(outPath, opened.header, rejected());
}
