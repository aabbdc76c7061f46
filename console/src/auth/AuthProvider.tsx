import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSessionLost, type Schemas, unwrap } from '../api/client';
import { session } from './session';

export interface SignedIn {
  tenant: Schemas['PublicTenant'];
  me: Schemas['User'];
  permissions: Schemas['EffectivePermissions'];
}

export interface SignInInput {
  tenant: string;
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

interface AuthState {
  /** null while signed out; undefined while a session is being resumed. */
  user: SignedIn | null | undefined;
  /** Why the last session ended, to say so on the sign-in page. */
  endedBecause: string | null;
  signIn(input: SignInInput): Promise<void>;
  signOut(): Promise<void>;
  /** Tenant-wide permission check (catalog names, as GET /user/permissions lists them). */
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/** Who is signed in, in which tenant (the session decides it), and what they may do. */
async function loadSignedIn(): Promise<SignedIn> {
  const [me, permissions, publicTenant] = await Promise.all([
    unwrap(api.GET('/api/v1/user/me')),
    unwrap(api.GET('/api/v1/user/permissions')),
    unwrap(api.GET('/api/v1/public/tenant')),
  ]);
  return { me, permissions, tenant: publicTenant };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<SignedIn | null | undefined>(undefined);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    // A reload: the cookie, if the browser still holds one, is asked for its session (and CSRF token).
    (async () => {
      const { data } = await api.GET('/api/v1/user/session');
      if (cancelled) return;
      if (!data || !session.establish(data)) return setUser(null);
      try {
        const signedIn = await loadSignedIn();
        if (!cancelled) setUser(signedIn);
      } catch {
        session.clear();
        if (!cancelled) setUser(null);
      }
    })().catch(() => {
      if (!cancelled) setUser(null);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onSessionLost(() => {
        session.clear();
        queryClient.clear();
        setEndedBecause('Your session ended (it expired, timed out or was signed out elsewhere). Please sign in again.');
        setUser(null);
      }),
    [queryClient],
  );

  const signIn = useCallback(async (input: SignInInput) => {
    const { tenant, ...credentials } = input;
    const started = await unwrap(api.POST('/api/v1/public/auth/session', { body: credentials, headers: { 'x-tenant': tenant } }));
    session.establish(started);
    try {
      const signedIn = await loadSignedIn();
      setEndedBecause(null);
      setUser(signedIn);
    } catch (error) {
      session.clear();
      throw error;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.DELETE('/api/v1/user/session');
    } finally {
      session.clear();
      queryClient.clear();
      setEndedBecause(null);
      setUser(null);
    }
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const held = new Set(user?.permissions.tenant ?? []);
    return { user, endedBecause, signIn, signOut, can: (permission) => held.has(permission) };
  }, [user, endedBecause, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside <AuthProvider>');
  return state;
}

/** The signed-in person (inside the console's signed-in routes only). */
export function useSignedIn(): SignedIn & Pick<AuthState, 'can' | 'signOut'> {
  const { user, can, signOut } = useAuth();
  if (!user) throw new Error('useSignedIn while signed out');
  return { ...user, can, signOut };
}
