import { lazy } from 'react';
import { SolutionOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const instructorRoutes: FeatureRoute[] = [
  {
    path: 'instructors',
    page: lazy(() => import('./InstructorListPage').then((m) => ({ default: m.InstructorListPage }))),
    menu: { label: '党建指导员', icon: <SolutionOutlined />, group: 'orgs', order: 2 },
    action: 'instructor.read',
  },
  { path: 'instructors/:id', page: lazy(() => import('./InstructorDetailPage').then((m) => ({ default: m.InstructorDetailPage }))), action: 'instructor.read' },
];
