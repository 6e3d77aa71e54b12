// Who is signed in, in which role: the tokens of a login kept in localStorage (so a reload or a new
// tab stays signed in), renewed with the refresh token when the access token expires, and the
// active role switched with one call that returns new tokens.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

import { api, useTokens, type Tokens } from './api';


export type Role = 'mentor' | 'mentee' | 'admin';

export interface User {
  user_id: string;
  username: string;
  email?: string;
  roles: Role[];
  email_verified?: boolean;
  status?: string;
  created_at: string;
}

export interface TokenResponse extends Tokens {
  token_type: string;
  expires_in: number;
  active_role: Role;
  user: User;
}

export interface Session {
  tokens: TokenResponse;
  user: User;
  activeRole: Role;
}

interface SessionApi {
  session: Session | null;
  signIn(login: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
  switchRole(role: Role): Promise<void>;
  /** New tokens and the user as they are now (roles added, email verified). */
  reload(): Promise<void>;
  adopt(tokens: TokenResponse): void;
}

const STORAGE_KEY = 'lwm.session';
const Context = createContext<SessionApi | null>(null);

function stored(): TokenResponse | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as TokenResponse) : null;
  } catch {
    return null;
  }
}

function keep(tokens: TokenResponse | null): void {
  if (tokens) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    // the call page (/call/, a plain module beside the app) reads the token from here
    sessionStorage.setItem('lwm.access_token', tokens.access_token);
  } else {
    localStorage.removeItem(STORAGE_KEY);
    sessionStorage.removeItem('lwm.access_token');
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [tokens, setTokens] = useState<TokenResponse | null>(stored);

  const adopt = useCallback((next: TokenResponse | null) => {
    keep(next);
    setTokens(next);
  }, []);

  // One refresh at a time for the whole app: the API client's renewal on a 401, a socket's, and
  // reload() share it, since a refresh token used twice revokes its whole session (reuse detection).
  const refreshing = useRef<Promise<TokenResponse | null> | null>(null);
  const refresh = useCallback((): Promise<TokenResponse | null> => {
    const current = stored();
    if (!current?.refresh_token) return Promise.resolve(null);
    refreshing.current ??= api<TokenResponse>('/api/v1/auth/refresh', {
      body: { refresh_token: current.refresh_token }, anonymous: true,
    }).then((renewed) => {
      adopt(renewed);
      return renewed;
    }).catch(() => {
      adopt(null); // the refresh token is spent or revoked: sign in again
      return null;
    }).finally(() => {
      refreshing.current = null;
    });
    return refreshing.current;
  }, [adopt]);

  // Set while rendering, not in an effect: the pages' effects run before this provider's, and a
  // socket a page opens must already find the token.
  useTokens({ current: () => stored(), refresh });

  useEffect(() => {
    keep(tokens);
    // another tab signed in or out
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) setTokens(stored());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [tokens, refresh]);

  const value = useMemo<SessionApi>(() => ({
    session: tokens ? { tokens, user: tokens.user, activeRole: tokens.active_role } : null,
    async signIn(login, password) {
      const response = await api<TokenResponse>('/api/v1/auth/login', { body: { login, password }, anonymous: true });
      adopt(response);
      return { tokens: response, user: response.user, activeRole: response.active_role };
    },
    async signOut() {
      try {
        await api('/api/v1/auth/logout', { method: 'POST', body: { refresh_token: tokens?.refresh_token } });
      } catch {
        // signed out here whatever the server says
      }
      adopt(null);
    },
    async switchRole(role) {
      const response = await api<TokenResponse>('/api/v1/auth/switch-role', { body: { role } });
      adopt({ ...response, refresh_token: response.refresh_token ?? tokens?.refresh_token });
    },
    async reload() {
      // a refresh, not only GET /users/me: a role just added is in the next token, not this one
      await refresh();
    },
    adopt: (next) => adopt(next),
  }), [tokens, adopt, refresh]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for pages behind RequireSession. */
export function useSignedIn(): Session & SessionApi {
  const value = useSession();
  if (!value.session) throw new Error('not signed in');
  return { ...value, ...value.session };
}
