import { lazy } from 'react';
import { FileTextOutlined, SolutionOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

const appraisal = (kind: 'secretary' | 'instructor') => lazy(() => import('./AppraisalPage').then((m) => ({ default: () => <m.AppraisalPage kind={kind} /> })));

export const annualReportRoutes: FeatureRoute[] = [
  { path: 'orgs/:id/annual-report', page: lazy(() => import('./AnnualReportPage').then((m) => ({ default: m.AnnualReportPage }))), action: 'org.read' },
  { path: 'orgs/:id/appraisal', page: appraisal('secretary'), action: 'org.read' },
  { path: 'instructors/:id/appraisal', page: appraisal('instructor'), action: 'instructor.read' },
  {
    path: 'annual-reports',
    page: lazy(() => import('./ReportListPage').then((m) => ({ default: m.ReportListPage }))),
    menu: { label: '年度党建工作报告', icon: <FileTextOutlined />, group: 'reports', order: 30 },
    action: 'org.read',
  },
  {
    path: 'appraisals',
    page: lazy(() => import('./AppraisalListPage').then((m) => ({ default: m.AppraisalListPage }))),
    menu: { label: '述职评议、考核情况', icon: <SolutionOutlined />, group: 'reports', order: 31 },
    action: 'org.read',
  },
];
