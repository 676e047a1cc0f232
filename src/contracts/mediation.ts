import { z } from 'zod';
import {
  MEDIATION_BODY_KINDS, MEDIATION_CATEGORIES, MEDIATION_OUTCOMES, MEDIATION_STATUSES,
} from '../domain/mediation.js';
import { AccessSchema, DateString, IdString, RegionCode } from './party-org.js';
import { RegionPrefix } from './region.js';

/**
 * Labour dispute mediation (docs/unions.md, "劳动争议调解"): mediation bodies (an enterprise's
 * 劳动争议调解委员会 or a street body) with their members, cases with applicants, the clock, outcome
 * and documents. Amounts are integer fen (元 × 100). Read with union.read, changed with union.manage.
 */
const Version = z.number().int().min(1);
const Fen = z.number().int('金额应为整数，单位为分').min(0, '金额不能为负').max(100_000_000_000, '金额过大');
const Text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过${max}字`);

export const MediationCategorySchema = z.enum(MEDIATION_CATEGORIES);
export const MediationStatusSchema = z.enum(MEDIATION_STATUSES);
export const MediationOutcomeSchema = z.enum(MEDIATION_OUTCOMES);
export const MediationBodyKindSchema = z.enum(MEDIATION_BODY_KINDS);

// ---- bodies ----
export const MediationBodyCreate = z.object({
  kind: MediationBodyKindSchema,
  name: Text(100, '调解组织名称'),
  /** An enterprise committee: the ledger enterprise. */
  enterpriseId: IdString.nullable().optional(),
  /** The enterprise's union, when the committee is linked to it. */
  unionId: IdString.nullable().optional(),
  /** A street body: the street's (township's) 12-digit code. */
  regionCode: RegionCode.nullable().optional(),
  foundedOn: DateString.nullable().optional(),
}).strict()
  .refine((v) => v.kind !== 'enterprise' || !!v.enterpriseId, { message: '企业劳动争议调解委员会须选择所在企业', path: ['enterpriseId'] })
  .refine((v) => v.kind !== 'street' || !!v.regionCode, { message: '街道（乡镇）调解组织须选择所在街道', path: ['regionCode'] });
export type MediationBodyCreate = z.infer<typeof MediationBodyCreate>;

export const MediationBodyUpdate = z.object({
  version: Version,
  name: Text(100, '调解组织名称').optional(),
  unionId: IdString.nullable().optional(),
  foundedOn: DateString.nullable().optional(),
}).strict();
export type MediationBodyUpdate = z.infer<typeof MediationBodyUpdate>;

/** A person: an existing one (visible to the caller) or a new one by name (phone and ID number optional, sealed). */
export const PartyPerson = z.union([
  z.object({ personId: IdString }).strict(),
  z.object({
    name: Text(50, '姓名'),
    phone: z.string().trim().max(30).nullable().optional(),
    idNumber: z.string().trim().max(18).nullable().optional(),
  }).strict(),
]);
export type PartyPerson = z.infer<typeof PartyPerson>;

export const MediatorAdd = z.object({
  person: PartyPerson,
  side: z.enum(['employee', 'employer']),
  basis: z.enum(['unionMember', 'elected', 'appointed']),
  chair: z.boolean().default(false),
  chairBasis: z.enum(['unionMember', 'agreed']).nullable().optional(),
  since: DateString,
}).strict()
  .refine((v) => (v.side === 'employee') === (v.basis !== 'appointed'), { message: '职工代表由工会成员担任或由全体职工推举产生，企业代表由企业负责人指定', path: ['basis'] })
  .refine((v) => !v.chair || !!v.chairBasis, { message: '调解委员会主任由工会成员或者双方推举的人员担任，请选择产生方式', path: ['chairBasis'] })
  .refine((v) => !v.chair || v.chairBasis !== 'unionMember' || v.basis === 'unionMember', { message: '以“工会成员担任”产生的主任须为工会成员', path: ['chairBasis'] });
export type MediatorAdd = z.infer<typeof MediatorAdd>;

export const MediatorEnd = z.object({ until: DateString }).strict();

export const Mediator = z.object({
  id: z.string(), personId: z.string(), name: z.string(), phone: z.string().nullable(),
  side: z.enum(['employee', 'employer']), basis: z.enum(['unionMember', 'elected', 'appointed']),
  chair: z.boolean(), chairBasis: z.enum(['unionMember', 'agreed']).nullable(), since: z.string(), until: z.string().nullable(),
});
export type Mediator = z.infer<typeof Mediator>;

export const MediationBody = z.object({
  id: z.string(), kind: MediationBodyKindSchema, name: z.string(),
  enterpriseId: z.string().nullable(), enterpriseName: z.string().nullable(),
  unionId: z.string().nullable(), unionName: z.string().nullable(),
  /** The body's place: the enterprise's region for a committee, the street's for a street body. */
  regionCode: z.string().nullable(), streetName: z.string().nullable(),
  foundedOn: z.string().nullable(), status: z.enum(['active', 'dissolved']), openCases: z.number(), version: z.number(),
});
export type MediationBody = z.infer<typeof MediationBody>;

export const MediationBodyDetail = MediationBody.extend({ members: z.array(Mediator), manageable: z.boolean(), chairMissing: z.boolean() });
export type MediationBodyDetail = z.infer<typeof MediationBodyDetail>;

export const MediationBodyListQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  kind: MediationBodyKindSchema.optional(),
  enterpriseId: IdString.optional(),
  unionId: IdString.optional(),
  q: z.string().trim().max(50).optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MediationBodyListQuery = z.infer<typeof MediationBodyListQuery>;
export const MediationBodyPage = z.object({ items: z.array(MediationBody), nextCursor: z.string().nullable(), total: z.number() });
export type MediationBodyPage = z.infer<typeof MediationBodyPage>;

/** 大中型企业未设立调解委员会 (《企业劳动争议协商调解规定》). */
export const CommitteeGap = z.object({
  id: z.string(), name: z.string(), regionCode: z.string().nullable(), streetName: z.string().nullable(),
  sizeClass: z.enum(['large', 'medium']), employeeCount: z.number().nullable(), unionId: z.string().nullable(), unionName: z.string().nullable(),
});
export type CommitteeGap = z.infer<typeof CommitteeGap>;
export const CommitteeGapQuery = z.object({ regionPrefix: RegionPrefix.optional(), cursor: IdString.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export type CommitteeGapQuery = z.infer<typeof CommitteeGapQuery>;
export const CommitteeGapPage = z.object({
  items: z.array(CommitteeGap), nextCursor: z.string().nullable(), total: z.number(),
  ruleId: z.string(), title: z.string(), source: z.string(),
});
export type CommitteeGapPage = z.infer<typeof CommitteeGapPage>;

// ---- cases ----
export const MediationCaseCreate = z.object({
  bodyId: IdString,
  receivedOn: DateString,
  applicants: z.array(PartyPerson).min(1, '请至少填写一名申请人').max(500, '申请人不超过500名'),
  /** For a collective case: indexes into `applicants` of the elected representatives (第七条). */
  representatives: z.array(z.number().int().min(0)).max(50).default([]),
  employerEnterpriseId: IdString.nullable().optional(),
  employerName: Text(200, '用人单位名称').optional(),
  collective: z.boolean().default(false),
  category: MediationCategorySchema,
  claim: Text(2000, '调解请求'),
  claimedFen: Fen.default(0),
  knownOn: DateString.nullable().optional(),
}).strict()
  .refine((v) => !v.knownOn || v.knownOn <= v.receivedOn, { message: '知道权利被侵害之日不能晚于收到申请之日', path: ['knownOn'] })
  .refine((v) => v.representatives.every((i) => i < v.applicants.length), { message: '代表须为申请人之一', path: ['representatives'] });
export type MediationCaseCreate = z.infer<typeof MediationCaseCreate>;

export const MediationCaseUpdate = z.object({
  version: Version,
  category: MediationCategorySchema.optional(),
  claim: Text(2000, '调解请求').optional(),
  claimedFen: Fen.optional(),
  knownOn: DateString.nullable().optional(),
  employerName: Text(200, '用人单位名称').optional(),
}).strict();
export type MediationCaseUpdate = z.infer<typeof MediationCaseUpdate>;

export const MediationCaseStart = z.object({ version: Version, on: DateString }).strict();
export type MediationCaseStart = z.infer<typeof MediationCaseStart>;

export const MediationCaseClose = z.object({
  version: Version,
  outcome: MediationOutcomeSchema,
  on: DateString,
  agreedFen: Fen.nullable().optional(),
  agreementText: z.string().trim().max(4000, '协议内容不超过4000字').nullable().optional(),
  note: z.string().trim().max(2000, '说明不超过2000字').nullable().optional(),
}).strict()
  .refine((v) => v.outcome !== 'agreed' || v.agreedFen != null, { message: '达成协议须填写协议金额（无金额填0）', path: ['agreedFen'] })
  .refine((v) => v.outcome !== 'agreed' || !!v.agreementText, { message: '达成协议须填写协议内容', path: ['agreementText'] });
export type MediationCaseClose = z.infer<typeof MediationCaseClose>;

export const CaseParty = z.object({
  personId: z.string(), name: z.string(), phone: z.string().nullable(), idNumber: z.string().nullable(),
  role: z.enum(['applicant', 'representative']),
});

export const MediationCase = z.object({
  id: z.string(), caseNumber: z.string(), bodyId: z.string(), bodyName: z.string(), bodyKind: MediationBodyKindSchema,
  regionCode: z.string().nullable(), streetName: z.string().nullable(),
  receivedOn: z.string(), dueOn: z.string(), mediationDays: z.number(),
  employerEnterpriseId: z.string().nullable(), employerName: z.string(),
  collective: z.boolean(), applicantCount: z.number(), applicantNames: z.string(),
  category: MediationCategorySchema, claim: z.string(), claimedFen: z.number(), agreedFen: z.number().nullable(),
  knownOn: z.string().nullable(), status: MediationStatusSchema, closedOn: z.string().nullable(),
  /** Open: days until the last day (0 on it, negative when overdue). */
  daysLeft: z.number().nullable(), overdue: z.boolean(), closedInTime: z.boolean().nullable(),
  /** 未达成协议: the last day to apply for arbitration (第二十七条), when the day the worker knew is recorded. */
  arbitrationLimitOn: z.string().nullable(),
  /** 达成协议: the last day to ask jointly for the arbitration commission's review. */
  reviewUntil: z.string().nullable(),
  access: AccessSchema, version: z.number(),
});
export type MediationCase = z.infer<typeof MediationCase>;

export const CaseEvent = z.object({ id: z.string(), kind: z.string(), at: z.string(), data: z.record(z.string(), z.unknown()), recordedAt: z.string() });
export const CaseFinding = z.object({ ruleId: z.string(), severity: z.string(), title: z.string(), message: z.string(), source: z.string() });

export const MediationCaseDetail = MediationCase.extend({
  parties: z.array(CaseParty), agreementText: z.string().nullable(), outcomeNote: z.string().nullable(),
  events: z.array(CaseEvent), findings: z.array(CaseFinding), manageable: z.boolean(),
});
export type MediationCaseDetail = z.infer<typeof MediationCaseDetail>;

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const MediationCaseFilter = z.object({
  regionPrefix: RegionPrefix.optional(),
  /** The street (9-digit township prefix) of the body's place. */
  street: z.string().regex(/^\d{9}$/, '应为9位街道（乡镇）区划代码前缀').optional(),
  bodyId: IdString.optional(),
  category: MediationCategorySchema.optional(),
  status: MediationStatusSchema.optional(),
  open: Bool.optional(),
  /** Concluded (agreed or failed; withdrawn is not): the denominator of the closed-in-time pair. */
  concluded: Bool.optional(),
  /** Concluded within the mediation period: true; concluded late: false. */
  inTime: Bool.optional(),
  overdue: Bool.optional(),
  receivedFrom: DateString.optional(),
  receivedTo: DateString.optional(),
  closedFrom: DateString.optional(),
  closedTo: DateString.optional(),
});
export type MediationCaseFilter = z.infer<typeof MediationCaseFilter>;
export const MediationCaseListQuery = MediationCaseFilter.extend({
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MediationCaseListQuery = z.infer<typeof MediationCaseListQuery>;
export const MediationCasePage = z.object({ items: z.array(MediationCase), nextCursor: z.string().nullable(), total: z.number() });
export type MediationCasePage = z.infer<typeof MediationCasePage>;

export const DocumentKindSchema = z.enum(['acceptance', 'agreement', 'termination']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;
export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = { acceptance: '受理通知书', agreement: '调解协议书', termination: '终止调解通知书' };

// ---- statistics ----
export const MediationStatsQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  /** Cases received in [from, to]; closed-in-time counts cases closed in [from, to]. Default: the last 12 months. */
  from: DateString.optional(),
  to: DateString.optional(),
});
export type MediationStatsQuery = z.infer<typeof MediationStatsQuery>;

const Count = z.object({ n: z.number(), filter: z.record(z.string(), z.string()) });
export const MediationStats = z.object({
  from: z.string(), to: z.string(), asOf: z.string(),
  /** Received in the period by street × category (each cell drills down with its filter). */
  streets: z.array(z.object({
    street: z.string(), streetName: z.string(), total: Count,
    byCategory: z.record(z.string(), Count), byStatus: z.record(z.string(), Count),
  })),
  totals: z.object({ received: Count, byCategory: z.record(z.string(), Count), byStatus: z.record(z.string(), Count) }),
  /** Closed (agreed or failed) in the period within the mediation period / all closed; withdrawn excluded. */
  inTime: z.object({ closedInTime: Count, closed: Count, rate: z.number().nullable() }),
  /** The clock board: open cases now, soonest last day first (up to 200; `openTotal` counts them all). */
  open: z.array(MediationCase), openTotal: Count, overdue: Count,
});
export type MediationStats = z.infer<typeof MediationStats>;
