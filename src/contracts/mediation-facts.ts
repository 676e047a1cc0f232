import { z } from 'zod';
import { isIsoDate } from '../domain/rules/dates.js';
import type { MediationFacts } from '../domain/rules/mediation.js';

/**
 * A union's labour dispute mediation cases in the facts file of `liangxin rules check` (docs/rules.md,
 * "劳动争议调解"; docs/examples/rules/union-mediation.json): spread into the union's schema in rule-facts.ts.
 */
const date = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD（如 2024-06-30）' });

export const MediationCaseFactSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String).optional(),
  name: z.string().optional(),
  receivedOn: date,
  closedOn: date.nullish(),
  outcome: z.enum(['agreed', 'failed', 'withdrawn']).nullish(),
  knownOn: date.nullish(),
  workers: z.number().int().min(1).nullish(),
  commonClaim: z.boolean().optional(),
  representatives: z.number().int().min(0).nullish(),
}).strict()
  .refine((m) => !m.closedOn || !!m.outcome, { message: '已结案的须填写结果 outcome（agreed 达成协议、failed 未达成协议、withdrawn 撤回）', path: ['outcome'] })
  .refine((m) => !m.outcome || !!m.closedOn, { message: '有结果的须填写结案日期 closedOn', path: ['closedOn'] })
  .refine((m) => !m.closedOn || m.closedOn >= m.receivedOn, { message: '结案日期不能早于收到申请之日', path: ['closedOn'] })
  .refine((m) => !m.knownOn || m.knownOn <= m.receivedOn, { message: '知道权利被侵害之日不能晚于收到申请之日', path: ['knownOn'] });

export const MEDIATION_FACTS = { mediation: z.array(MediationCaseFactSchema).optional() };

// Compile-time check that the contract gives the rules' fact type.
const _case = (p: z.infer<typeof MediationCaseFactSchema>): MediationFacts => p;
void _case;
