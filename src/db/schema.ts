import type { Kysely, Transaction } from 'kysely';
import type { FoundationTables } from './tables/foundation.js';
import type { LedgerTables } from './tables/ledger.js';
import type { OrganisationTables } from './tables/organisation.js';
import type { IdentityTables } from './tables/identity.js';
import type { PersonalDataTables } from './tables/personal-data.js';
import type { CoverageTables } from './tables/coverage.js';
import type { MemberTables } from './tables/members.js';
import type { MemberTransferTables } from './tables/member-transfers.js';
import type { CampaignTables } from './tables/campaign.js';
import type { RecruitmentTables } from './tables/recruitment.js';
import type { DuesTables } from './tables/dues.js';
import type { LifeTables } from './tables/life.js';
import type { StandardsTables } from './tables/standards.js';
import type { TrainingTables } from './tables/training.js';
import type { SupportTables } from './tables/support.js';
import type { AnnualReportTables } from './tables/annual-report.js';
import type { PartyGroupTables } from './tables/party-groups.js';
import type { UnionMemberTables } from './tables/union-members.js';
import type { UnionJoinTables } from './tables/union-join.js';
import type { UnionServiceTables } from './tables/union-services.js';
import type { MediationTables } from './tables/mediation.js';
import type { UnionBargainingTables } from './tables/union-bargaining.js';
import type { UnionCommitteeTables } from './tables/union-committee.js';
import type { TaskTables } from './tables/task.js';
import type { ApprovalTables } from './tables/approval.js';
import type { NoticeTables } from './tables/notice.js';
import type { StudyTables } from './tables/study.js';
import type { SurveyTables } from './tables/survey.js';

/**
 * The whole database as Kysely sees it: one intersection of per-module table maps
 * (src/db/tables/<module>.ts). Add a module's tables here with one `&` line.
 */
export type DB = FoundationTables
  & LedgerTables
  & OrganisationTables
  & IdentityTables
  & PersonalDataTables
  & CoverageTables
  & MemberTables
  & MemberTransferTables
  & CampaignTables
  & RecruitmentTables
  & DuesTables
  & LifeTables
  & StandardsTables
  & TrainingTables
  & SupportTables
  & AnnualReportTables
  & PartyGroupTables
  & UnionMemberTables
  & UnionJoinTables
  & UnionServiceTables
  & MediationTables
  & UnionBargainingTables
  & UnionCommitteeTables
  & TaskTables
  & ApprovalTables
  & StudyTables
  & SurveyTables
  & NoticeTables;

export type Db = Kysely<DB>;
/** Anything a repository can run on: the pool or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;
