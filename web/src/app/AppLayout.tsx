import { Suspense, useMemo, useState } from 'react';
import { Outlet, matchPath, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { KeyOutlined, MailOutlined, LogoutOutlined, MenuOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from './auth';
import { MENU_GROUPS, type FeatureRoute, type MenuGroup } from './feature';
import { featureRoutes } from './features';
import { PwaBanners } from '../pwa/PwaBanners';
import { PhoneTabBar, TAB_BAR_HEIGHT } from '../pwa/PhoneTabBar';

const { Header, Sider, Content } = Layout;
const BRAND = '两新党建与工会工作平台';

type MenuItems = NonNullable<MenuProps['items']>;

/** Side-menu entries the person may use, grouped in MENU_GROUPS order. */
function menuItems(routes: FeatureRoute[], can: (r: FeatureRoute) => boolean): MenuItems {
  const groups = Object.keys(MENU_GROUPS) as MenuGroup[];
  const items: MenuItems = [];
  for (const group of groups) {
    const entries = routes
      .filter((r) => r.menu?.group === group && can(r))
      .sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0))
      .map((r) => ({ key: `/${r.path}`, icon: r.menu?.icon, label: r.menu?.label }));
    if (entries.length) items.push({ type: 'group', key: group, label: MENU_GROUPS[group], children: entries });
  }
  return items;
}

/** The menu key of the current page: the longest menu path the location starts with. */
function selectedKey(pathname: string, routes: FeatureRoute[]): string[] {
  const candidates = routes
    .filter((r) => r.menu)
    .map((r) => `/${r.path}`)
    .filter((p) => matchPath({ path: p, end: false }, pathname))
    .sort((a, b) => b.length - a.length);
  return candidates.slice(0, 1);
}

function UserMenu({ compact }: { compact: boolean }) {
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const items: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'totp', icon: <SafetyOutlined />, label: '两步验证' },
    { key: 'email', icon: <MailOutlined />, label: '电子邮箱（待办摘要）' },
    { type: 'divider' },
    { key: 'sign-out', icon: <LogoutOutlined />, label: '退出登录' },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    else if (key === 'totp') navigate('/totp-setup');
    else if (key === 'email') navigate('/my-email');
    else void signOut().then(() => navigate('/sign-in'));
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" data-testid="user-menu" style={{ color: '#fff' }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
        {!compact && <span style={{ marginLeft: 8 }}>{me?.displayName ?? me?.username}</span>}
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const items = useMemo(() => menuItems(featureRoutes, (r) => !r.action || can(r.action)), [can]);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selectedKey(location.pathname, featureRoutes)}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: phone ? 12 : 24, background: '#c41d1d' }}>
        {phone && (
          <Button type="text" aria-label="打开菜单" data-testid="menu-button" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => setDrawerOpen(true)} />
        )}
        <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: phone ? 16 : 18, flex: 1 }}>{BRAND}</Typography.Text>
        <UserMenu compact={phone} />
      </Header>
      <Layout>
        {phone ? (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} title="功能菜单" size={260} styles={{ body: { padding: 0 } }} rootClassName="lx-menu-drawer">
            {menu}
          </Drawer>
        ) : (
          <Sider theme="light" style={{ background: '#fff', minHeight: 'calc(100vh - 64px)' }} width={220} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" data-testid="side-menu">
            {menu}
          </Sider>
        )}
        {/* At phone width the tab bar (docs/pwa.md) is fixed at the bottom: the page leaves room for it. */}
        <Content style={{ padding: phone ? 12 : 24, paddingBottom: phone ? TAB_BAR_HEIGHT + 16 : 24, minWidth: 0 }}>
          <PwaBanners />
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      {phone && <PhoneTabBar />}
    </Layout>
  );
}
