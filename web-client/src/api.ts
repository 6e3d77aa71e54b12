// The one way the app talks to the API: same origin (the gateway serves both), JSON both ways,
// the access token attached, one refresh on an expired token, and every failure an ApiError
// carrying the server's error_code and message, so pages can show what went wrong.

export interface ApiErrorBody {
  error_code?: string;
  message?: string;
  detail?: string;
  details?: { fields?: FieldError[]; [key: string]: unknown } | null;
  request_id?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(describe(status, body));
    this.status = status;
    this.code = body.error_code ?? `HTTP_${status}`;
    this.body = body;
  }
}

/**
 * The sentence a person reads: the server's message (which names the first wrong field), and the
 * other wrong fields when there are several.
 */
export function describe(status: number, body: ApiErrorBody): string {
  const base = body.message || body.detail || (status === 0 ? 'The server cannot be reached; check your connection.'
    : `The request failed (${status}).`);
  const fields = body.details?.fields ?? [];
  if (fields.length < 2) return base;
  return `${base} (also: ${fields.slice(1).map((f) => `${f.field} ${f.message}`).join('; ')})`;
}

/** The message for one field of a form, when the server named it. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.body.details?.fields?.find((f) => f.field === field)?.message;
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
}

/** Where the session's tokens live and how they are renewed; set by the session provider. */
export interface TokenSource {
  current(): Tokens | null;
  refresh(): Promise<Tokens | null>;
}

let tokens: TokenSource = { current: () => null, refresh: async () => null };

export function useTokens(source: TokenSource): void {
  tokens = source;
}

export function accessToken(): string | null {
  return tokens.current()?.access_token ?? null;
}

/** Seconds until a JWT's `exp`, or 0 when it cannot be read. */
export function secondsLeft(jwt: string, now = Date.now()): number {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp ? payload.exp - now / 1000 : 0;
  } catch {
    return 0;
  }
}

/**
 * The access token for something that cannot renew it on a 401 itself (a WebSocket handshake, an
 * upload, the call page): renewed first when less than a minute of it is left.
 */
export async function freshAccessToken(): Promise<string | null> {
  const token = accessToken();
  if (token && secondsLeft(token) > 60) return token;
  return (await tokens.refresh())?.access_token ?? token;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** A socket's URL on this page's host, with a fresh access token; null when signed out. */
export async function socketUrl(path: string, query?: Query): Promise<string | null> {
  const token = await freshAccessToken();
  if (!token) return null;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${withQuery(path, { ...query, access_token: token })}`;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Sent without the access token (register, login). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
  return fetch(withQuery(path, options.query), {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await send(path, options, accessToken());
    if (response.status === 401 && !options.anonymous && tokens.current()?.refresh_token) {
      const renewed = await tokens.refresh();
      if (renewed) response = await send(path, options, renewed.access_token);
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, {});
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text.slice(0, 200) };
    }
  }
  if (!response.ok) throw new ApiError(response.status, (body as ApiErrorBody) ?? {});
  return body as T;
}

/** A fresh idempotency key for one user action (a booking, a checkout), kept across its retries. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
