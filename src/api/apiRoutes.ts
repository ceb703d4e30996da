/**
 * Every route of the API proper, as one plugin that buildApp registers under `/api/v1`; each
 * route module is a plugin of its own (docs/design.md, "The API"). Health, metrics, the
 * OpenAPI document and the web UI stay at the root.
 */
import type { RoutePlugin } from './routePlugin.js';
import { analysisRoutes } from './routes/analyses.js';
import { type BaseMapRouteOptions, baseMapRoutes } from './routes/baseMap.js';
import { changeSetRoutes } from './routes/changesets.js';
import { estateFileRoutes } from './routes/estateFiles.js';
import { historyRoutes } from './routes/history.js';
import { type NetboxRouteOptions, netboxImportRoutes } from './routes/netboxImport.js';
import { nameRoutes } from './routes/names.js';
import { objectRoutes } from './routes/objects.js';
import { objectWriteRoutes } from './routes/objectWrites.js';
import { planRoutes } from './routes/plans.js';
import { portfolioRoutes } from './routes/portfolio.js';
import { reportRoutes } from './routes/report.js';
import { sessionRoutes, type SessionRouteOptions } from './routes/session.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRoutes } from './routes/users.js';

/** The API's route modules, in the order the OpenAPI document lists them. */
export const apiRoutes: RoutePlugin<SessionRouteOptions & BaseMapRouteOptions & NetboxRouteOptions> = async (app, { ctx, login, baseMap, netboxUrls }) => {
  for (const routes of [objectRoutes, portfolioRoutes, nameRoutes, objectWriteRoutes, historyRoutes, changeSetRoutes, reportRoutes, estateFileRoutes]) await app.register(routes, { ctx });
  await app.register(netboxImportRoutes, { ctx, netboxUrls });
  await app.register(analysisRoutes, { ctx });
  await app.register(sessionRoutes, { ctx, login });
  for (const routes of [userRoutes, tokenRoutes, planRoutes]) await app.register(routes, { ctx });
  await app.register(baseMapRoutes, { ctx, baseMap });
};
