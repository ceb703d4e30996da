/**
 * POST /api/v1/import/netbox: a live NetBox pull as a sync (docs/netbox.md, docs/api.md).
 * The token travels in the body, is used for the pull and is neither logged (request logs
 * hold no bodies) nor stored nor answered. Recorded pulls (`--from`) stay a CLI feature: the
 * server never opens a path a client names.
 */
import type { FastifyInstance } from 'fastify';
import { fetchNetboxPull } from '../../interop/netbox/fetchNetboxPull.js';
import { parseNetboxMap } from '../../interop/netbox/NetboxMap.js';
import { syncNetbox } from '../../service/NetboxSync.js';
import type { ApiContext } from '../ApiContext.js';

interface NetboxImportBody {
  url: string;
  token: string;
  dry_run?: boolean;
  map?: Record<string, unknown>;
}

const objectList = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** Registers POST /api/v1/import/netbox. */
export function netboxImportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post<{ Body: NetboxImportBody }>(
    '/api/v1/import/netbox',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['estate files'],
        summary: 'Pull a NetBox and write what changed as one done change set (author "netbox sync"); dry_run only answers the difference',
        description: 'The mapping file (docs/netbox.md) goes in `map` as JSON. 201 when a change set was written, 200 when nothing changed or on a dry run.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url', 'token'],
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 2000, description: 'Base URL of the NetBox, e.g. https://netbox.example' },
            token: { type: 'string', minLength: 1, maxLength: 500, description: 'NetBox API token (read rights); used once, never stored' },
            dry_run: { type: 'boolean', default: false },
            map: { type: 'object', additionalProperties: true },
          },
        },
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
}
