import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { roleAllows, type Action } from '../../../src/domain/permissions';
import { ApiError, apiGet, apiPost, onAuthProblem, setCsrfToken, setUserHeader } from '../api/client';
import { announceSession, forgetSession, recalledSession, rememberSession } from '../pwa/offline-session';

import type { RoleGrant } from '../../../src/core/access/actor';
import type { MeArea } from '../../../src/contracts/auth';
export type { MeArea, RoleGrant };

/** `areas`: the person's own regions (scope roots), where pages open. */
export type Me = { userId: string; username: string; displayName?: string; csrfToken: string; grants: RoleGrant[]; areas: MeArea[] };

/** What the signed-in person still has to do before using the app. */
export type Pending = 'password' | 'totp' | null;

export type SignInInput = { username: string; password: string; totpCode?: string };
type SignInAnswer = { csrfToken: string; mustChangePassword: boolean; totpEnrolmentRequired?: boolean };

export type AuthState = {
  status: 'loading' | 'anonymous' | 'signedIn';
  me: Me | null;
  pending: Pending;
  signIn(input: SignInInput): Promise<Pending>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  /** Whether any of the person's roles grants the action (menus only; the server decides). */
  can(action: Action): boolean;
  setPending(pending: Pending): void;
};

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const refresh = useCallback(async () => {
    try {
      const answer = await apiGet<Me>('/api/auth/me');
      setCsrfToken(answer.csrfToken);
      setUserHeader(answer.userId);
      rememberSession(answer);
      announceSession(answer.userId);
      setMe(answer);
      setStatus('signedIn');
    } catch (err) {
      // Offline (the installed app opened without a network): the remembered account, so the kept inbox can be read (docs/pwa.md).
      const kept = err instanceof ApiError && err.status === 0 ? recalledSession() : null;
      if (kept) {
        setUserHeader(kept.userId);
        setMe({ userId: kept.userId, username: '', csrfToken: '', grants: kept.grants, areas: [] });
        setStatus('signedIn');
        return;
      }
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      setCsrfToken(null);
      setUserHeader(null);
      void forgetSession();
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  useEffect(() => {
    onAuthProblem((problem) => {
      if (problem === 'UNAUTHENTICATED') {
        setCsrfToken(null);
        setUserHeader(null);
        void forgetSession();
        setMe(null);
        setStatus('anonymous');
      } else setPending(problem === 'PASSWORD_CHANGE_REQUIRED' ? 'password' : 'totp');
    });
    refresh().catch(() => setStatus('anonymous'));
    return () => onAuthProblem(null);
  }, [refresh]);

  const signIn = useCallback(async (input: SignInInput): Promise<Pending> => {
    const answer = await apiPost<SignInAnswer>('/api/auth/sign-in', input);
    setCsrfToken(answer.csrfToken);
    const next: Pending = answer.mustChangePassword ? 'password' : answer.totpEnrolmentRequired ? 'totp' : null;
    setPending(next);
    await refresh();
    return next;
  }, [refresh]);

  const signOut = useCallback(async () => {
    await apiPost('/api/auth/sign-out').catch(() => undefined);
    setCsrfToken(null);
    setUserHeader(null);
    await forgetSession();
    setMe(null);
    setPending(null);
    setStatus('anonymous');
  }, []);

  const can = useCallback(
    (action: Action) => (me?.grants ?? []).some((g) => roleAllows(g.role, action)),
    [me],
  );

  const value = useMemo<AuthState>(
    () => ({ status, me, pending, signIn, signOut, refresh, can, setPending }),
    [status, me, pending, signIn, signOut, refresh, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
