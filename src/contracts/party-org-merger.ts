import { z } from 'zod';
import { DateString, IdString, PartyOrg } from './party-org.js';

/**
 * 党组织合并 (docs/organisations.md, "Merging"): the organisation of the route (被合并) is merged into
 * `intoOrgId` (合并后保留的). Both versions are checked: a stale one of either is a 409.
 */
export const PartyOrgMerge = z.object({
  version: z.number().int().min(1),
  intoOrgId: IdString,
  intoVersion: z.number().int().min(1),
  on: DateString,
  reason: z.string().trim().min(1).max(500),
});
export type PartyOrgMerge = z.infer<typeof PartyOrgMerge>;

/** What the merger did, in counts an official checks against the paper decision. */
export const PartyOrgMergeResult = z.object({
  merged: PartyOrg,
  into: PartyOrg,
  membersMoved: z.number().int(),
  casesMoved: z.number().int(),
  groupsMoved: z.number().int(),
  childrenMoved: z.number().int(),
  coverageMoved: z.number().int(),
});
export type PartyOrgMergeResult = z.infer<typeof PartyOrgMergeResult>;

/** The approval's payload (`org.merger`): the receiving organisation and the reason; the day is the last level's. */
export const PartyOrgMergeAsked = PartyOrgMerge.omit({ version: true, intoVersion: true, on: true });
export type PartyOrgMergeAsked = z.infer<typeof PartyOrgMergeAsked>;
