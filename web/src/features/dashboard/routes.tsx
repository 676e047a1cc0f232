import { lazy } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const dashboardRoutes: FeatureRoute[] = [
  {
    path: 'coverage',
    page: lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage }))),
    menu: { label: '覆盖统计', icon: <DashboardOutlined />, group: 'reports', order: 10 },
    action: 'coverage.read',
  },
];
