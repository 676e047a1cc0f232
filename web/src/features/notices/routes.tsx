import { lazy } from 'react';
import { MailOutlined, NotificationOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';

// No action on the menu: an organisation's managers receive, an office publishes; the page shows each
// the tabs their roles hold (the server decides every request).
export const noticeRoutes: FeatureRoute[] = [
  { path: 'notices', page: lazy(() => import('./NoticesPage').then((m) => ({ default: m.NoticesPage }))), menu: { label: '通知公告', icon: <NotificationOutlined />, group: 'orgs', order: 0 } },
  { path: 'notices/new', page: lazy(() => import('./NoticeComposePage').then((m) => ({ default: m.NoticeComposePage }))), action: 'notice.publish' },
  { path: 'notices/inbox/:id', page: lazy(() => import('./NoticeCopyPage').then((m) => ({ default: m.NoticeCopyPage }))) },
  { path: 'notices/:id', page: lazy(() => import('./NoticeProgressPage').then((m) => ({ default: m.NoticeProgressPage }))), action: 'notice.publish' },
  { path: 'my-email', page: lazy(() => import('./EmailCard').then((m) => ({ default: m.EmailPage }))) },
  { path: 'settings/smtp', page: lazy(() => import('./SmtpSettingsPage').then((m) => ({ default: m.SmtpSettingsPage }))), menu: { label: '邮件摘要设置', icon: <MailOutlined />, group: 'system', order: 50 }, action: 'system.manage' },
];
