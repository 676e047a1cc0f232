import { lazy } from 'react';
import { EnvironmentOutlined, IdcardOutlined, SwapOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const transferRoutes: FeatureRoute[] = [
  {
    path: 'transfers',
    page: lazy(() => import('./TransferInboxPage').then((m) => ({ default: m.TransferInboxPage }))),
    menu: { label: '组织关系转接', icon: <SwapOutlined />, group: 'orgs', order: 3 },
    action: 'org.read',
  },
  {
    path: 'mobility',
    page: lazy(() => import('./MobilityPage').then((m) => ({ default: m.MobilityPage }))),
    menu: { label: '流动党员和失联党员', icon: <EnvironmentOutlined />, group: 'orgs', order: 3.2 },
    action: 'org.read',
  },
  {
    path: 'declarations',
    page: lazy(() => import('./DeclarationReviewPage').then((m) => ({ default: m.DeclarationReviewPage }))),
    menu: { label: '亮身份申报', icon: <IdcardOutlined />, group: 'orgs', order: 3.5 },
    action: 'org.read',
  },
];
