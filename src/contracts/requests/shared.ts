/**
 * Pieces the request schemas share: ids, the view of the timeline (`at`, `plan`), paging,
 * dates. Each schema is a JSON Schema literal (`as const`): Fastify validates requests with
 * it (Ajv) and the routes' handler types are derived from it (json-schema-to-ts), so a
 * request's shape is written once (docs/design.md, "Contracts").
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** The type a request schema describes: what a handler receives after validation (defaults filled in). */
export type RequestOf<S extends JSONSchema> = FromSchema<S>;

/** An object, plan or change set id. */
export const idParam = { type: 'string', maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' } as const;

/** Path parameters of a route on one object, plan or change set: `{id}`. */
export const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;

/** `{id}` of a route. */
export type IdParams = RequestOf<typeof idParams>;

/** A date (YYYY-MM-DD) or date-time with offset, as text. */
export const dateText = { type: 'string', maxLength: 40 } as const;

/** `at` and `plan`: which view of the timeline to read. */
export const viewQuery = {
  at: { ...dateText, description: 'Date (YYYY-MM-DD) or date-time with offset; default now.' },
  plan: { ...idParam, description: 'Overlay the proposed change sets of this plan.' },
} as const;

/** A query string of `at` and `plan` only. */
export const viewOnlyQuery = { type: 'object', additionalProperties: false, properties: viewQuery } as const;

/** Which view of the timeline to read. */
export type View = RequestOf<typeof viewOnlyQuery>;

/** `limit` and `offset` of a list. */
export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

/** `If-Match` of a write: the revision read (an ETag), or `*`. */
export const ifMatchHeaders = { type: 'object', properties: { 'if-match': { type: 'string', maxLength: 60 } } } as const;

/** A number above zero. */
export const positive = { type: 'number', exclusiveMinimum: 0 } as const;

/** The solvers of the planning use cases: `mip` optimal (or the gap at the time limit), `greedy` fast. */
export const solvers = ['mip', 'greedy'] as const;

/** A solver of the planning use cases. */
export type Solver = (typeof solvers)[number];
