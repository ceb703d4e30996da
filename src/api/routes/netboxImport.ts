/**
 * POST /api/v1/import/netbox: a live NetBox pull as a sync (docs/netbox.md, docs/api.md).
 * The token travels in the body, is used for the pull and is neither logged (request logs
 * hold no bodies) nor stored nor answered. Recorded pulls (`--from`) stay a CLI feature: the
 * server never opens a path a client names.
 */
import { netboxImportBody } from '../../contracts/requests/estateFiles.js';
import { fetchNetboxPull } from '../../interop/netbox/fetchNetboxPull.js';
import { parseNetboxMap } from '../../interop/netbox/NetboxMap.js';
import { syncNetbox } from '../../service/NetboxSync.js';
import type { RoutePlugin } from '../routePlugin.js';

const objectList = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** Registers POST /api/v1/import/netbox. */
export const netboxImportRoutes: RoutePlugin = async (app, { ctx }) => {
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
      const map = req.body.map === undefined ? {} : parseNetboxMap(req.body.map, 'map');
      const pull = await fetchNetboxPull({ url: req.body.url, token: req.body.token });
      const r = await syncNetbox(ctx.writer(req), pull, { map, mapFile: 'map', dryRun: req.body.dry_run ?? false });
      return reply.status(r.changeset ? 201 : 200).send(r);
    },
  );
};
