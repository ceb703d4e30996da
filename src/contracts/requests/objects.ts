/**
 * The requests on the estate's objects (docs/api.md "Objects"): the list of a kind, one
 * object, its history, the diff between two dates, and the per-object writes (each a change
 * set of one change, described by {@link changeSetMeta}).
 */
import { changeSetStatuses } from '../../model/changeSetStatuses.js';
import { TEXT_LIMITS } from '../../model/objectSchemas.js';
import { idParam, pageQuery, viewQuery, type RequestOf } from './shared.js';

/**
 * `GET /{kind}`: the view, paging, tag, search and sort. The route adds the kind's own
 * filter fields (derived from the model's schema of the kind: one text each) and narrows
 * `sort` to the kind's fields.
 */
export const objectListQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...viewQuery,
    ...pageQuery,
    tag: { type: 'string', maxLength: 64, description: 'Only objects with this tag.' },
    q: { type: 'string', maxLength: 100, description: 'Search in id and name (case-insensitive).' },
    sort: { type: 'string', description: 'Order by this field (`-field`: descending); absent values last, then by id. Default: by id.' },
  },
} as const;

/** `GET /{kind}`'s query: the common part, and the kind's filters by field name (texts, several comma-separated). */
export type ObjectListQuerystring = RequestOf<typeof objectListQuerystring> & { readonly [filter: string]: string | number | undefined };

/** `GET /diff`: what changed between two dates (`to` default now), optionally with a plan. */
export const diffQuerystring = { type: 'object', additionalProperties: false, required: ['from'], properties: { from: viewQuery.at, to: viewQuery.at, plan: viewQuery.plan } } as const;

/** `GET /diff`'s query. */
export type DiffQuerystring = RequestOf<typeof diffQuerystring>;

/** The change set of a per-object write. Defaults: a generated id, status done (operators), effective now. */
export const changeSetMeta = {
  type: 'object',
  additionalProperties: false,
  description: 'The change set of this one change. Defaults: a generated id, status done (operators), effective now.',
  properties: {
    id: idParam,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    effective: { type: 'string', maxLength: 40 },
    status: { type: 'string', enum: changeSetStatuses.filter((s) => s !== 'cancelled') as readonly ('done' | 'scheduled' | 'proposed')[] },
    plan: idParam,
    author: { type: 'string', maxLength: 200 },
    notes: { type: 'string', maxLength: TEXT_LIMITS.notes },
  },
} as const;

/** Who, when and how: the change set the one change goes into. */
export type ChangeSetMeta = RequestOf<typeof changeSetMeta>;

/** `POST /objects`: the new object (its kind's rules are checked by the timeline) and its change set. */
export const objectCreateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['object'],
  properties: { object: { type: 'object', required: ['id', 'kind'], properties: { id: idParam, kind: { type: 'string' } }, additionalProperties: true }, changeset: changeSetMeta },
} as const;

/** `POST /objects`'s body. */
export type ObjectCreateBody = RequestOf<typeof objectCreateBody>;

/** `PATCH /objects/{id}`: a JSON merge patch of the fields, and its change set. */
export const objectPatchBody = { type: 'object', additionalProperties: false, required: ['fields'], properties: { fields: { type: 'object', minProperties: 1, additionalProperties: true }, changeset: changeSetMeta } } as const;

/** `PATCH /objects/{id}`'s body. */
export type ObjectPatchBody = RequestOf<typeof objectPatchBody>;

/** At most this many ids per `GET /names` (a page of the UI asks for far fewer). */
export const NAMES_MAX = 200;

/** `GET /names`: the names of many objects at once, at a view (comma-separated ids). */
export const namesQuerystring = {
  type: 'object',
  additionalProperties: false,
  required: ['ids'],
  properties: { ...viewQuery, ids: { type: 'string', minLength: 1, maxLength: NAMES_MAX * 65, description: 'Comma-separated ids, at most 200.' } },
} as const;

/** `GET /names`'s query. */
export type NamesQuerystring = RequestOf<typeof namesQuerystring>;
