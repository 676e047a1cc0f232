import { lazy } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

/** 排查摸底 (docs/surveys.md): the district designs, streets follow up and accept answers into the ledger. */
export const surveyRoutes: FeatureRoute[] = [
  {
    path: 'surveys',
    page: lazy(() => import('./SurveyListPage').then((m) => ({ default: m.SurveyListPage }))),
    menu: { label: '排查摸底', icon: <FileSearchOutlined />, group: 'ledger', order: 40 },
    action: 'enterprise.update',
  },
  { path: 'surveys/:id', page: lazy(() => import('./SurveyDetailPage').then((m) => ({ default: m.SurveyDetailPage }))) },
  { path: 'surveys/:id/targets/:targetId', page: lazy(() => import('./SurveyTargetPage').then((m) => ({ default: m.SurveyTargetPage }))) },
];
