import { z } from 'zod';

export const AuditListQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().trim().max(64).optional(),
  /** "person" matches person.*; "person.create" matches exactly. */
  action: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  cursor: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditEntryOut = z.object({
  seq: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** What people read: the action and the record kind in Chinese, the record's name, the change field by field. */
  actionLabel: z.string(),
  entityLabel: z.string(),
  recordName: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
});
export type AuditEntryOut = z.infer<typeof AuditEntryOut>;

export const AuditPageOut = z.object({ items: z.array(AuditEntryOut), nextCursor: z.string().nullable() });

export const AuditProblemOut = z.object({
  seq: z.string(),
  kind: z.enum(['altered', 'inserted', 'deleted', 'truncated', 'checkpoint']),
  message: z.string(),
});

export const AuditVerifyOut = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstSeq: z.string().nullable(),
  lastSeq: z.string().nullable(),
  lastHash: z.string().nullable(),
  checkpointsAuthenticated: z.boolean(),
  problems: z.array(AuditProblemOut),
});
export type AuditVerifyOut = z.infer<typeof AuditVerifyOut>;
