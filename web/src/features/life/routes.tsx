import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';

export const lifeRoutes: FeatureRoute[] = [
  { path: 'orgs/:id/life', page: lazy(() => import('./LifePage').then((m) => ({ default: m.LifePage }))), action: 'org.read' },
];
