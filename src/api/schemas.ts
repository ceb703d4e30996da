/**
 * Response schemas and helpers shared by the routes: a page of a list, a change-set header,
 * any object. The request schemas are in src/contracts/requests.
 */
import type { Page } from '../contracts/common.js';
import { serverTextSchema, textOf, type ServerText } from '../service/serverTexts.js';
import { changeSetStatuses, isOverdue } from '../timeline/changeSet.js';
import { nowKey } from '../timeline/time.js';

/** A page of a list: the items, the total before paging, and the paging asked for. */
export function pageSchema(item: object, extra: Record<string, object> = {}): object {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset', ...Object.keys(extra)],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, ...extra },
  };
}

/** The page `[offset, offset + limit)` of a list. */
export function page<T>(list: readonly T[], q: { limit: number; offset: number }): Page<T> {
  return { items: list.slice(q.offset, q.offset + q.limit), total: list.length, limit: q.limit, offset: q.offset };
}

/**
 * A change-set header as the API answers it: `plan` is null, never absent (see
 * {@link changeSetHeaderSchema}); `overdue` marks a scheduled change set whose date has
 * passed: still in the baseline, waiting for an operator to mark it done or cancel it
 * (docs/api.md, "Present and past").
 */
export function presentHeader<H extends { readonly plan?: string | undefined; readonly status: string; readonly effectiveKey: string; readonly title: string; readonly notes?: string | undefined }>(
  h: H,
): Omit<H, 'plan'> & { plan: string | null; overdue: boolean; text: ServerText | null; notesText?: ServerText | null } {
  return { ...h, plan: h.plan ?? null, overdue: isOverdue(h, nowKey()), text: textOf(h.title), ...(h.notes !== undefined && { notesText: textOf(h.notes) }) };
}

export const changeSetHeaderSchema = {
  type: 'object',
  required: ['id', 'title', 'effective', 'effectiveKey', 'status', 'plan', 'seq', 'revision', 'overdue'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    text: serverTextSchema,
    effective: { type: 'string', description: 'As written.' },
    effectiveKey: { type: 'string', description: 'UTC instant the timeline orders by.' },
    status: { type: 'string', enum: changeSetStatuses },
    plan: { type: ['string', 'null'] },
    author: { type: 'string' },
    notes: { type: 'string' },
    notesText: { ...serverTextSchema, description: 'The notes as a code with parameters when the server wrote them (docs/api.md, "Texts the server writes"); null for notes of a user\'s own.' },
    seq: { type: 'integer', description: 'Recording order.' },
    revision: { type: 'integer', description: 'Grows with every status change; send it back in If-Match.' },
    overdue: { type: 'boolean', description: 'Scheduled, and its date has passed: in the baseline, waiting for an operator to mark it done or cancel it.' },
    recordedBy: { type: 'string' },
    recordedAt: { type: 'string' },
  },
} as const;

/** Any JSON value (fields of objects, as in a diff). */
export const anyValue = {} as const;

/** An estate object of any kind (its kind's schema is in the kind's list route). */
export const anyObjectSchema = {
  type: 'object',
  required: ['id', 'kind'],
  additionalProperties: true,
  properties: { id: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
} as const;
