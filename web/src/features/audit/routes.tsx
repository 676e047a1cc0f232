import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const auditRoutes: FeatureRoute[] = [
  {
    path: 'audit',
    page: lazy(() => import('./AuditLogPage').then((m) => ({ default: m.AuditLogPage }))),
    menu: { label: '审计日志', icon: <AuditOutlined />, group: 'system', order: 90 },
    action: 'audit.read',
  },
];
