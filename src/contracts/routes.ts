/**
 * The route map of the API (`/api/v1`): per route its path parameters, query, body and
 * result. The web's typed client pairs each call with its types here, once; a test checks
 * that the server registers every route listed and that every route it registers is listed.
 */
import type { Kind } from '../model/kinds.js';
import type { Me, NewToken, NewTokenBody, NewUserBody, SessionAnswer, SignInBody, TokenInfo, User, UserPatch } from './accounts.js';
import type { AvailabilityParams, AvailabilityResult, CheckParams, CheckReport, PathsQuery, PathsReport, TimelineCheckReport, WhatIfBody, WhatIfReport } from './analyses.js';
import type { Instant, Items, ObjectOfKind, ObjectOut, Page, ViewQuery } from './common.js';
import type { ChangeSetHeaderOut, ChangeSetListQuery, ChangeSetsAdded, DiffQuery, EstateDiff, History, ImportAnswer, ObjectListQuery, WriteAnswer, WriteMeta } from './estate.js';
import type { NetboxImportBody, NetboxSyncResult } from './netbox.js';
import type { AcceptAnswer, AcceptBody, ApplyJointOptions, ApplyJointResult, DropAnswer, JointCandidatesReport, JointQuery, PlanInfo, PlanReport, MigrationProgressOptions, MigrationProgressReport, WavePlanRequest, WavePlanResult } from './planning.js';
import type { ReportQuery } from './report.js';
import type { ChangeSetStatus } from './statuses.js';

/** What a route takes and answers. `params` fill the `:name` segments of its path. */
export interface RouteSpec {
  readonly params?: Record<string, string>;
  readonly query?: object;
  readonly body?: unknown;
  readonly result: unknown;
}

/** The path of a kind's list route: the kind in the plural (`/risk-groups`). */
export type ListPath<K extends Kind> = `/${K}s`;

/** The path of a kind's list route. */
export function listPathOf<K extends Kind>(kind: K): ListPath<K> {
  return `/${kind}s`;
}

/** A page of a kind's list, with the view it was answered at. */
export type ObjectPage<K extends Kind> = Page<ObjectOfKind<K>> & { readonly at: Instant; readonly plan: string | null };

/** The list routes, one per kind: `GET /sites`, `GET /risk-groups`, … */
export type ListRoutes = { readonly [K in Kind as `GET ${ListPath<K>}`]: { readonly query: ObjectListQuery; readonly result: ObjectPage<K> } };

/** Every route but the list routes: `METHOD /path` → what it takes and answers. */
export interface OtherRoutes {
  // Accounts and sessions.
  'POST /session': { body: SignInBody; result: SessionAnswer };
  'DELETE /session': { result: undefined };
  'GET /me': { result: Me };
  'POST /me/password': { body: { current: string; password: string }; result: undefined };
  'POST /setup': { body: { token: string; name: string; password: string }; result: User };
  'GET /users': { result: Items<User> };
  'POST /users': { body: NewUserBody; result: User };
  'PATCH /users/:name': { params: { name: string }; body: UserPatch; result: User };
  'GET /tokens': { query: { user?: string }; result: Items<TokenInfo> };
  'POST /tokens': { body: NewTokenBody; result: NewToken };
  'DELETE /tokens/:id': { params: { id: string }; result: undefined };
  // The estate over time.
  'GET /objects/:id': { params: { id: string }; query: ViewQuery; result: ObjectOut };
  'GET /objects/:id/history': { params: { id: string }; result: History };
  'POST /objects': { body: { object: Record<string, unknown> & { id: string }; changeset?: WriteMeta }; result: WriteAnswer };
  'PATCH /objects/:id': { params: { id: string }; body: { fields: Record<string, unknown>; changeset?: WriteMeta }; result: WriteAnswer };
  'DELETE /objects/:id': { params: { id: string }; query: WriteMeta; result: WriteAnswer };
  'GET /diff': { query: DiffQuery; result: EstateDiff };
  'GET /changesets': { query: ChangeSetListQuery; result: Page<ChangeSetHeaderOut> };
  'GET /changesets/:id': { params: { id: string }; result: ChangeSetHeaderOut & { changes: Record<string, unknown>[] } };
  'POST /changesets': { body: Record<string, unknown>; result: ChangeSetsAdded };
  'PATCH /changesets/:id': { params: { id: string }; body: { status: ChangeSetStatus }; result: ChangeSetHeaderOut };
  'GET /export': { query: ViewQuery & { format?: 'json' | 'yaml' }; result: Record<string, unknown> };
  'POST /import': { query: { effective?: string; changeset?: string }; body: Record<string, unknown>; result: ImportAnswer };
  'POST /import/netbox': { body: NetboxImportBody; result: NetboxSyncResult };
  // Analyses.
  'GET /check': { query: ViewQuery & CheckParams; result: CheckReport };
  'POST /what-if': { query: ViewQuery; body: WhatIfBody; result: WhatIfReport };
  'GET /paths': { query: ViewQuery & PathsQuery; result: PathsReport };
  'GET /availability': { query: ViewQuery & AvailabilityParams; result: AvailabilityResult };
  'GET /timeline-check': { query: { plan?: string | undefined }; result: TimelineCheckReport };
  'GET /report': { query: ReportQuery; result: string };
  // Planning.
  'GET /plans': { result: Items<PlanInfo> };
  'GET /plans/:id': { params: { id: string }; result: PlanReport };
  'POST /plans/:id/accept': { params: { id: string }; body: AcceptBody; result: AcceptAnswer };
  'POST /plans/:id/drop': { params: { id: string }; body: Record<string, never>; result: DropAnswer };
  'POST /plans/waves': { body: WavePlanRequest; result: WavePlanResult };
  'GET /joint': { query: JointQuery; result: JointCandidatesReport };
  'POST /joint': { body: ApplyJointOptions; result: ApplyJointResult };
  'GET /progress': { query: MigrationProgressOptions; result: MigrationProgressReport };
}

/** Every route of the API (under `/api/v1`). */
export type Routes = ListRoutes & OtherRoutes;

/** A route's name: `METHOD /path`. */
export type RouteName = keyof Routes;

/** What a route answers. */
export type ResultOf<R extends RouteName> = Routes[R]['result'];

/** Every route but the list routes, for a check at run time (the compiler checks the list is complete). */
export const otherRouteNames = [
  'POST /session',
  'DELETE /session',
  'GET /me',
  'POST /me/password',
  'POST /setup',
  'GET /users',
  'POST /users',
  'PATCH /users/:name',
  'GET /tokens',
  'POST /tokens',
  'DELETE /tokens/:id',
  'GET /objects/:id',
  'GET /objects/:id/history',
  'POST /objects',
  'PATCH /objects/:id',
  'DELETE /objects/:id',
  'GET /diff',
  'GET /changesets',
  'GET /changesets/:id',
  'POST /changesets',
  'PATCH /changesets/:id',
  'GET /export',
  'POST /import',
  'POST /import/netbox',
  'GET /check',
  'POST /what-if',
  'GET /paths',
  'GET /availability',
  'GET /timeline-check',
  'GET /report',
  'GET /plans',
  'GET /plans/:id',
  'POST /plans/:id/accept',
  'POST /plans/:id/drop',
  'POST /plans/waves',
  'GET /joint',
  'POST /joint',
  'GET /progress',
] as const satisfies readonly (keyof OtherRoutes)[];

// Fails to compile when a route of OtherRoutes is missing from otherRouteNames.
const _everyRouteListed: Exclude<keyof OtherRoutes, (typeof otherRouteNames)[number]> extends never ? true : never = true;
void _everyRouteListed;
