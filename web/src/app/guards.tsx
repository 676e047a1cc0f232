import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { useAuth } from './auth';

const Loading = () => <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;

/** Signed in, whatever is still pending (the password-change and TOTP pages themselves). */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

/** Signed in with nothing pending: the app itself. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { pending } = useAuth();
  if (pending === 'password') return <Navigate to="/change-password" replace />;
  if (pending === 'totp') return <Navigate to="/totp-setup" replace />;
  return <RequireSession>{children}</RequireSession>;
}
