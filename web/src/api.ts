/**
 * The typed client of the Verbund API (same origin). A browser session is a cookie; every
 * unsafe request sends the session's CSRF token in X-CSRF-Token. Errors arrive as
 * `{error: {code, message, details}}` and are thrown as {@link ApiError}.
 */
import { rememberNames } from './names.js';

/** One problem of an error answer, located by field or path where the server knows it. */
export interface Problem {
  readonly code?: string;
  readonly message: string;
  readonly field?: string;
  readonly path?: readonly (string | number)[];
  readonly id?: string;
  readonly changeset?: string;
}

/** An error answer of the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/** Who is signed in. */
export interface Principal {
  readonly name: string;
  readonly role: 'viewer' | 'planner' | 'operator' | 'admin' | 'tenant';
  readonly tenant: string | null;
}

// Kept in memory only: after a reload, `me()` fetches it again from the session.
let csrf: string | null = null;
/** Called when the server says the session has ended (401), so the app shows the sign-in page. */
let onSignedOut: () => void = () => undefined;

/** Registers what happens when a request finds no valid session. */
export function whenSignedOut(f: () => void): void {
  onSignedOut = f;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** `path?query`, leaving out empty values. */
export function url(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api/v1${path}${s ? `?${s}` : ''}`;
}

/** The answer with its headers (for ETags). */
export interface Answer<T> {
  readonly body: T;
  readonly etag: string | null;
}

/** Sends a request; throws ApiError on an error answer. */
export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(url(path, opts.query), {
    method,
    headers,
    credentials: 'same-origin',
    ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
    ...(opts.signal && { signal: opts.signal }),
  });
  if (r.status === 204) return { body: undefined as T, etag: null };
  const text = await r.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!r.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: Problem[] } } | undefined)?.error;
    const err = new ApiError(r.status, e?.code ?? `HTTP_${r.status}`, e?.message ?? r.statusText, e?.details ?? []);
    if (r.status === 401 && path !== '/session') onSignedOut();
    throw err;
  }
  return { body: body as T, etag: r.headers.get('etag') };
}

/** GET and return the body; the names of a list's objects are remembered for names-first links. */
export async function get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const body = (await request<T>('GET', path, { ...(query && { query }), ...(signal && { signal }) })).body;
  const items = (body as { items?: unknown } | undefined)?.items;
  if (Array.isArray(items) && query?.at) rememberNames(items, query.at, query.plan ?? '');
  return body;
}

/** POST and return the body; `signal` aborts it (the server cancels what it computes for it). */
export async function post<T>(path: string, body: unknown, query?: Query, signal?: AbortSignal): Promise<T> {
  return (await request<T>('POST', path, { body, ...(query && { query }), ...(signal && { signal }) })).body;
}

/** A page of a list. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

/**
 * Every item of a list route, in pages of 1,000 fetched four at a time (a `state` estate has
 * tens of thousands of links).
 */
export async function getAll<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
  const limit = 1000;
  const first = await get<Page<T>>(path, { ...query, limit, offset: 0 }, signal);
  const offsets: number[] = [];
  for (let o = limit; o < first.total; o += limit) offsets.push(o);
  const rest: T[][] = [];
  for (let i = 0; i < offsets.length; i += 4) {
    const batch = await Promise.all(offsets.slice(i, i + 4).map((offset) => get<Page<T>>(path, { ...query, limit, offset }, signal)));
    rest.push(...batch.map((p) => p.items));
  }
  return [...first.items, ...rest.flat()];
}

/** Signs in; keeps the session's CSRF token in memory. */
export async function signIn(name: string, password: string): Promise<Principal> {
  const r = await post<{ user: Principal; csrfToken: string }>('/session', { name, password });
  csrf = r.csrfToken;
  return r.user;
}

/** Signs out (and forgets the CSRF token). */
export async function signOut(): Promise<void> {
  try {
    await request('DELETE', '/session');
  } finally {
    csrf = null;
  }
}

/** Who is signed in, or null. */
export async function me(): Promise<Principal | null> {
  try {
    const r = await get<Principal & { csrfToken?: string | null }>('/me');
    csrf = r.csrfToken ?? null;
    return { name: r.name, role: r.role, tenant: r.tenant };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
