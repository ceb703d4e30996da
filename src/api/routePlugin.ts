/**
 * The shape of a route module: a Fastify plugin, registered under `/api/v1` by
 * {@link apiRoutes}, whose handlers take their request types from the request schemas in
 * src/contracts/requests (docs/design.md, "Contracts").
 */
import type { FastifyPluginAsync, FastifyTypeProvider, RawServerDefault } from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { ApiContext } from './ApiContext.js';

/**
 * Fastify's type provider for json-schema-to-ts, for requests only: `params`, `querystring`,
 * `headers` and `body` are typed by their schemas (as Ajv fills defaults, a property with a
 * default is present). Answers are typed by the services' result types, not by the response
 * schemas: most of those pass a result through whole (`additionalProperties: true`, the
 * published schema in docs/schemas being the contract), and typing them would demand an index
 * signature of every result.
 */
export interface RequestSchemaProvider extends FastifyTypeProvider {
  validator: this['schema'] extends JSONSchema ? FromSchema<this['schema']> : unknown;
  serializer: unknown;
}

/** What every route module is given. */
export interface RouteOptions {
  /** The services over the app's store. */
  readonly ctx: ApiContext;
}

/** A route module: its handlers' `params`, `query`, `headers` and `body` are typed by their schemas. */
export type RoutePlugin<Options extends RouteOptions = RouteOptions> = FastifyPluginAsync<Options, RawServerDefault, RequestSchemaProvider>;
