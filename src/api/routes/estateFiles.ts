/**
 * Estate files over HTTP: export (the whole timeline, or the estate at a date and what
 * follows) and import (a document with top-level objects, plans and change sets, as one
 * transaction). Both travel in the request or the answer: the server never opens a path
 * a client names.
 */
import { exportQuerystring, importBody, importQuerystring } from '../../contracts/requests/estateFiles.js';
import { stringify } from 'yaml';
import { fullDocument, snapshotDocument } from '../../interop/toFileDocument.js';
import { errorBodySchema } from '../errorHandling.js';
import type { RoutePlugin } from '../routePlugin.js';

/** Registers GET /export and POST /import. */
export const estateFileRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/export',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['estate files'],
        summary: 'The timeline as an estate file; with at (and plan), the estate then and what follows',
        querystring: exportQuerystring,
        produces: ['application/json', 'application/yaml'],
        response: { 200: { description: 'An estate file (docs/file-format.md)', type: 'object', additionalProperties: true } },
      },
    },
    async (req, reply) => {
      const { at, plan, format } = req.query;
      const [changeSets, plans] = await Promise.all([ctx.estates.changeSetsWithChanges(), ctx.estates.plans()]);
      let doc;
      if (at === undefined && plan === undefined) doc = fullDocument(changeSets, plans);
      else {
        const { at: key, estate } = await ctx.estates.estate({ at, plan });
        doc = snapshotDocument(key, estate.values(), changeSets, plans);
      }
      if (format === 'json') return doc;
      // Serialised here: the JSON serializer of the route does not apply to YAML.
      return reply.type('application/yaml; charset=utf-8').serializer((x) => x as string).send(stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
    },
  );

  app.post(
    '/import',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['estate files'],
        summary: 'Import an estate document (JSON) as one transaction: all or nothing, every problem listed',
        description: 'The body is an estate file as JSON (docs/file-format.md): top-level objects by section, plans, change sets.',
        querystring: importQuerystring,
        body: importBody,
        response: {
          201: {
            type: 'object',
            required: ['changesets', 'objects', 'warnings'],
            properties: {
              changesets: { type: 'array', items: { type: 'string' } },
              objects: { type: 'integer' },
              // Legal but worth a look (a dependency cycle), as problems are: with change set, id, field, path.
              warnings: errorBodySchema.properties.error.properties.details,
            },
          },
        },
      },
    },
    async (req, reply) => {
      // Operators only (the route's role), who may mark change sets done: the file is read into change sets where it is written, not on the request thread.
      const r = await ctx.writer(req).importFile(req.body, { effective: req.query.effective, changeset: req.query.changeset });
      return reply.status(201).send({ changesets: r.added.map((c) => c.id), objects: r.objects, warnings: r.warnings.map(({ code: _, ...w }) => w) });
    },
  );
};
