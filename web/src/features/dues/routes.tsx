import { lazy } from 'react';
import { AccountBookOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const duesRoutes: FeatureRoute[] = [
  {
    path: 'dues',
    page: lazy(() => import('./DuesMonthPage').then((m) => ({ default: m.DuesMonthPage }))),
    menu: { label: '党费台账', icon: <AccountBookOutlined />, group: 'orgs', order: 3 },
    action: 'org.read',
  },
];
