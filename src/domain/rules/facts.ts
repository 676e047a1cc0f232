/**
 * The rule engine's input: plain facts, the same shape as the JSON file `liangxin rules check`
 * reads (validated by src/contracts/rule-facts.ts; documented field by field in docs/rules.md).
 *
 * Conventions:
 * * dates are `YYYY-MM-DD` strings;
 * * an interval `{ since, until }` is half-open: it applies from `since` (inclusive) up to the day
 *   BEFORE `until`; `until` absent or null means still in force. "Coverage ended on 2024-06-30"
 *   is `until: '2024-06-30'`, so on 2024-06-30 the enterprise is no longer covered;
 * * a term end / contract end (`termEndsOn`, `endsOn`) is the LAST day of the term (届满 includes
 *   the day): overdue from the day after.
 */

import type { Frequency } from './life-catalogue.js';
import type { LifeMeeting } from './life-meeting.js';
import type { MemberRuleFacts } from './member-facts.js';
import type { BargainingRoundFact } from './bargaining.js';
import type { MediationFacts } from './mediation.js';
import type { CommitteeFact, CongressSessionFact } from '../union-committee.js';

export type OperatingStatus = 'active' | 'suspended' | 'deregistered' | 'revoked' | 'moved_out';
export type SetupMode = 'standalone' | 'joint' | 'attached' | 'dispatched';
export type OrgType = 'committee' | 'generalBranch' | 'branch';
export type PositionRole = 'secretary' | 'deputySecretary' | 'committeeMember';
export type UnionKind = 'standalone' | 'joint' | 'federation';
export type ContractKind = 'collective' | 'wage';

export type Interval = { since: string; until?: string | null };

export type OrgCoverageFact = Interval & { orgId: string; setupMode: SetupMode };
/** An instructor (党建指导员) or liaison (联络员) assigned to the enterprise: work coverage. */
export type InstructorFact = Interval & { kind?: 'instructor' | 'liaison' };
/** A union covering the enterprise; `partyWork` = the union carries out Party work there (work coverage). */
export type UnionCoverageFact = Interval & { unionId?: string; partyWork?: boolean };

export type EnterpriseRuleFacts = {
  id: string;
  name?: string;
  /** 12-digit statistical region code (its first two digits choose the province's overrides). */
  regionCode: string;
  operatingStatus: OperatingStatus;
  foundedOn?: string | null;
  employeeCount?: number | null;
  /** 正式党员 working in the enterprise (counts toward 3 and 7). */
  fullMembers: number;
  /** 预备党员 (never count toward 3 or 7). */
  probationaryMembers?: number;
  coverage: {
    orgs: OrgCoverageFact[];
    instructors: InstructorFact[];
    unions?: UnionCoverageFact[];
  };
  parkId?: string | null;
  associationId?: string | null;
  buildingId?: string | null;
};

export type PositionFact = Interval & { role: PositionRole; personId?: string };

export type CoveredEnterpriseFact = Interval & {
  id: string;
  name?: string;
  operatingStatus: OperatingStatus;
  fullMembers: number;
};

export type OrgRuleFacts = {
  id: string;
  name?: string;
  regionCode?: string | null;
  orgType: OrgType;
  setupMode: SetupMode;
  /** 临时党支部: appointed, no 换届. */
  temporary?: boolean;
  foundedOn: string;
  /** Day of the last election; with no `termEndsOn` the term end is derived from it (or foundedOn). */
  electedOn?: string | null;
  termEndsOn?: string | null;
  fullMembers: number;
  probationaryMembers: number;
  positions: PositionFact[];
  coveredEnterprises: CoveredEnterpriseFact[];
  /** 三会一课 and organisational life (issue 15): judged by life-compliance.ts for the year of the date. */
  meetings?: LifeMeeting[];
  /** Whether the branch has 党小组 (else no 党小组会 is expected). */
  hasGroups?: boolean;
  /** How often a 支部 holds a 党课 (a setting; default each quarter). */
  partyLessonEvery?: Frequency;
};

export type ContractFact = { kind: ContractKind; signedOn: string; endsOn: string };

export type UnionCoveredEnterpriseFact = Interval & { id: string; name?: string; operatingStatus: OperatingStatus };

export type UnionRuleFacts = {
  id: string;
  name?: string;
  kind: UnionKind;
  /** Two digits; chooses local overrides (e.g. 女职工委员会 threshold 25 in 11 北京 and 31 上海). */
  provinceCode?: string | null;
  foundedOn: string;
  termEndsOn?: string | null;
  members: number;
  femaleMembers: number;
  hasCommittee: boolean;
  /** 工会组织员 elected where there is no committee (fewer than 25 members). */
  organiser?: boolean;
  hasWomenCommittee: boolean;
  /** 女职工委员 sitting on the committee, where no women workers' committee is set up. */
  womenCommitteeMember?: boolean;
  contracts: ContractFact[];
  coveredEnterprises?: UnionCoveredEnterpriseFact[];
  /** 集体协商 rounds, in request order (docs/unions.md "集体协商"): stages, due dates and findings by src/domain/rules/bargaining.ts. */
  bargaining?: BargainingRoundFact[];
  /** Labour dispute mediation cases (docs/unions.md "劳动争议调解"): end of mediation, overdue, arbitration limit by src/domain/rules/mediation.ts. */
  mediation?: MediationFacts[];
  /** Employees of the enterprises it covers (职代会 form, full-time chair); unknown when absent. */
  employees?: number | null;
  /** The committee elected last, with its seats (docs/unions.md "委员会与换届选举"). */
  committee?: CommitteeFact | null;
  /** 职代会 / 职工大会 sessions with their resolutions (docs/unions.md "职工代表大会"). */
  congresses?: CongressSessionFact[];
};

export type RuleFacts =
  | ({ type: 'enterprise' } & EnterpriseRuleFacts)
  | ({ type: 'org' } & OrgRuleFacts)
  | ({ type: 'union' } & UnionRuleFacts)
  | ({ type: 'member' } & MemberRuleFacts);

export * from './member-facts.js';
