/**
 * The route map of the API (`/api/v1`): per route its path parameters, query, body and
 * result. The web's typed client pairs each call with its types here, once; a test checks
 * that the server registers every route listed and that every route it registers is listed.
 */
import type { Kind } from '../model/kinds.js';
import type { Me, NewToken, SessionAnswer, TokenInfo, User } from './accounts.js';
import type { AvailabilityResult, CheckReport, PathsReport, TimelineCheckReport, WhatIfReport } from './analyses.js';
import type { Instant, Items, ObjectOfKind, ObjectOut, Page } from './common.js';
import type { ChangeSetHeaderOut, ChangeSetsAdded, EstateDiff, History, ImportAnswer, TimelineDates, WriteAnswer } from './estate.js';
import type { NetboxSyncResult } from './netbox.js';
import type { PortfolioPage, TenantList } from './portfolio.js';
import type { AcceptAnswer, ApplyJointResult, DropAnswer, JointCandidatesReport, PlanOut, PlanReport, MigrationProgressReport, RestorePlanResult, WavePlanResult } from './planning.js';
import type { ReportQuerystring } from './report.js';
// The requests: declared with their schemas (src/contracts/requests), which the server validates with.
import type { CredentialsBody, PasswordChangeBody, SetupBody, TokenCreateBody, UserAddBody, UserPatchBody } from './requests/accounts.js';
import type { AvailabilityQuerystring, CheckQuerystring, PathsQuerystring, TimelineCheckQuerystring, WhatIfBody } from './requests/analyses.js';
import type { ChangeSetListQuerystring, ChangeSetStatusBody, ChangeSetsBody, TimelineQuerystring } from './requests/changesets.js';
import type { ExportQuerystring, ImportQuerystring, NetboxImportBody } from './requests/estateFiles.js';
import type { ChangeSetMeta, DiffQuerystring, NamesQuerystring, ObjectCreateBody, ObjectListQuerystring, ObjectPatchBody } from './requests/objects.js';
import type { JointApplyBody, JointQuerystring, PlanAcceptBody, ProgressQuerystring, RestorePlanRequest, WavePlanRequest } from './requests/plans.js';
import type { PortfolioQuerystring } from './requests/portfolio.js';
import type { IdParams, View } from './requests/shared.js';

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
export type ListRoutes = { readonly [K in Kind as `GET ${ListPath<K>}`]: { readonly query: Partial<ObjectListQuerystring>; readonly result: ObjectPage<K> } };

/** Every route but the list routes: `METHOD /path` → what it takes and answers. */
export interface OtherRoutes {
  // Accounts and sessions.
  'POST /session': { body: CredentialsBody; result: SessionAnswer };
  'DELETE /session': { result: undefined };
  'GET /me': { result: Me };
  'POST /me/password': { body: PasswordChangeBody; result: undefined };
  'POST /setup': { body: SetupBody; result: User };
  'GET /users': { result: Items<User> };
  'POST /users': { body: UserAddBody; result: User };
  'PATCH /users/:name': { params: { name: string }; body: UserPatchBody; result: User };
  'GET /tokens': { query: { user?: string }; result: Items<TokenInfo> };
  'POST /tokens': { body: TokenCreateBody; result: NewToken };
  'DELETE /tokens/:id': { params: { id: string }; result: undefined };
  // The estate over time.
  'GET /objects/:id': { params: IdParams; query: View; result: ObjectOut };
  'GET /portfolio': { query: Partial<PortfolioQuerystring>; result: PortfolioPage };
  'GET /tenants': { query: View; result: TenantList };
  'GET /objects/:id/history': { params: { id: string }; result: History };
  'POST /objects': { body: ObjectCreateBody; result: WriteAnswer };
  'PATCH /objects/:id': { params: IdParams; body: ObjectPatchBody; result: WriteAnswer };
  'DELETE /objects/:id': { params: IdParams; query: ChangeSetMeta; result: WriteAnswer };
  'GET /diff': { query: DiffQuerystring; result: EstateDiff };
  'GET /changesets': { query: Partial<ChangeSetListQuerystring>; result: Page<ChangeSetHeaderOut> };
  'GET /timeline': { query: TimelineQuerystring; result: TimelineDates };
  'GET /changesets/:id': { params: { id: string }; result: ChangeSetHeaderOut & { changes: Record<string, unknown>[] } };
  'POST /changesets': { body: ChangeSetsBody; result: ChangeSetsAdded };
  'PATCH /changesets/:id': { params: { id: string }; body: ChangeSetStatusBody; result: ChangeSetHeaderOut };
  'GET /export': { query: Partial<ExportQuerystring>; result: Record<string, unknown> };
  'POST /import': { query: ImportQuerystring; body: Record<string, unknown>; result: ImportAnswer };
  'GET /import/netbox': { result: { urls: string[] } };
  'POST /import/netbox': { body: NetboxImportBody; result: NetboxSyncResult };
  // Analyses.
  'GET /check': { query: Partial<CheckQuerystring>; result: CheckReport };
  'POST /what-if': { query: View; body: WhatIfBody; result: WhatIfReport };
  'GET /paths': { query: PathsQuerystring; result: PathsReport };
  'GET /availability': { query: AvailabilityQuerystring; result: AvailabilityResult };
  'GET /timeline-check': { query: TimelineCheckQuerystring; result: TimelineCheckReport };
  'GET /report': { query: Partial<ReportQuerystring>; result: string };
  // Planning.
  'GET /plans': { result: Items<PlanOut> };
  'GET /plans/:id': { params: { id: string }; result: PlanReport };
  'POST /plans/:id/accept': { params: IdParams; body: PlanAcceptBody; result: AcceptAnswer };
  'POST /plans/:id/drop': { params: { id: string }; body: Record<string, never>; result: DropAnswer };
  'POST /plans/waves': { body: WavePlanRequest; result: WavePlanResult };
  'POST /plans/restore': { body: RestorePlanRequest; result: RestorePlanResult };
  'GET /joint': { query: JointQuerystring; result: JointCandidatesReport };
  'POST /joint': { body: JointApplyBody; result: ApplyJointResult };
  'GET /progress': { query: ProgressQuerystring; result: MigrationProgressReport };
  // The web's own.
  'GET /names': { query: NamesQuerystring; result: { names: Record<string, string | null> } };
  'GET /base-map': { result: { style: string | null } };
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
  'GET /portfolio',
  'GET /tenants',
  'GET /objects/:id/history',
  'POST /objects',
  'PATCH /objects/:id',
  'DELETE /objects/:id',
  'GET /diff',
  'GET /changesets',
  'GET /timeline',
  'GET /changesets/:id',
  'POST /changesets',
  'PATCH /changesets/:id',
  'GET /export',
  'POST /import',
  'GET /import/netbox',
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
  'POST /plans/restore',
  'GET /joint',
  'POST /joint',
  'GET /progress',
  'GET /names',
  'GET /base-map',
] as const satisfies readonly (keyof OtherRoutes)[];

// Fails to compile when a route of OtherRoutes is missing from otherRouteNames.
const _everyRouteListed: Exclude<keyof OtherRoutes, (typeof otherRouteNames)[number]> extends never ? true : never = true;
void _everyRouteListed;
