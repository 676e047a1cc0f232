import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { healthRoutes } from './health.routes.js';
import { enterpriseRoutes } from './enterprise.routes.js';
import { importRoutes } from './import.routes.js';
import { placementQueueRoutes } from './placement-queue.routes.js';
import { userRoutes } from './user.routes.js';
import { personRoutes } from './person.routes.js';
import { regionRoutes } from './region.routes.js';
import { partyOrgRoutes } from './party-org.routes.js';
import { unionRoutes } from './union.routes.js';
import { unionCommitteeRoutes } from './union-committee.routes.js';
import { unionServicesRoutes } from './union-services.routes.js';
import { unionDispatchedRoutes } from './union-dispatched.routes.js';
import { unionJoinRoutes } from './union-join.routes.js';
import { unionMemberRoutes } from './union-member.routes.js';
import { unionMemberImportRoutes } from './union-member-import.routes.js';
import { instructorRoutes } from './instructor.routes.js';
import { fieldworkRoutes } from './fieldwork.routes.js';
import { worklistRoutes } from './worklist.routes.js';
import { coverageRoutes } from './coverage.routes.js';
import { reportRoutes } from './report.routes.js';
import { orgImportRoutes } from './org-import.routes.js';
import { campaignRoutes } from './campaign.routes.js';
import { memberRoutes } from './member.routes.js';
import { memberTransferRoutes } from './member-transfer.routes.js';
import { memberDeclarationRoutes } from './member-declaration.routes.js';
import { memberImportRoutes } from './member-import.routes.js';
import { duesRoutes } from './dues.routes.js';
import { duesImportRoutes } from './dues-import.routes.js';
import { recruitmentRoutes } from './recruitment.routes.js';
import { lifeRoutes } from './life.routes.js';
import { partyGroupRoutes } from './party-group.routes.js';
import { standardsRoutes } from './standards.routes.js';
import { meetingAttachmentRoutes } from './meeting-attachment.routes.js';
import { recognitionRoutes } from './recognition.routes.js';
import { trainingRoutes } from './training.routes.js';
import { trainingImportRoutes } from './training-import.routes.js';
import { reservePoolRoutes } from './reserve-pool.routes.js';
import { supportRoutes } from './support.routes.js';
import { annualReportRoutes } from './annual-report.routes.js';
import { appraisalRoutes } from './appraisal.routes.js';
import { bargainingRoutes } from './bargaining.routes.js';
import { mediationRoutes } from './mediation.routes.js';
import { inboxRoutes } from './inbox.routes.js';
import { approvalRoutes } from './approval.routes.js';
import { noticeRoutes } from './notice.routes.js';
import { digestRoutes } from './digest.routes.js';
import { studyRoutes } from './study.routes.js';
import { surveyRoutes } from './survey.routes.js';

/** Every route module, one line each. New modules add themselves here (and to the permission matrix). */
export const routeModules: Array<(ctx: AppContext) => FastifyPluginAsyncZod> = [
  healthRoutes,
  authRoutes,
  enterpriseRoutes,
  placementQueueRoutes,
  importRoutes,
  userRoutes,
  auditRoutes,
  personRoutes,
  regionRoutes,
  partyOrgRoutes,
  unionRoutes,
  unionCommitteeRoutes,
  unionServicesRoutes,
  unionDispatchedRoutes,
  unionJoinRoutes,
  unionMemberRoutes,
  unionMemberImportRoutes,
  instructorRoutes,
  fieldworkRoutes,
  worklistRoutes,
  coverageRoutes,
  reportRoutes,
  orgImportRoutes,
  campaignRoutes,
  memberRoutes,
  memberTransferRoutes,
  memberDeclarationRoutes,
  memberImportRoutes,
  recruitmentRoutes,
  lifeRoutes,
  partyGroupRoutes,
  standardsRoutes,
  meetingAttachmentRoutes,
  recognitionRoutes,
  trainingRoutes,
  trainingImportRoutes,
  reservePoolRoutes,
  supportRoutes,
  annualReportRoutes,
  appraisalRoutes,
  duesRoutes,
  duesImportRoutes,
  bargainingRoutes,
  mediationRoutes,
  inboxRoutes,
  approvalRoutes,
  noticeRoutes,
  digestRoutes,
  studyRoutes,
  surveyRoutes,
];
