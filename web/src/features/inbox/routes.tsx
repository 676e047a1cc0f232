import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';
import { InboxMenuIcon } from './InboxMenuIcon';

export const inboxRoutes: FeatureRoute[] = [
  {
    path: 'inbox',
    page: lazy(() => import('./InboxPage').then((m) => ({ default: m.InboxPage }))),
    menu: { label: '待办', icon: <InboxMenuIcon />, group: 'orgs', order: -1 },
  },
];
