import { z } from 'zod';
import { RowErrorSchema } from './enterprise.js';

/**
 * The answer of a roster import (POST /api/imports/members, `liangxin import members --json`): the
 * counts of the enterprise import's summary (importId … errorsTruncated, Excel row numbers), plus
 * whether the roster was written and how many organisations it loads.
 */
export const MemberImportResultSchema = z.object({
  importId: z.string(),
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  merged: z.number(),
  rejected: z.number(),
  organisations: z.number(),
  rosterStarted: z.number(),
  errors: z.array(RowErrorSchema),
  errorsTruncated: z.boolean(),
});
export type MemberImportResultOut = z.infer<typeof MemberImportResultSchema>;
