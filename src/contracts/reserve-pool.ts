import { z } from 'zod';
import { AVAILABILITIES, PLACEMENT_POSITIONS, TALENT_STATUSES } from '../domain/support.js';
import { AccessSchema, DateString, IdString, RegionCode } from './party-org.js';

/** The reserve talent pool (党务工作后备人才库, docs/reserve-pool.md). */
const Text = (max: number) => z.string().trim().min(1).max(max);
export const AvailabilitySchema = z.enum(AVAILABILITIES);
export const TalentStatusSchema = z.enum(TALENT_STATUSES);
export const PlacementPositionSchema = z.enum(PLACEMENT_POSITIONS);

export const TalentInput = z.object({
  personId: IdString,
  /** The place the entry is kept under: a region (default the person's), and/or the recommending organisation. */
  regionCode: RegionCode.nullish(),
  orgId: IdString.nullish(),
  recommender: Text(100),
  recommendedOn: DateString,
  skills: Text(500),
  availability: AvailabilitySchema,
  note: z.string().trim().max(500).nullish(),
}).strict();
export type TalentInput = z.infer<typeof TalentInput>;
export const TalentUpdate = z.object({
  recommender: Text(100), recommendedOn: DateString, skills: Text(500), availability: AvailabilitySchema,
  status: z.enum(['active', 'withdrawn']).optional(), note: z.string().trim().max(500).nullish(), version: z.number().int().min(1),
}).strict();
export type TalentUpdate = z.infer<typeof TalentUpdate>;

export const PlacementInput = z.object({
  version: z.number().int().min(1), orgId: IdString, position: PlacementPositionSchema, placedOn: DateString, note: z.string().trim().max(500).nullish(),
}).strict();
export type PlacementInput = z.infer<typeof PlacementInput>;

export const Placement = z.object({ id: z.string(), orgId: z.string(), orgName: z.string(), position: PlacementPositionSchema, placedOn: z.string(), note: z.string().nullable() });
export const TalentSummary = z.object({
  id: z.string(), personId: z.string(), name: z.string(), regionCode: z.string().nullable(), regionName: z.string().nullable(),
  orgId: z.string().nullable(), orgName: z.string().nullable(), recommender: z.string(), recommendedOn: z.string(), skills: z.string(),
  availability: AvailabilitySchema, status: TalentStatusSchema, lastPlacement: Placement.nullable(), access: AccessSchema, version: z.number(),
});
export type TalentSummary = z.infer<typeof TalentSummary>;
export const Talent = TalentSummary.extend({ note: z.string().nullable(), placements: z.array(Placement), manageable: z.boolean() });
export type Talent = z.infer<typeof Talent>;
export const TalentPage = z.object({ items: z.array(TalentSummary), total: z.number() });
export type TalentPage = z.infer<typeof TalentPage>;
export const TalentListFilter = z.object({
  status: TalentStatusSchema.optional(), availability: AvailabilitySchema.optional(), q: z.string().trim().max(50).optional(),
}).strict();
export type TalentListFilter = z.infer<typeof TalentListFilter>;

/** The vacancy finding's offer: pool entries in the caller's scope, the organisation's own street first. */
export const SecretaryCandidates = z.object({ orgId: z.string(), vacant: z.boolean(), items: z.array(TalentSummary), total: z.number() });
export type SecretaryCandidates = z.infer<typeof SecretaryCandidates>;
export const PoolParams = z.object({ id: IdString });
