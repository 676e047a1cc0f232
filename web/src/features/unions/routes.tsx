import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const unionRoutes: FeatureRoute[] = [
  {
    path: 'unions',
    page: lazy(() => import('./UnionListPage').then((m) => ({ default: m.UnionListPage }))),
    menu: { label: '工会', icon: <TeamOutlined />, group: 'unions', order: 1 },
    action: 'union.read',
  },
  { path: 'unions/:id', page: lazy(() => import('./UnionDetailPage').then((m) => ({ default: m.UnionDetailPage }))), action: 'union.read' },
];
