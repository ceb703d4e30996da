/**
 * `GET /api/v1/base-map`: the style URL of the web map's base map, or null (docs/api.md); and,
 * when the style was given as a file, the style itself at `GET /api/v1/base-map/style.json`.
 */
import { BASE_MAP_STYLE_PATH, baseMapStyleUrl, type BaseMapOption } from '../baseMap.js';
import type { RouteOptions, RoutePlugin } from '../routePlugin.js';

const configSchema = { type: 'object', required: ['style'], properties: { style: { type: ['string', 'null'] } } } as const;

/** What the base map routes are given: the `serve --map-style` option, if any. */
export interface BaseMapRouteOptions extends RouteOptions {
  readonly baseMap: BaseMapOption | undefined;
}

/** Registers the base map routes (under `/api/v1`, as every route module). */
export const baseMapRoutes: RoutePlugin<BaseMapRouteOptions> = async (app, { baseMap }) => {
  const style = baseMap ? baseMapStyleUrl(baseMap) : null;
  app.get('/base-map', { config: { auth: 'viewer', tenant: true }, schema: { tags: ['web'], summary: 'The base map of the web map: its MapLibre style URL, or null (serve --map-style)', response: { 200: configSchema } } }, async () => ({ style }));
  if (baseMap && 'style' in baseMap) {
    const body = baseMap.style;
    app.get(BASE_MAP_STYLE_PATH.slice('/api/v1'.length), { config: { auth: 'viewer', tenant: true }, schema: { tags: ['web'], summary: 'The base map style given to serve --map-style as a file', response: { 200: { type: 'object', additionalProperties: true } } } }, async () => body);
  }
};
