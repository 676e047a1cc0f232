import { z } from 'zod';

/** A hand correction of ledger facts (人工更正, issue 17 item 5; docs/surveys.md). */
const Value = z.union([z.string().max(500), z.number().int().min(0).max(9_999_999), z.boolean(), z.null()]);

export const CorrectionValues = z.object({
  ownershipType: Value.optional(),
  address: Value.optional(),
  employeeCount: Value.optional(),
  industry: Value.optional(),
  sizeClass: Value.optional(),
  memberCount: Value.optional(),
  ownerProfile: Value.optional(),
  operatingStatus: Value.optional(),
  contactName: Value.optional(),
  contactPhone: Value.optional(),
  unionReported: Value.optional(),
}).strict();
export type CorrectionValues = z.infer<typeof CorrectionValues>;

export const CorrectionRequest = z.object({
  /** The enterprise's version as read: a change made meanwhile is 409, never overwritten. */
  version: z.number().int().min(1),
  reason: z.string().trim().min(1, '请填写更正理由').max(500, '更正理由不超过500个字'),
  values: CorrectionValues,
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;
