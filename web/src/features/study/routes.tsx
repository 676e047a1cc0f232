import { lazy } from 'react';
import { ReadOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

/** 学习: open to everyone signed in (what they read is decided by the server, docs/study.md). */
export const studyRoutes: FeatureRoute[] = [
  { path: 'study', page: lazy(() => import('./StudyListPage').then((m) => ({ default: m.StudyListPage }))), menu: { label: '学习', icon: <ReadOutlined />, group: 'orgs', order: 1 } },
  { path: 'study/:id', page: lazy(() => import('./StudyDetailPage').then((m) => ({ default: m.StudyDetailPage }))) },
];
