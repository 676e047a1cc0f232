import type { ReactNode } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router-dom';
import { CheckSquareOutlined, ReadOutlined, TeamOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons';
import type { Action } from '../../../src/domain/permissions';
import { useAuth } from '../app/auth';

type Tab = { path: string; label: string; icon: ReactNode; show: (can: (a: Action) => boolean) => boolean };

/**
 * The bottom tab bar at phone width (docs/pwa.md, "Two taps"): the app's icon opens the person's
 * home, and one tap here reaches their main page. Which tabs a person gets follows from the actions
 * their roles hold — never from a role's name:
 *  - 待办 and 学习 for everyone;
 *  - 工作清单 for whoever keeps the ledger of an area (a street or district office);
 *  - 组织生活 for whoever manages organisations without keeping a ledger (a secretary);
 *  - 我的 for a Party member (亮身份 about themself).
 */
export const TABS: Tab[] = [
  { path: '/inbox', label: '待办', icon: <CheckSquareOutlined />, show: () => true },
  { path: '/worklists', label: '工作清单', icon: <UnorderedListOutlined />, show: (can) => can('coverage.read') && can('enterprise.update') },
  { path: '/life', label: '组织生活', icon: <TeamOutlined />, show: (can) => can('org.manage') && !can('enterprise.update') },
  { path: '/study', label: '学习', icon: <ReadOutlined />, show: () => true },
  { path: '/me', label: '我的', icon: <UserOutlined />, show: (can) => can('member.declare') },
];

export const TAB_BAR_HEIGHT = 56;

export function PhoneTabBar() {
  const { can } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tabs = TABS.filter((t) => t.show(can));
  return (
    <nav data-testid="tab-bar" aria-label="常用功能" style={{
      position: 'fixed', left: 0, right: 0, bottom: 0, height: TAB_BAR_HEIGHT, zIndex: 100, display: 'flex', background: '#fff',
      borderTop: '1px solid #f0f0f0', paddingBottom: 'env(safe-area-inset-bottom)', boxSizing: 'content-box',
    }}>
      {tabs.map((t) => {
        const active = !!matchPath({ path: t.path, end: false }, pathname);
        return (
          <button key={t.path} type="button" onClick={() => navigate(t.path)} data-testid={`tab-${t.path.slice(1)}`} aria-current={active ? 'page' : undefined}
            style={{ flex: 1, border: 0, background: 'none', color: active ? '#c41d1d' : '#595959', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2, fontSize: 12, cursor: 'pointer' }}>
            <span style={{ fontSize: 20, lineHeight: 1 }}>{t.icon}</span>
            {t.label}
          </button>
        );
      })}
    </nav>
  );
}
