import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const lifeRoutes: FeatureRoute[] = [
  { path: 'orgs/:id/life', page: lazy(() => import('./LifePage').then((m) => ({ default: m.LifePage }))), action: 'org.read' },
  {
    path: 'life',
    page: lazy(() => import('./DistrictPage').then((m) => ({ default: m.DistrictPage }))),
    menu: { label: '组织生活达标', icon: <CalendarOutlined />, group: 'reports', order: 20 },
    action: 'org.read',
  },
];
