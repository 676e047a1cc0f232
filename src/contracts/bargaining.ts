import { z } from 'zod';
import { BARGAINING_STAGES, BOARD_STAGES } from '../domain/rules/bargaining.js';
import { DateString, IdString } from './party-org.js';
import { RegionPrefix } from './region.js';

/**
 * 集体协商 (issue 16 item 5; docs/unions.md "集体协商"): a round per union and contract kind from the
 * request (要约) to the contract in force, each step recorded at the round's version; the district
 * board counts rounds per stage per street and drills down to them.
 */
export const ContractKindSchema = z.enum(['collective', 'wage']);
export const BargainingStageSchema = z.enum(BARGAINING_STAGES);
const notes = z.string().trim().max(2000).nullable().optional();
const version = z.number().int().min(1);

export const BargainingRoundCreate = z.object({
  contractKind: ContractKindSchema,
  requestedOn: DateString,
  requestedBy: z.enum(['union', 'employer']),
  notes,
  /** 重新要约: the last round of this kind, not yet filed, is given up (已结束) and a new one begins. */
  restart: z.boolean().optional(),
}).strict();
export type BargainingRoundCreate = z.infer<typeof BargainingRoundCreate>;

const count = z.number().int().min(0).max(1_000_000);
/** One step of a round; each names the version it read. */
export const BargainingStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('reply'), version, repliedOn: DateString }).strict(),
  z.object({ step: z.literal('session'), version, heldOn: DateString, notes }).strict(),
  z.object({
    step: z.literal('vote'), version, heldOn: DateString, congressId: IdString.nullable().optional(),
    representatives: count.min(1, '全体职工代表人数至少为1'), present: count, yes: count,
  }).strict()
    .refine((v) => v.present <= v.representatives, { message: '实到人数不能多于全体职工代表人数', path: ['present'] })
    .refine((v) => v.yes <= v.present, { message: '同意人数不能多于实到人数', path: ['yes'] }),
  z.object({ step: z.literal('sign'), version, signedOn: DateString, startsOn: DateString, endsOn: DateString }).strict()
    .refine((v) => v.endsOn > v.startsOn, { message: '合同期满日须晚于起始日', path: ['endsOn'] }),
  z.object({ step: z.literal('file'), version, filedOn: DateString }).strict(),
  z.object({ step: z.literal('objection'), version, objectionOn: DateString, notes: z.string().trim().min(1).max(2000) }).strict(),
]);
export type BargainingStep = z.infer<typeof BargainingStep>;

export const BargainingDue = z.object({
  key: z.enum(['reply', 'filing', 'effective', 'renewal']),
  ruleId: z.string(),
  label: z.string(),
  date: z.string(),
  from: z.string().optional(),
  doneOn: z.string().nullable(),
  state: z.enum(['done', 'late', 'pending', 'overdue']),
  source: z.string(),
  local: z.string().optional(),
});
export const BargainingFinding = z.object({
  ruleId: z.string(), severity: z.string(), title: z.string(), message: z.string(), source: z.string(), dueOn: z.string().optional(),
});

export const BargainingRound = z.object({
  id: z.string(),
  unionId: z.string(),
  unionName: z.string(),
  regionCode: z.string().nullable(),
  contractKind: ContractKindSchema,
  requestedOn: z.string(),
  requestedBy: z.enum(['union', 'employer']),
  requestNotes: z.string().nullable(),
  repliedOn: z.string().nullable(),
  sessions: z.array(z.object({ heldOn: z.string(), notes: z.string().nullable() })),
  vote: z.object({
    heldOn: z.string(), congressId: z.string().nullable(), representatives: z.number(), present: z.number(), yes: z.number(),
    quorum: z.boolean(), passed: z.boolean(),
  }).nullable(),
  signedOn: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  contractId: z.string().nullable(),
  filedOn: z.string().nullable(),
  objectionOn: z.string().nullable(),
  objectionNotes: z.string().nullable(),
  /** Judged at `asOf`: the day it takes (or took) effect, its stage, due dates and findings. */
  effectiveOn: z.string().nullable(),
  stage: BargainingStageSchema,
  dues: z.array(BargainingDue),
  findings: z.array(BargainingFinding),
  version: z.number(),
});
export type BargainingRound = z.infer<typeof BargainingRound>;

export const UnionBargaining = z.object({ asOf: z.string(), total: z.number(), manageable: z.boolean(), items: z.array(BargainingRound) });
export type UnionBargaining = z.infer<typeof UnionBargaining>;

const StageCounts = z.object(Object.fromEntries(BOARD_STAGES.map((s) => [s, z.number()])) as Record<(typeof BOARD_STAGES)[number], z.ZodNumber>);
export type StageCounts = z.infer<typeof StageCounts>;

export const BargainingBoardQuery = z.object({ regionPrefix: RegionPrefix.optional() }).strict();
export type BargainingBoardQuery = z.infer<typeof BargainingBoardQuery>;
export const BargainingDeadline = z.object({
  roundId: z.string(), unionId: z.string(), unionName: z.string(), streetName: z.string().nullable(), contractKind: ContractKindSchema,
  key: z.enum(['reply', 'filing', 'effective', 'renewal']), label: z.string(), date: z.string(), state: z.enum(['pending', 'overdue']), source: z.string(),
});
export const BargainingBoard = z.object({
  asOf: z.string(),
  regionPrefix: z.string().nullable(),
  rows: z.array(z.object({ region: z.string(), name: z.string().nullable(), counts: StageCounts, total: z.number() })),
  /** Rounds of unions with no region (registered by park or association only): counted apart. */
  unplaced: z.object({ counts: StageCounts, total: z.number() }),
  sum: z.object({ counts: StageCounts, total: z.number() }),
  /** Deadlines due within 30 days and those overdue, soonest first. */
  deadlines: z.array(BargainingDeadline),
});
export type BargainingBoard = z.infer<typeof BargainingBoard>;

const RoundsFilter = {
  regionPrefix: RegionPrefix.optional(),
  stage: BargainingStageSchema.optional(),
  contractKind: ContractKindSchema.optional(),
};
export const BargainingRoundsQuery = z.object({
  ...RoundsFilter,
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type BargainingRoundsQuery = z.infer<typeof BargainingRoundsQuery>;
export const BargainingRoundsExportQuery = z.object(RoundsFilter).strict();
export type BargainingRoundsExportQuery = z.infer<typeof BargainingRoundsExportQuery>;

export const BargainingRoundRow = z.object({
  id: z.string(), unionId: z.string(), unionName: z.string(), regionCode: z.string().nullable(), streetName: z.string().nullable(),
  contractKind: ContractKindSchema, stage: BargainingStageSchema, requestedOn: z.string(), signedOn: z.string().nullable(),
  filedOn: z.string().nullable(), effectiveOn: z.string().nullable(), endsOn: z.string().nullable(),
  /** The first due date not yet met (reply, filing, effective or renewal), if any. */
  nextDue: z.object({ label: z.string(), date: z.string(), state: z.string() }).nullable(),
  findings: z.number(),
});
export type BargainingRoundRow = z.infer<typeof BargainingRoundRow>;
export const BargainingRounds = z.object({ asOf: z.string(), total: z.number(), nextOffset: z.number().nullable(), items: z.array(BargainingRoundRow) });
export type BargainingRounds = z.infer<typeof BargainingRounds>;
