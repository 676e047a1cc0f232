import { lazy } from 'react';
import { AccountBookOutlined, AuditOutlined, HeartOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const unionRoutes: FeatureRoute[] = [
  {
    path: 'unions',
    page: lazy(() => import('./UnionListPage').then((m) => ({ default: m.UnionListPage }))),
    menu: { label: '工会', icon: <TeamOutlined />, group: 'unions', order: 1 },
    action: 'union.read',
  },
  {
    path: 'bargaining',
    page: lazy(() => import('./BargainingBoardPage').then((m) => ({ default: m.BargainingBoardPage }))),
    menu: { label: '集体协商', icon: <AuditOutlined />, group: 'unions', order: 5 },
    action: 'union.read',
  },
  {
    path: 'mediation',
    page: lazy(() => import('./MediationPage').then((m) => ({ default: m.MediationPage }))),
    menu: { label: '劳动争议调解', icon: <SolutionOutlined />, group: 'unions', order: 6 },
    action: 'union.read',
  },
  {
    path: 'hardship',
    page: lazy(() => import('./HardshipDistrictPage').then((m) => ({ default: m.HardshipDistrictPage }))),
    menu: { label: '困难职工帮扶', icon: <HeartOutlined />, group: 'unions', order: 7 },
    action: 'union.read',
  },
  {
    path: 'union-funds',
    page: lazy(() => import('./FundsDistrictPage').then((m) => ({ default: m.FundsDistrictPage }))),
    menu: { label: '工会经费', icon: <AccountBookOutlined />, group: 'unions', order: 8 },
    action: 'union.read',
  },
  { path: 'mediation/cases/:id', page: lazy(() => import('./MediationCasePage').then((m) => ({ default: m.MediationCasePage }))), action: 'union.read' },
  { path: 'mediation/bodies/:id', page: lazy(() => import('./MediationBodyPage').then((m) => ({ default: m.MediationBodyPage }))), action: 'union.read' },
  { path: 'unions/:id', page: lazy(() => import('./UnionDetailPage').then((m) => ({ default: m.UnionDetailPage }))), action: 'union.read' },
];
