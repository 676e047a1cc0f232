import { lazy } from 'react';
import { NodeIndexOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const plannerRoutes: FeatureRoute[] = [
  {
    path: 'planner',
    page: lazy(() => import('./PlannerPage').then((m) => ({ default: m.PlannerPage }))),
    menu: { label: '联建方案', icon: <NodeIndexOutlined />, group: 'orgs', order: 5 },
    action: 'coverage.read',
  },
];
