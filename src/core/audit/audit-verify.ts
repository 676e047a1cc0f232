import type { Executor } from '../../db/schema.js';
import { hmacSm3Hex } from '../crypto/pii-cipher.js';
import { auditBatch, listCheckpoints, readAuditHead, type AuditRow, type CheckpointRow } from './audit.repository.js';
import { auditHashInput, GENESIS_HASH } from './audit.service.js';
import { sm3Hex } from './sm3.js';

/**
 * Walks the audit chain in seq order, in batches, recomputing every hash.
 * - altered: a row's content no longer gives its stored hash (or disagrees with a checkpoint);
 * - inserted: a row that the chain does not link to (a forged row), or rows beyond the anchored head;
 * - deleted: the link breaks across a seq gap, or the anchored head / a checkpoint names a missing row
 *   (identity sequences have gaps after rollbacks, so a gap alone proves nothing — the link does);
 * - truncated: the oldest rows are gone without a retention checkpoint vouching for the removal;
 * - checkpoint: a checkpoint whose MAC is wrong (forged or edited).
 */
export type AuditProblemKind = 'altered' | 'inserted' | 'deleted' | 'truncated' | 'checkpoint';
export type AuditProblem = { seq: string; kind: AuditProblemKind; message: string };
export type AuditVerifyResult = {
  ok: boolean;
  checked: number;
  firstSeq: string | null;
  lastSeq: string | null;
  lastHash: string | null;
  /** false when no key was available to check checkpoint MACs. */
  checkpointsAuthenticated: boolean;
  problems: AuditProblem[];
};

export const VERIFY_BATCH = 10_000;
const MAX_PROBLEMS = 1000;

export function checkpointMacInput(c: { seq: string; hash: string; kind: string; removed: string | number; created_at: Date }): string {
  return [c.seq, c.hash, c.kind, String(c.removed), c.created_at.toISOString()].join('|');
}

export const rowHash = (r: AuditRow): string =>
  sm3Hex(auditHashInput(r.prev_hash, { ...r, at: r.at.toISOString() }));

type Walk = {
  prev: AuditRow | null; prevPrev: AuditRow | null; expectedPrev: string; checked: number; first: AuditRow | null;
  anchorsSeen: Set<string>;
};

export async function verifyAuditChain(
  db: Executor,
  opts: { macKey?: Buffer | null; batchSize?: number } = {},
): Promise<AuditVerifyResult> {
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem) => void (problems.length < MAX_PROBLEMS && problems.push(p));
  const checkpoints = await listCheckpoints(db);
  checkMacs(checkpoints, opts.macKey ?? null, report);
  const start = [...checkpoints].reverse().find((c) => c.kind === 'prune') ?? null;
  const anchors = new Map(checkpoints.map((c) => [c.seq, c]));
  const walk: Walk = { prev: null, prevPrev: null, expectedPrev: start?.hash ?? GENESIS_HASH, checked: 0, first: null, anchorsSeen: new Set() };
  for (let round = 0; round < 5; round++) {
    await walkRows(db, walk, start, anchors, opts.batchSize ?? VERIFY_BATCH, report);
    // Read the head after the walk: every committed row has seq ≤ head, so a head beyond the last
    // row is either a write that landed meanwhile (walk on) or a deleted tail.
    const head = await readAuditHead(db);
    const more = await auditBatch(db, walk.prev?.seq ?? null, 1);
    if (more.length) continue;
    checkHead(walk, head, report);
    break;
  }
  checkAnchorsPresent(checkpoints, walk, start, report);
  return {
    ok: problems.length === 0,
    checked: walk.checked,
    firstSeq: walk.first?.seq ?? null,
    lastSeq: walk.prev?.seq ?? null,
    lastHash: walk.prev?.hash ?? null,
    checkpointsAuthenticated: Boolean(opts.macKey),
    problems,
  };
}

