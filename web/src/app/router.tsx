import { Suspense } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Spin } from 'antd';
import { AppLayout } from './AppLayout';
import { featureRoutes } from './features';
import { RequireAuth, RequireSession } from './guards';
import { useAuth } from './auth';
import { SignInPage } from '../features/auth/SignInPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { TotpSetupPage } from '../features/auth/TotpSetupPage';
import { NotFoundPage } from '../ui/NotFoundPage';
import { RouteError } from '../ui/RouteError';

const HOME = `/${featureRoutes.find((r) => r.menu)?.path ?? ''}`;

/**
 * Officials — people who read coverage over an area of their own (a district or street account) —
 * land on 覆盖统计, which opens on that area; everyone else (the unrestricted administrators who run
 * imports and accounts, secretaries, members) on the first page of their menu.
 */
function Home() {
  const { can, me } = useAuth();
  return <Navigate to={can('coverage.read') && (me?.areas ?? []).length > 0 ? '/coverage' : HOME} replace />;
}

const pages: RouteObject[] = featureRoutes.map((r) => ({
  path: r.path,
  errorElement: <RouteError />,
  element: (
    <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
      <r.page />
    </Suspense>
  ),
}));

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/change-password', element: <RequireSession><ChangePasswordPage /></RequireSession>, errorElement: <RouteError /> },
  { path: '/totp-setup', element: <RequireSession><TotpSetupPage /></RequireSession>, errorElement: <RouteError /> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    errorElement: <RouteError />,
    children: [{ index: true, element: <Home /> }, ...pages, { path: '*', element: <NotFoundPage /> }],
  },
]);
