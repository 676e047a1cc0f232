import { lazy } from 'react';
import { ClusterOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const orgRoutes: FeatureRoute[] = [
  {
    path: 'orgs',
    page: lazy(() => import('./OrgListPage').then((m) => ({ default: m.OrgListPage }))),
    menu: { label: '党组织', icon: <ClusterOutlined />, group: 'orgs', order: 1 },
    action: 'org.read',
  },
  { path: 'orgs/:id', page: lazy(() => import('./OrgDetailPage').then((m) => ({ default: m.OrgDetailPage }))), action: 'org.read' },
];