async function walkRows(
  db: Executor, w: Walk, start: CheckpointRow | null, anchors: Map<string, CheckpointRow>, batchSize: number,
  report: (p: AuditProblem) => void,
): Promise<void> {
  for (;;) {
    const rows = await auditBatch(db, w.prev?.seq ?? null, batchSize);
    for (const row of rows) {
      checkRow(w, row, start, report);
      const anchor = anchors.get(row.seq);
      if (anchor) w.anchorsSeen.add(row.seq);
      if (anchor && anchor.hash !== row.hash) {
        report({ seq: row.seq, kind: 'altered', message: `第 ${row.seq} 条与校验点记录的哈希不一致` });
      }
      w.prevPrev = w.prev;
      w.prev = row;
      w.expectedPrev = row.hash;
      w.first ??= row;
      w.checked++;
    }
    if (rows.length < batchSize) return;
  }
}

function checkRow(w: Walk, row: AuditRow, start: CheckpointRow | null, report: (p: AuditProblem) => void): void {
  if (rowHash(row) !== row.hash) {
    report({ seq: row.seq, kind: 'altered', message: `第 ${row.seq} 条的内容与其哈希不符（记录被修改）` });
  }
  if (row.prev_hash === w.expectedPrev) return;
  if (!w.prev) {
    const why = start ? `与清理校验点（第 ${start.seq} 条）不衔接` : '不是链的起点';
    report({ seq: row.seq, kind: 'truncated', message: `最早的第 ${row.seq} 条${why}：更早的记录被删除` });
  } else if (w.prevPrev && row.prev_hash === w.prevPrev.hash) {
    report({ seq: w.prev.seq, kind: 'inserted', message: `第 ${w.prev.seq} 条不在链上（伪造插入）` });
  } else if (BigInt(row.seq) > BigInt(w.prev.seq) + 1n) {
    const from = (BigInt(w.prev.seq) + 1n).toString();
    report({ seq: from, kind: 'deleted', message: `第 ${w.prev.seq} 条与第 ${row.seq} 条之间的记录被删除` });
  } else {
    report({ seq: row.seq, kind: 'inserted', message: `第 ${row.seq} 条与前一条（第 ${w.prev.seq} 条）不衔接：该条为伪造，或前一条被修改后重算了哈希` });
  }
}

function checkHead(w: Walk, head: { seq: string; hash: string } | null, report: (p: AuditProblem) => void): void {
  if (!head) {
    if (w.prev) report({ seq: w.prev.seq, kind: 'inserted', message: '审计日志缺少链头锚点（audit.head），无法确认末尾记录' });
    return;
  }
  const last = w.prev ? BigInt(w.prev.seq) : 0n;
  const headSeq = BigInt(head.seq);
  if (last < headSeq) {
    report({ seq: (last + 1n).toString(), kind: 'deleted', message: `链头锚点为第 ${head.seq} 条，但记录只到第 ${last} 条：末尾记录被删除` });
  } else if (last > headSeq) {
    report({ seq: (headSeq + 1n).toString(), kind: 'inserted', message: `链头锚点为第 ${head.seq} 条之后仍有记录：末尾记录为伪造` });
  } else if (w.prev && w.prev.hash !== head.hash) {
    report({ seq: head.seq, kind: 'altered', message: `第 ${head.seq} 条与链头锚点的哈希不一致` });
  }
}

function checkMacs(checkpoints: CheckpointRow[], macKey: Buffer | null, report: (p: AuditProblem) => void): void {
  if (!macKey) return;
  for (const c of checkpoints) {
    if (c.mac !== hmacSm3Hex(macKey, checkpointMacInput(c))) {
      report({ seq: c.seq, kind: 'checkpoint', message: `第 ${c.seq} 条的校验点签名无效（校验点被伪造或修改）` });
    }
  }
}

/** An anchor checkpoint at or after the retention start must still find its row. */
function checkAnchorsPresent(checkpoints: CheckpointRow[], w: Walk, start: CheckpointRow | null, report: (p: AuditProblem) => void): void {
  const startSeq = start ? BigInt(start.seq) : 0n;
  for (const c of checkpoints) {
    if (c.kind !== 'anchor' || BigInt(c.seq) <= startSeq) continue;
    if (!w.anchorsSeen.has(c.seq)) {
      report({ seq: c.seq, kind: 'deleted', message: `校验点记录的第 ${c.seq} 条已不存在` });
    }
  }
}
