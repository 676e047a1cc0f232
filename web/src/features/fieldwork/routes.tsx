import { lazy } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const fieldworkRoutes: FeatureRoute[] = [
  {
    path: 'fieldwork',
    page: lazy(() => import('./FieldworkPage').then((m) => ({ default: m.FieldworkPage }))),
    menu: { label: '实地走访', icon: <EnvironmentOutlined />, group: 'orgs', order: 1 },
    action: 'visit.log',
  },
];
