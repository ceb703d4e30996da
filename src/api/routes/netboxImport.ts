/**
 * POST /api/v1/import/netbox: a live NetBox pull as a sync (docs/netbox.md, docs/api.md).
 * The token travels in the body, is used for the pull and is neither logged (request logs
 * hold no bodies) nor stored nor answered. Recorded pulls (`--from`) stay a CLI feature: the
 * server never opens a path a client names — nor a URL: it pulls only from the NetBox
 * instances it was started with (`serve --netbox-url`), listed by GET /api/v1/import/netbox.
 */
import { netboxImportBody } from '../../contracts/requests/estateFiles.js';
import { fetchNetboxPull, netboxBase } from '../../interop/netbox/fetchNetboxPull.js';
import { parseNetboxMap } from '../../interop/netbox/NetboxMap.js';
import { VerbundError } from '../../model/errors.js';
import { syncNetbox } from '../../service/NetboxSync.js';
import type { RouteOptions, RoutePlugin } from '../routePlugin.js';

const objectList = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** What the NetBox routes are given: the `serve --netbox-url` option. */
export interface NetboxRouteOptions extends RouteOptions {
  readonly netboxUrls: readonly string[];
}

/** A NetBox's base URL as the pull uses it (origin and path, no trailing `/`, no `/api`). */
function normalized(url: string): string {
  const b = netboxBase(url);
  return `${b.origin}${b.prefix}`;
}

/** Registers GET and POST /api/v1/import/netbox. */
export const netboxImportRoutes: RoutePlugin<NetboxRouteOptions> = async (app, { ctx, netboxUrls }) => {
  // Normalized once at start: a wrong --netbox-url fails the server's start, not a request.
  const allowed = netboxUrls.map(normalized);
  app.get(
    '/import/netbox',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['estate files'],
        summary: 'The NetBox instances this server may pull (serve --netbox-url); empty: the live sync is off',
        response: { 200: { type: 'object', required: ['urls'], properties: { urls: { type: 'array', items: { type: 'string' } } } } },
      },
    },
    async () => ({ urls: allowed }),
  );
  app.post(
    '/import/netbox',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['estate files'],
        summary: 'Pull a NetBox and write what changed as one done change set (author "netbox sync"); dry_run only answers the difference',
        description: 'The mapping file (docs/netbox.md) goes in `map` as JSON. 201 when a change set was written, 200 when nothing changed or on a dry run.',
        body: netboxImportBody,
        response: {
          '2xx': {
            type: 'object',
            required: ['url', 'version', 'pulledAt', 'dryRun', 'diff', 'objects', 'report'],
            properties: {
              url: { type: 'string' },
              version: { type: 'string' },
              pulledAt: { type: 'string' },
              changeset: { type: 'string' },
              dryRun: { type: 'boolean' },
              diff: {
                type: 'object',
                required: ['added', 'removed', 'changed', 'changes'],
                properties: { added: objectList, removed: objectList, changed: objectList, changes: { type: 'integer' } },
              },
              objects: { type: 'object', additionalProperties: { type: 'integer' } },
              report: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const url = normalized(req.body.url);
      // Before anything else: an operator must not make the server fetch an address of their
      // choosing inside its network (server-side request forgery).
      if (!allowed.includes(url)) {
        const message = allowed.length === 0 ? 'this server pulls from no NetBox: its administrator starts it with --netbox-url <url>' : `${url} is not one of the NetBox instances this server may pull: ${allowed.join(', ')}`;
        throw new VerbundError('NETBOX_NOT_ALLOWED', message, [{ code: 'NETBOX_NOT_ALLOWED', message, field: 'url' }]);
      }
      const map = req.body.map === undefined ? {} : parseNetboxMap(req.body.map, 'map');
      const pull = await fetchNetboxPull({ url, token: req.body.token });
      const r = await syncNetbox(ctx.writer(req), pull, { map, mapFile: 'map', dryRun: req.body.dry_run ?? false });
      return reply.status(r.changeset ? 201 : 200).send(r);
    },
  );
};
