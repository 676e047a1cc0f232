import { lazy } from 'react';
import { LoginOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

export const userRoutes: FeatureRoute[] = [
  {
    path: 'users',
    page: lazy(() => import('./UserListPage').then((m) => ({ default: m.UserListPage }))),
    menu: { label: '用户管理', icon: <TeamOutlined />, group: 'system', order: 10 },
    action: 'user.read',
  },
  {
    path: 'sign-in-log',
    page: lazy(() => import('./SignInLogPage').then((m) => ({ default: m.SignInLogPage }))),
    menu: { label: '登录日志', icon: <LoginOutlined />, group: 'system', order: 91 },
    action: 'audit.read',
  },
];
