import { lazy } from 'react';
import { ApartmentOutlined, CloudUploadOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const ledgerRoutes: FeatureRoute[] = [
  {
    path: 'enterprises',
    page: lazy(() => import('./LedgerListPage').then((m) => ({ default: m.LedgerListPage }))),
    menu: { label: '企业台账', icon: <ApartmentOutlined />, group: 'ledger', order: 1 },
    action: 'enterprise.read',
  },
  {
    path: 'enterprises/:id',
    page: lazy(() => import('./EnterpriseDetailPage').then((m) => ({ default: m.EnterpriseDetailPage }))),
    action: 'enterprise.read',
  },
  {
    path: 'imports',
    page: lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage }))),
    menu: { label: '数据导入', icon: <CloudUploadOutlined />, group: 'ledger', order: 2 },
    action: 'enterprise.import',
  },
  {
    path: 'member-imports',
    page: lazy(() => import('./MemberImportPage').then((m) => ({ default: m.MemberImportPage }))),
    menu: { label: '党员名册导入', icon: <TeamOutlined />, group: 'ledger', order: 2.5 },
    action: 'org.manage',
  },
  {
    path: 'imports/:id',
    page: lazy(() => import('./ImportResultPage').then((m) => ({ default: m.ImportResultPage }))),
    action: 'enterprise.import',
  },
  {
    path: 'placement-queue',
    page: lazy(() => import('./PlacementQueuePage').then((m) => ({ default: m.PlacementQueuePage }))),
    menu: { label: '待认定属地', icon: <EnvironmentOutlined />, group: 'ledger', order: 3 },
    action: 'enterprise.place',
  },
];
