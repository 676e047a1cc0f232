import { z } from 'zod';
import { RegionPrefix } from './region.js';
import { DateString, IdString } from './party-org.js';

export const PlannerQuery = z.object({ regionPrefix: RegionPrefix, date: DateString.optional() });
export const Proposal = z.object({
  groupKind: z.enum(['building', 'park', 'community', 'association']),
  groupKey: z.string(),
  groupName: z.string(),
  enterpriseIds: z.array(IdString).min(1).max(20),
  enterpriseNames: z.array(z.string()),
  fullMembers: z.number(),
  explanation: z.string(),
  suggestedName: z.string(),
});
export type ProposalDto = z.infer<typeof Proposal>;
export const PlannerResult = z.object({ date: z.string(), candidates: z.number(), covered: z.number(), proposals: z.array(Proposal) });
export type PlannerResultDto = z.infer<typeof PlannerResult>;

export const ApplyProposal = z.object({
  proposal: z.object({
    groupKind: z.enum(['building', 'park', 'community', 'association']),
    groupKey: z.string().max(60),
    enterpriseIds: z.array(IdString).min(2).max(20),
  }),
  name: z.string().trim().min(2).max(120),
  since: DateString.optional(),
});
export type ApplyProposalDto = z.infer<typeof ApplyProposal>;
