import type { FeatureRoute } from './feature';
import { auditRoutes } from '../features/audit/routes';
import { ledgerRoutes } from '../features/ledger/routes';
import { userRoutes } from '../features/users/routes';
import { dashboardRoutes } from '../features/dashboard/routes';

/**
 * Every feature's pages. Adding a feature = a folder under web/src/features with a routes.tsx
 * exporting FeatureRoute[], plus one line here.
 */
export const featureRoutes: FeatureRoute[] = [
  ...ledgerRoutes,
  ...auditRoutes,
  ...userRoutes,
  ...dashboardRoutes,
];
