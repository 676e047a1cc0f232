import type { Executor } from '../../db/schema.js';
import type { ApprovalKind, ApprovalSubjectTable, LevelRole, ResolvedFlow } from '../../domain/approval.js';
import type { Actor } from '../access/actor.js';
import type { Keyring } from '../crypto/keyring.js';

/**
 * How the engine meets a workflow (docs/approvals.md, "Adapters"): one adapter per module, of one
 * shape. The module's own code does the work — the engine adds levels in front of it, never a second
 * copy of its rules. Every function runs in the caller's transaction.
 */
/** The record as requests show it: its organisation (whose scope decides who decides), that one's place, a label. */
export type Subject = { orgId: string; regionCode: string | null; label: string };
export type Payload = Record<string, unknown>;
/** A rule finding that forbids the last level, as people read it (the basis in Chinese). */
export type Blocker = { title: string; message: string; source: string };
export type SubjectTable = ApprovalSubjectTable;
/** A level's decision as an adapter that keeps its own per-level record sees it (the checklist's marks). */
export type LevelDecision = {
  decision: 'approve' | 'return'; comment: string | null; marks?: Record<string, number>;
  levels: readonly LevelRole[]; index: number; last: boolean; requesterUserId: string;
};

export type ApprovalAdapter<K extends ApprovalKind = ApprovalKind> = {
  subjectTable: SubjectTable;
  /**
   * The requester's side: they manage the record by its own place (404 / 403 NOT_MANAGED otherwise),
   * it stands at `version`, and the action would be recorded today — checked in full, nothing kept.
   * Returns the record as requests show it and the payload as it will be applied.
   */
  prepare(tx: Executor, keyring: Keyring, actor: Actor, kind: K, id: string, payload: Payload, version?: number): Promise<{ subject: Subject; payload: Payload }>;
  /** The record's rule findings that forbid the last level. */
  blockers(tx: Executor, kind: K, id: string, payload: Payload): Promise<Blocker[]>;
  /** The last level's effect, through the module's own code, as the decider, on the decision day. */
  apply(tx: Executor, keyring: Keyring, actor: Actor, kind: K, id: string, payload: Payload): Promise<void>;
  /** One line of the record's history for each step of its request. */
  note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>): Promise<void>;
  /** What the request asks, in the form's words (`id`: the record, for an adapter that names its facts — a declaration's person and enterprise). */
  asked(db: Executor, kind: K, payload: Payload, id: string): Promise<Array<{ label: string; value: string }>>;
  /**
   * Optional: the levels of a record whose module names its own (a checklist's template), given the
   * flow in force and the levels that fit the record's place. Without it the fitting levels are used.
   */
  levels?(db: Executor, kind: K, id: string, flow: ResolvedFlow, fitting: LevelRole[]): Promise<LevelRole[]>;
  /**
   * Optional: each level's decision as the module records it (the reviewer's marks per item), before
   * the engine's step; its refusals refuse the decision. Returns what the step keeps (`approval_step.data`).
   */
  decided?(tx: Executor, actor: Actor, kind: K, id: string, d: LevelDecision): Promise<Record<string, unknown>>;
  /**
   * Optional: the record let go when its request is withdrawn (撤回), for a module whose record waits
   * with the request (a checklist submitted goes back to the organisation to be edited and submitted again).
   */
  withdrawn?(tx: Executor, actor: Actor, kind: K, id: string): Promise<void>;
};
