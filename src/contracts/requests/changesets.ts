/**
 * The requests on change sets (docs/api.md "Change sets"): list, add (the estate file
 * format's `{plans, changesets}`, docs/file-format.md) and status changes. Object fields are
 * checked by the timeline, which knows every kind's rules and lists every problem; these
 * schemas check the shape.
 */
import { changeSetStatuses } from '../../model/changeSetStatuses.js';
import { TEXT_LIMITS } from '../../model/objectSchemas.js';
import { dateText, idParam, pageQuery, viewQuery, type RequestOf } from './shared.js';

const fields = { type: 'object', required: ['id'], properties: { id: idParam }, additionalProperties: true } as const;

/** One change: `{create: {...}}`, `{update: {id, ...}}` or `{delete: id}`. */
export const changeSchema = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: { create: fields, update: fields, delete: idParam },
} as const;

/** `GET /changesets`: by status, plan and the instant they take effect, paged. */
export const changeSetListQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: changeSetStatuses },
    plan: idParam,
    effective: { ...dateText, description: 'Only the change sets that take effect at this instant (a date is its midnight UTC), as `GET /timeline` lists them.' },
    ...pageQuery,
  },
} as const;

/** `GET /changesets`'s query. */
export type ChangeSetListQuerystring = RequestOf<typeof changeSetListQuerystring>;

/** `POST /changesets`: plans and change sets, as one transaction. */
export const changeSetsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['changesets'],
  properties: {
    plans: {
      type: 'array',
      maxItems: 1000,
      items: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: idParam, title: { type: 'string', maxLength: 200 }, notes: { type: 'string', maxLength: TEXT_LIMITS.notes } } },
    },
    changesets: {
      type: 'array',
      minItems: 1,
      maxItems: 10000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'effective', 'status', 'changes'],
        properties: {
          id: idParam,
          title: { type: 'string', minLength: 1, maxLength: 200 },
          effective: { type: 'string', maxLength: 40 },
          status: { type: 'string', enum: changeSetStatuses },
          plan: idParam,
          author: { type: 'string', maxLength: 200 },
          notes: { type: 'string', maxLength: TEXT_LIMITS.notes },
          changes: { type: 'array', maxItems: 100000, items: changeSchema },
        },
      },
    },
  },
} as const;

/** `POST /changesets`'s body. */
export type ChangeSetsBody = RequestOf<typeof changeSetsBody>;

/** `PATCH /changesets/{id}`: the new status. */
export const changeSetStatusBody = { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: changeSetStatuses } } } as const;

/** `PATCH /changesets/{id}`'s body. */
export type ChangeSetStatusBody = RequestOf<typeof changeSetStatusBody>;

/** `GET /timeline`: the dates where a view changes; `plan` overlays a plan's proposed change sets. */
export const timelineQuerystring = { type: 'object', additionalProperties: false, properties: { plan: viewQuery.plan } } as const;

/** `GET /timeline`'s query. */
export type TimelineQuerystring = RequestOf<typeof timelineQuerystring>;
