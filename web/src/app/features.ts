import type { FeatureRoute } from './feature';
import { auditRoutes } from '../features/audit/routes';
import { ledgerRoutes } from '../features/ledger/routes';
import { surveyRoutes } from '../features/surveys/routes';
import { orgRoutes } from '../features/orgs/routes';
import { unionRoutes } from '../features/unions/routes';
import { instructorRoutes } from '../features/instructors/routes';
import { worklistRoutes } from '../features/worklists/routes';
import { plannerRoutes } from '../features/planner/routes';
import { userRoutes } from '../features/users/routes';
import { dashboardRoutes } from '../features/dashboard/routes';
import { memberRoutes } from '../features/members/routes';
import { duesRoutes } from '../features/dues/routes';
import { recruitmentRoutes } from '../features/recruitment/routes';
import { lifeRoutes } from '../features/life/routes';
import { trainingRoutes } from '../features/training/routes';
import { studyRoutes } from '../features/study/routes';
import { annualReportRoutes } from '../features/annual-report/routes';
import { standardsRoutes } from '../features/standards/routes';
import { transferRoutes } from '../features/transfers/routes';
import { meRoutes } from '../features/me/routes';
import { inboxRoutes } from '../features/inbox/routes';
import { approvalRoutes } from '../features/approvals/routes';
import { noticeRoutes } from '../features/notices/routes';
import { fieldworkRoutes } from '../features/fieldwork/routes';

/**
 * Every feature's pages. Adding a feature = a folder under web/src/features with a routes.tsx
 * exporting FeatureRoute[], plus one line here.
 */
export const featureRoutes: FeatureRoute[] = [
  ...ledgerRoutes,
  ...surveyRoutes,
  ...orgRoutes,
  ...memberRoutes,
  ...duesRoutes,
  ...recruitmentRoutes,
  ...approvalRoutes,
  ...lifeRoutes,
  ...trainingRoutes,
  ...studyRoutes,
  ...annualReportRoutes,
  ...standardsRoutes,
  ...transferRoutes,
  ...meRoutes,
  ...fieldworkRoutes,
  ...unionRoutes,
  ...instructorRoutes,
  ...worklistRoutes,
  ...plannerRoutes,
  ...auditRoutes,
  ...userRoutes,
  ...dashboardRoutes,
  ...noticeRoutes,
  ...inboxRoutes, // last: the home page stays the first feature's
];
