import { lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const meRoutes: FeatureRoute[] = [
  {
    path: 'me',
    page: lazy(() => import('./MePage').then((m) => ({ default: m.MePage }))),
    menu: { label: '我的', icon: <UserOutlined />, group: 'orgs', order: 0 },
    action: 'member.declare',
  },
];
