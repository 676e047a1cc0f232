import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Action } from '../../../src/domain/permissions';

/** Menu sections, in display order. */
export const MENU_GROUPS = {
  ledger: '企业台账',
  orgs: '组织建设',
  unions: '工会工作',
  reports: '统计分析',
  system: '系统管理',
} as const;
export type MenuGroup = keyof typeof MENU_GROUPS;

/**
 * One page of a feature. A feature folder exports an array of these from its `routes.tsx`;
 * `features.ts` lists the arrays. `path` is relative to the app root (no leading slash).
 */
export type FeatureRoute = {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Present for pages that appear in the side menu. */
  menu?: { label: string; icon: ReactNode; group: MenuGroup; order?: number };
  /** The action a person needs to see the menu entry (the server still checks every request). */
  action?: Action;
};
