import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const standardsRoutes: FeatureRoute[] = [
  { path: 'orgs/:id/standards', page: lazy(() => import('./OrgStandardsPage').then((m) => ({ default: m.OrgStandardsPage }))), action: 'org.read' },
  { path: 'unions/:id/standards', page: lazy(() => import('./OrgStandardsPage').then((m) => ({ default: m.UnionStandardsPage }))), action: 'union.read' },
  { path: 'standards/assessments/:id', page: lazy(() => import('./AssessmentPage').then((m) => ({ default: m.AssessmentPage }))) },
  {
    path: 'standards',
    page: lazy(() => import('./ReviewListPage').then((m) => ({ default: m.ReviewListPage }))),
    menu: { label: '标准化建设审核', icon: <AuditOutlined />, group: 'orgs', order: 40 },
    action: 'org.read',
  },
];
