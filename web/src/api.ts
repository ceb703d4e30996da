/**
 * The typed client of the Verbund API: one method per route the UI calls, each typed by the
 * route map of src/contracts (so a route is paired with its types once, and the server's
 * types are the UI's). The names of the objects a list answers are remembered for
 * names-first links (names.ts).
 */
import type {
  AcceptBody,
  ApplyJointOptions,
  AvailabilityParams,
  ChangeSetListQuery,
  CheckParams,
  DiffQuery,
  JointQuery,
  NetboxImportBody,
  NewTokenBody,
  NewUserBody,
  ObjectListQuery,
  ObjectOfKind,
  PortfolioQuery,
  Principal,
  MigrationProgressOptions,
  UserPatch,
  ViewQuery,
  RestorePlanRequest,
  WavePlanRequest,
  WriteMeta,
} from '../../src/contracts/index.js';
import { listPathOf, type ObjectPage } from '../../src/contracts/routes.js';
import type { Kind } from '../../src/model/kinds.js';
import { ApiError, answer, call, request, setCsrf } from './http.js';
import { rememberNames } from './names.js';

export { ApiError, url, whenSignedOut, type Answer } from './http.js';

/** A signal, for loads that are cancelled when their view changes. */
type Signal = AbortSignal | undefined;

/** A page of a kind's list; the names of its objects are remembered for the view it was asked at. */
async function list<K extends Kind>(kind: K, query: ObjectListQuery = {}, signal?: Signal): Promise<ObjectPage<K>> {
  // The list routes are typed per kind by the route map; one call serves every kind.
  const page = (await request('GET', listPathOf(kind), { query, signal })).body as ObjectPage<K>;
  if (query.at) rememberNames(page.items, query.at, query.plan ?? '');
  return page;
}

/**
 * Every item of a paged list, in pages of 1,000 fetched four at a time (a `state` estate has
 * tens of thousands of links).
 */
async function allPages<T>(page: (limit: number, offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const limit = 1000;
  const first = await page(limit, 0);
  const offsets: number[] = [];
  for (let o = limit; o < first.total; o += limit) offsets.push(o);
  const rest: T[][] = [];
  for (let i = 0; i < offsets.length; i += 4) {
    const batch = await Promise.all(offsets.slice(i, i + 4).map((offset) => page(limit, offset)));
    rest.push(...batch.map((p) => p.items));
  }
  return [...first.items, ...rest.flat()];
}

/** The API, route by route. */
export const api = {
  // Accounts and sessions.
  /** Signs in; keeps the session's CSRF token in memory. */
  async signIn(name: string, password: string): Promise<Principal> {
    const r = await call('POST /session', { body: { name, password } });
    setCsrf(r.csrfToken);
    return r.user;
  },
  /** Signs out (and forgets the CSRF token). */
  async signOut(): Promise<void> {
    try {
      await call('DELETE /session', {});
    } finally {
      setCsrf(null);
    }
  },
  /** Who is signed in, or null. */
  async me(): Promise<Principal | null> {
    try {
      const r = await call('GET /me', {});
      setCsrf(r.csrfToken ?? null);
      return { name: r.name, role: r.role, tenant: r.tenant };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  users: (signal?: Signal) => call('GET /users', { signal }),
  addUser: (body: NewUserBody) => call('POST /users', { body }),
  patchUser: (name: string, body: UserPatch) => call('PATCH /users/:name', { params: { name }, body }),
  tokens: (signal?: Signal) => call('GET /tokens', { signal }),
  addToken: (body: NewTokenBody) => call('POST /tokens', { body }),
  revokeToken: (id: string) => call('DELETE /tokens/:id', { params: { id } }),

  // The estate over time.
  list,
  /** Every object of a kind's list. */
  listAll: <K extends Kind>(kind: K, query: ObjectListQuery = {}, signal?: Signal): Promise<ObjectOfKind<K>[]> => allPages((limit, offset) => list(kind, { ...query, limit, offset }, signal)),
  /** A page of the application portfolio (searched, filtered, ordered by the server); the names of its applications are remembered. */
  async portfolio(query: PortfolioQuery, signal?: Signal) {
    const page = await call('GET /portfolio', { query, signal });
    if (query.at) rememberNames(page.items, query.at, query.plan ?? '');
    return page;
  },
  /** The organizations that use applications, by name. */
  tenants: (view: ViewQuery, signal?: Signal) => call('GET /tenants', { query: view, signal }),
  /** One object at a view, with its ETag (for If-Match). */
  object: (id: string, view: ViewQuery, signal?: Signal) => answer('GET /objects/:id', { params: { id }, query: view, signal }),
  /** Changes an object's fields in a change set of its own; `ifMatch` is the ETag it was read with. */
  patchObject: (id: string, fields: Record<string, unknown>, changeset: WriteMeta, ifMatch: string | null) =>
    call('PATCH /objects/:id', { params: { id }, body: { fields, changeset }, headers: ifMatch ? { 'if-match': ifMatch } : {} }),
  history: (id: string, signal?: Signal) => call('GET /objects/:id/history', { params: { id }, signal }),
  diff: (query: DiffQuery, signal?: Signal) => call('GET /diff', { query, signal }),
  changesets: (query: ChangeSetListQuery, signal?: Signal) => call('GET /changesets', { query, signal }),
  /** The dates where the view changes (with a plan: its proposed change sets' too). */
  timeline: (plan: string | undefined, signal?: Signal) => call('GET /timeline', { query: { plan }, signal }),
  netboxUrls: () => call('GET /import/netbox', {}),
  netboxSync: (body: NetboxImportBody) => call('POST /import/netbox', { body }),

  // Analyses.
  check: (view: ViewQuery, query: CheckParams = {}, signal?: Signal) => call('GET /check', { query: { ...view, ...query }, signal }),
  whatIf: (fail: string[], view: ViewQuery) => call('POST /what-if', { query: view, body: { fail } }),
  paths: (from: string, to: string, view: ViewQuery, signal?: Signal) => call('GET /paths', { query: { ...view, from, to }, signal }),
  availability: (view: ViewQuery, query: AvailabilityParams = {}, signal?: Signal) => call('GET /availability', { query: { ...view, ...query }, signal }),
  timelineCheck: (plan: string | undefined, signal?: Signal) => call('GET /timeline-check', { query: { plan }, signal }),

  // Planning.
  plans: (signal?: Signal) => call('GET /plans', { signal }),
  plan: (id: string, signal?: Signal) => call('GET /plans/:id', { params: { id }, signal }),
  acceptPlan: (id: string, body: AcceptBody) => call('POST /plans/:id/accept', { params: { id }, body }),
  dropPlan: (id: string) => call('POST /plans/:id/drop', { params: { id }, body: {} }),
  /** Solves a wave plan; `signal` aborts it (the server stops the solver). */
  planWaves: (body: WavePlanRequest, signal?: Signal) => call('POST /plans/waves', { body, signal }),
  /** The restore order of a disaster (with `dryRun`, computed only). */
  restorePlan: (body: RestorePlanRequest) => call('POST /plans/restore', { body }),
  joint: (query: JointQuery, signal?: Signal) => call('GET /joint', { query, signal }),
  applyJoint: (body: ApplyJointOptions) => call('POST /joint', { body }),
  progress: (query: MigrationProgressOptions, signal?: Signal) => call('GET /progress', { query, signal }),

  // The web's own.
  /** The base map's style URL, or null (`serve --map-style`). */
  baseMap: (signal?: Signal) => call('GET /base-map', { signal }),
};
