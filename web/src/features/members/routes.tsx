import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const memberRoutes: FeatureRoute[] = [
  {
    path: 'members',
    page: lazy(() => import('./MemberListPage').then((m) => ({ default: m.MemberListPage }))),
    menu: { label: '党员名册', icon: <TeamOutlined />, group: 'orgs', order: 2 },
    action: 'org.read',
  },
  { path: 'members/:id', page: lazy(() => import('./MemberDetailPage').then((m) => ({ default: m.MemberDetailPage }))), action: 'org.read' },
];
