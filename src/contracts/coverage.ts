import { z } from 'zod';
import { RegionPrefix } from './region.js';
import { IdString } from './party-org.js';

/**
 * A rule finding as the API shows it: what, how serious, the fact and the action (`summary`), why
 * (Chinese, with 依据) and the texts it rests on (`source`, cited in Chinese). `ruleId` is for links
 * and filters only; no screen or export shows it.
 */
export const FindingSchema = z.object({
  ruleId: z.string(),
  severity: z.string(),
  title: z.string(),
  summary: z.string(),
  message: z.string(),
  source: z.string(),
});
export type FindingDto = z.infer<typeof FindingSchema>;

export const EnterpriseCoverage = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  date: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  coverageClass: z.enum(['organisational', 'work', 'gap', 'closed']),
  explanation: FindingSchema,
  nextSteps: z.array(FindingSchema),
  alerts: z.array(FindingSchema),
  orgs: z.array(z.object({ orgId: z.string(), orgName: z.string(), mode: z.string(), since: z.string(), until: z.string().nullable() })),
  instructors: z.array(z.object({ instructorId: z.string(), kind: z.string(), since: z.string(), until: z.string().nullable() })),
  unions: z.array(z.object({ unionId: z.string(), since: z.string(), until: z.string().nullable() })),
});
export type EnterpriseCoverage = z.infer<typeof EnterpriseCoverage>;

export const CoverageQuery = z.object({ date: z.iso.date().optional() });
export const IdParams = z.object({ id: IdString });

/** `recruitment_case`: a 发展党员 case (alerts only; its findings come from the member rules). */
export const WorklistEntity = z.enum(['enterprise', 'party_org', 'union', 'recruitment_case', 'party_org_life', 'party_org_training']);
export type WorklistEntity = z.infer<typeof WorklistEntity>;

export const WorklistQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  kind: WorklistEntity.optional(),
  ruleId: z.string().max(80).optional(),
  date: z.iso.date().optional(),
  cursor: z.string().regex(/^(enterprise|party_org|union|recruitment_case|party_org_life|party_org_training):\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const WorklistItem = z.object({
  link: z.object({ entity: WorklistEntity, id: z.string() }),
  name: z.string(),
  regionCode: z.string().nullable(),
  /** For the rule filter only; the row shows `summary` (fact — action). */
  ruleId: z.string(),
  severity: z.string(),
  title: z.string(),
  summary: z.string(),
  message: z.string(),
  source: z.string(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const WorklistPage = z.object({ date: z.string(), items: z.array(WorklistItem), nextCursor: z.string().nullable() });
export type WorklistPage = z.infer<typeof WorklistPage>;
