import { lazy } from 'react';
import { UnorderedListOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const worklistRoutes: FeatureRoute[] = [
  {
    path: 'worklists',
    page: lazy(() => import('./WorklistPage').then((m) => ({ default: m.WorklistPage }))),
    menu: { label: '工作清单', icon: <UnorderedListOutlined />, group: 'orgs', order: 4 },
    action: 'coverage.read',
  },
];
