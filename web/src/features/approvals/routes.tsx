import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const approvalRoutes: FeatureRoute[] = [
  {
    path: 'approvals',
    page: lazy(() => import('./ApprovalsPage').then((m) => ({ default: m.ApprovalsPage }))),
    menu: { label: '审批', icon: <AuditOutlined />, group: 'orgs', order: -0.5 },
    action: 'org.read',
  },
  { path: 'approvals/flows', page: lazy(() => import('./ApprovalFlowsPage').then((m) => ({ default: m.ApprovalFlowsPage }))), action: 'org.read' },
  { path: 'approvals/:id', page: lazy(() => import('./ApprovalDetailPage').then((m) => ({ default: m.ApprovalDetailPage }))), action: 'org.read' },
];
