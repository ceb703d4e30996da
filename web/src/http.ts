/**
 * The transport of the API client (same origin): a browser session is a cookie; every unsafe
 * request sends the session's CSRF token in X-CSRF-Token. Errors arrive as
 * `{error: {code, message, details}}` (the contract's `ErrorBody`) and are thrown as
 * {@link ApiError}. The typed client (api.ts) pairs each route with its types.
 */
import type { ErrorBody, Problem, ResultOf, RouteName, Routes } from '../../src/contracts/index.js';

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

// Kept in memory only: after a reload, `me()` fetches it again from the session.
let csrf: string | null = null;
/** Called when the server says the session has ended (401), so the app shows the sign-in page. */
let onSignedOut: () => void = () => undefined;

/** Remembers (or forgets) the session's CSRF token. */
export function setCsrf(token: string | null): void {
  csrf = token;
}

/** Registers what happens when a request finds no valid session. */
export function whenSignedOut(f: () => void): void {
  onSignedOut = f;
}

/** Query parameters; empty values are left out. */
export type Query = object;

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

/** What a request sends besides method and path. */
export interface RequestOptions {
  readonly query?: Query | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Sends a request; throws ApiError on an error answer. */
export async function request(method: string, path: string, opts: RequestOptions = {}): Promise<Answer<unknown>> {
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
  if (r.status === 204) return { body: undefined, etag: null };
  const text = await r.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!r.ok) {
    const e = (body as Partial<ErrorBody> | undefined)?.error;
    const err = new ApiError(r.status, e?.code ?? `HTTP_${r.status}`, e?.message ?? r.statusText, e?.details ?? []);
    if (r.status === 401 && path !== '/session') onSignedOut();
    throw err;
  }
  return { body, etag: r.headers.get('etag') };
}

/** The part `key` of a route's spec as an argument: required, optional (`opt`) or absent. */
type Part<S, K extends 'params' | 'query' | 'body', Opt extends boolean> = S extends { readonly [P in K]: infer V } ? (Opt extends true ? { readonly [P in K]?: V } : { readonly [P in K]: V }) : { readonly [P in K]?: never };

/** What a call of a route sends: its path parameters and body as the route map says, a query, headers, a signal. */
export type CallArgs<R extends RouteName> = Part<Routes[R], 'params', false> &
  Part<Routes[R], 'query', true> &
  Part<Routes[R], 'body', false> & { readonly headers?: Record<string, string> | undefined; readonly signal?: AbortSignal | undefined };

/** Calls a route of the route map (`GET /objects/:id`) and answers its result with the ETag. */
export async function answer<R extends RouteName>(route: R, args: CallArgs<R>): Promise<Answer<ResultOf<R>>> {
  const space = route.indexOf(' ');
  const params = (args.params ?? {}) as Record<string, string>;
  const path = route.slice(space + 1).replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const a = await request(route.slice(0, space), path, { query: args.query, body: args.body, headers: args.headers, signal: args.signal });
  return a as Answer<ResultOf<R>>;
}

/** Calls a route of the route map and answers its result. */
export async function call<R extends RouteName>(route: R, args: CallArgs<R>): Promise<ResultOf<R>> {
  return (await answer(route, args)).body;
}
