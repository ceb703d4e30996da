/**
 * The requests of migration and restore planning (docs/planning.md, docs/api.md "Plans"):
 * accept and drop a plan, plan waves, joint operation, progress, and the restore order.
 * The wave plan and the restore plan are each one shape for the API, the CLI (whose options
 * are these, numbers as text) and the service.
 */
import { dateText, idParam, positive, solvers, viewQuery, type RequestOf, type Solver } from './shared.js';

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
 * A restore order as asked for (`verbund plan restore`; a scenario file gives the same in
 * its own words, docs/continuity.md). No route takes it yet.
 */
export interface RestorePlanRequest {
  readonly name: string;
  /** Failed elements: applications, devices, sites, risk groups. */
  readonly fail: readonly string[];
  /** When the disaster happened (date or date-time with offset; default now). */
  readonly start?: string | undefined;
  /** Length of a restore slot in hours (default 1). */
  readonly slotHours?: number | undefined;
  /** Staff shifts, e.g. `06-14,14-22` (default `00-24`). */
  readonly shifts?: string | undefined;
  /** Applications restorable per slot. */
  readonly appsPerSlot?: number | undefined;
  /** vCPU restorable per slot. */
  readonly vcpuPerSlot?: number | undefined;
  readonly title?: string | undefined;
  readonly solver?: Solver | undefined;
  /** Seconds for the MIP (default 30). */
  readonly timeLimit?: number | undefined;
  readonly dryRun?: boolean | undefined;
}

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
