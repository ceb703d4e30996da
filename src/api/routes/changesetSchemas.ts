/**
 * The request schema of `POST /api/v1/changesets`: the estate file format's `plans` and
 * `changesets` (docs/file-format.md). Object fields are checked by the timeline, which
 * knows every kind's rules and lists every problem; this schema checks the shape.
 */
import { TEXT_LIMITS } from '../../model/objectSchemas.js';
import { changeSetStatuses, type ChangeSetStatus } from '../../timeline/changeSet.js';
import { idParam } from '../schemas.js';

/** Every status. */
export const statuses: ChangeSetStatus[] = [...changeSetStatuses];

const fields = { type: 'object', required: ['id'], properties: { id: idParam }, additionalProperties: true } as const;

/** One change: `{create: {...}}`, `{update: {id, ...}}` or `{delete: id}`. */
export const changeSchema = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: { create: fields, update: fields, delete: idParam },
} as const;

/** The body: plans and change sets. */
export const changeSetsBodySchema = {
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
          status: { type: 'string', enum: statuses },
          plan: idParam,
          author: { type: 'string', maxLength: 200 },
          notes: { type: 'string', maxLength: TEXT_LIMITS.notes },
          changes: { type: 'array', maxItems: 100000, items: changeSchema },
        },
      },
    },
  },
} as const;

/** The body as the route reads it. */
export interface ChangeSetsBody {
  plans?: { id: string; title?: string; notes?: string }[];
  changesets: { id: string; title: string; effective: string; status: ChangeSetStatus; plan?: string; author?: string; notes?: string; changes: Record<string, unknown>[] }[];
}
