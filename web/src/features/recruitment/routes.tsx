import { lazy } from 'react';
import { UserAddOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const recruitmentRoutes: FeatureRoute[] = [
  {
    path: 'recruitment',
    page: lazy(() => import('./RecruitmentBoardPage').then((m) => ({ default: m.RecruitmentBoardPage }))),
    menu: { label: '发展党员', icon: <UserAddOutlined />, group: 'orgs', order: 2.5 },
    action: 'org.read',
  },
  { path: 'recruitment/settings', page: lazy(() => import('./RecruitmentSettingsPage').then((m) => ({ default: m.RecruitmentSettingsPage }))), action: 'org.read' },
  { path: 'recruitment/:id', page: lazy(() => import('./RecruitmentCasePage').then((m) => ({ default: m.RecruitmentCasePage }))), action: 'org.read' },
];
