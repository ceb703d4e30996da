/**
 * The requests of migration and restore planning (docs/planning.md, docs/api.md "Plans"):
 * accept and drop a plan, plan waves, joint operation, progress, and the restore order.
 * The wave plan and the restore plan are each one shape for the API, the CLI (whose options
 * are these, numbers as text) and the service.
 */
import { dateText, idParam, positive, solvers, viewQuery, type RequestOf } from './shared.js';

/** `POST /plans/{id}/accept`: optional; `backdate` records the past waves as done (operators). */
export const planAcceptBody = { type: ['object', 'null'], properties: { backdate: { type: 'boolean' } }, additionalProperties: false } as const;

/** `POST /plans/{id}/accept`'s body (absent: null or undefined). */
export type PlanAcceptBody = RequestOf<typeof planAcceptBody>;

/**
 * `POST /plans/waves` and `verbund plan waves`: the move of `from`'s applications to `to` in
 * dated waves. Over HTTP `timeLimit` is at most 30 seconds (the request waits for the solve);
 * the CLI allows any.
 */
export const wavePlanBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'from', 'to', 'start'],
  properties: {
    name: idParam,
    from: idParam,
    to: idParam,
    start: dateText,
    end: dateText,
    days: { type: 'string', maxLength: 40, description: 'Allowed weekdays: sat, fri,sat, mon-fri.' },
    maxApps: positive,
    maxVcpu: positive,
    targetDevices: { type: 'array', maxItems: 1000, items: idParam },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    solver: { type: 'string', enum: solvers },
    timeLimit: { type: 'number', exclusiveMinimum: 0, maximum: 30 },
    dryRun: { type: 'boolean' },
  },
} as const;

/**
 * A wave plan as asked for. `days`: allowed weekdays (default `sat`); `targetDevices`:
 * `DEVICE` (receives every instance) or `SOURCE=TARGET[+TARGET…]` entries (default by role);
 * `timeLimit`: seconds for the MIP; `dryRun`: compute, but write nothing.
 */
export type WavePlanRequest = RequestOf<typeof wavePlanBody>;

/**
 * `POST /plans/restore` and `verbund plan restore`: the restore order after a disaster. A
 * scenario file gives the same in its own words (docs/continuity.md), and `check` and
 * `report` measure the recovery targets with it. Over HTTP `timeLimit` is at most 10 seconds
 * (the MIP runs in the request); the CLI allows any.
 */
export const restorePlanBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'fail'],
  properties: {
    name: idParam,
    fail: { type: 'array', minItems: 1, maxItems: 1000, items: idParam, description: 'Failed elements: applications, devices, sites, risk groups.' },
    start: { ...dateText, description: 'When the disaster happened (date or date-time with offset; default now).' },
    slotHours: { ...positive, description: 'Length of a restore slot in hours (default 1).' },
    shifts: { type: 'string', maxLength: 60, description: 'Staff shifts, hours of the day: 06-14,14-22 (default 00-24).' },
    appsPerSlot: { ...positive, description: 'Applications restorable per slot.' },
    vcpuPerSlot: { ...positive, description: 'vCPU restorable per slot.' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    solver: { type: 'string', enum: solvers },
    timeLimit: { type: 'number', exclusiveMinimum: 0, maximum: 10, description: 'Seconds for the MIP (over HTTP at most 10, default 5; the CLI\'s default 30).' },
    dryRun: { type: 'boolean' },
  },
} as const;

/**
 * A restore order as asked for: one shape for the API's body, the CLI's options, a scenario
 * file and the service. `dryRun`: compute, but write nothing.
 */
export type RestorePlanRequest = RequestOf<typeof restorePlanBody>;

/** `GET /joint`: candidates in a view, optionally of one product. */
export const jointQuerystring = { type: 'object', additionalProperties: false, properties: { ...viewQuery, product: { type: 'string', maxLength: 200 } } } as const;

/** `GET /joint`'s query. */
export type JointQuerystring = RequestOf<typeof jointQuerystring>;

/** `POST /joint`: write the consolidation of a candidate as a plan. */
export const jointApplyBody = { type: 'object', additionalProperties: false, required: ['plan'], properties: { plan: idParam, product: { type: 'string', maxLength: 200 }, keep: idParam, effective: dateText, dryRun: { type: 'boolean' } } } as const;

/** `POST /joint`'s body. */
export type JointApplyBody = RequestOf<typeof jointApplyBody>;

/** `GET /progress`: the dates and the plan beside the baseline. */
export const progressQuerystring = { type: 'object', additionalProperties: false, properties: { from: dateText, to: dateText, plan: viewQuery.plan } } as const;

/** `GET /progress`'s query. */
export type ProgressQuerystring = RequestOf<typeof progressQuerystring>;
