import { z } from 'zod';
import { isIsoDate } from '../domain/rules/dates.js';
import type { BargainingRoundFact } from '../domain/rules/bargaining.js';

/**
 * The union's 集体协商 rounds in the facts file of `liangxin rules check` (docs/rules.md, "集体协商";
 * docs/examples/rules/union-bargaining.json): spread into the union's schema in rule-facts.ts.
 */
const date = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD（如 2024-06-30）' });
const count = z.number().int().min(0);

export const BargainingRoundFactSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String).optional(),
  contractKind: z.enum(['collective', 'wage']),
  requestedOn: date,
  requestedBy: z.enum(['union', 'employer']),
  repliedOn: date.nullish(),
  sessions: z.array(z.object({ heldOn: date, notes: z.string().nullish() }).strict()).optional(),
  vote: z.object({ heldOn: date, representatives: z.number().int().min(1, '全体职工代表人数至少为1'), present: count, yes: count }).strict()
    .refine((v) => v.present <= v.representatives, { message: '实到人数不能多于全体职工代表人数', path: ['present'] })
    .refine((v) => v.yes <= v.present, { message: '同意人数不能多于实到人数', path: ['yes'] })
    .nullish(),
  signedOn: date.nullish(),
  startsOn: date.nullish(),
  endsOn: date.nullish(),
  filedOn: date.nullish(),
  objectionOn: date.nullish(),
}).strict()
  .refine((r) => !r.signedOn || (r.startsOn && r.endsOn), { message: '已签订的须填写合同起始日 startsOn 和期满日 endsOn', path: ['startsOn'] })
  .refine((r) => !r.filedOn || r.signedOn, { message: '报送日期 filedOn 须在签订（signedOn）之后', path: ['filedOn'] });

export const BARGAINING_FACTS = { bargaining: z.array(BargainingRoundFactSchema).optional() };

// Compile-time check that the contract gives the rules' fact type.
const _round = (p: z.infer<typeof BargainingRoundFactSchema>): BargainingRoundFact => p;
void _round;
