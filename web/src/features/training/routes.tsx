import { lazy } from 'react';
import { BookOutlined, FundOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const trainingRoutes: FeatureRoute[] = [
  { path: 'training', page: lazy(() => import('./TrainingPage').then((m) => ({ default: m.TrainingPage }))), menu: { label: '培训', icon: <BookOutlined />, group: 'orgs', order: 40 }, action: 'org.read' },
  { path: 'training/sessions/:id', page: lazy(() => import('./SessionPage').then((m) => ({ default: m.SessionPage }))), action: 'org.read' },
  { path: 'training/people/:id', page: lazy(() => import('./PersonTrainingPage').then((m) => ({ default: m.PersonTrainingPage }))), action: 'org.read' },
  { path: 'reserve-pool', page: lazy(() => import('./PoolPage').then((m) => ({ default: m.PoolPage }))), menu: { label: '后备人才库', icon: <TeamOutlined />, group: 'orgs', order: 41 }, action: 'org.read' },
  { path: 'support', page: lazy(() => import('./SupportDistrictPage').then((m) => ({ default: m.SupportDistrictPage }))), menu: { label: '党建保障汇总', icon: <FundOutlined />, group: 'reports', order: 25 }, action: 'org.read' },
];
