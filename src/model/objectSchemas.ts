/**
 * Field schemas of every kind (BRIEF §2), as zod schemas. Unknown fields are errors: a typo
 * in an estate file must not silently vanish.
 */
import { z } from 'zod';
import { choiceValues } from './choices.js';
import { dependencyId } from './dependency.js';
import type { Kind } from './kinds.js';

/** How an id (of an object, plan or change set) is written, for messages. */
export const ID_RULE = 'a slug of lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters';

/** Object id: a slug of at most 64 characters. */
export const idSchema = z
  .string()
  .max(64, 'an id has at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id is a slug: lower-case letters, digits, ".", "_", "-", starting with a letter or digit');

const ref = idSchema;
/** A list of references; a single id is accepted and read as a list of one. */
const refList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(ref));
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
/** An availability is a probability of being up, in (0, 1]. */
export const availabilitySchema = z
  .number()
  .gt(0, 'availability must be greater than 0')
  .lte(1, 'availability must be at most 1');

/** A calendar date `YYYY-MM-DD`, or an annual one `--MM-DD` (ISO 8601 without year). */
export const dayOrAnnualSchema = z
  .string()
  .regex(/^(\d{4}|-)-(\d{2})-(\d{2})$/, 'a date is YYYY-MM-DD, or --MM-DD for every year')
  .refine((s) => isRealDay(s), 'not a real calendar date');

function isRealDay(s: string): boolean {
  const [y, m, d] = s.startsWith('--') ? [2000, Number(s.slice(2, 4)), Number(s.slice(5, 7))] : s.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCMonth() === m! - 1 && date.getUTCDate() === d!;
}

/**
 * Limits of free text (docs/file-format.md, "Limits"): names and short texts fit a table
 * cell, notes a page. Without them one 10 MB note would ride along in every read of the estate.
 */
export const TEXT_LIMITS = { short: 200, notes: 10_000, tags: 100 } as const;

/** A short free text (address, product, reason, …). */
const shortText = z.string().max(TEXT_LIMITS.short);

const base = {
  id: idSchema,
  name: z.string().min(1).max(TEXT_LIMITS.short),
  tags: z.array(z.string().min(1).max(64)).max(TEXT_LIMITS.tags).optional(),
  notes: z.string().max(TEXT_LIMITS.notes).optional(),
  /** Where an imported object came from, e.g. `netbox:dcim.device:27` (docs/netbox.md). */
  source: shortText.min(1).optional(),
};

const reliability = {
  availability: availabilitySchema.optional(),
  mtbf_h: positive.optional(),
  mttr_h: nonNegative.optional(),
};

function reliabilityRule(v: { mtbf_h?: number | undefined; mttr_h?: number | undefined; availability?: number | undefined }, ctx: z.RefinementCtx): void {
  if ((v.mtbf_h === undefined) !== (v.mttr_h === undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.mtbf_h === undefined ? 'mtbf_h' : 'mttr_h'], message: 'mtbf_h and mttr_h go together' });
  }
  if (v.availability !== undefined && v.mtbf_h !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['availability'], message: 'give availability or mtbf_h+mttr_h, not both' });
  }
}

export const organizationSchema = z.strictObject({
  ...base,
  kind: z.literal('organization'),
  type: z.enum(choiceValues('organizationType')),
  // The official key (AGS): 8 digits for a municipality, 5 for a district, 2 or 3 above.
  ags: z.string().regex(/^(\d{2}|\d{3}|\d{5}|\d{8})$/, 'an AGS (Amtlicher Gemeindeschlüssel) has 8 digits (municipality), 5 (district), 3 or 2').optional(),
  member_of: refList.optional(),
  customer_of: refList.optional(),
});

export const siteSchema = z.strictObject({
  ...base,
  kind: z.literal('site'),
  type: z.enum(choiceValues('siteType')),
  organization: ref.optional(),
  location: z
    .strictObject({
      lat: z.number().min(-90, 'latitude is in [-90, 90]').max(90, 'latitude is in [-90, 90]'),
      lon: z.number().min(-180, 'longitude is in [-180, 180]').max(180, 'longitude is in [-180, 180]'),
    })
    .optional(),
  address: shortText.optional(),
  certification: shortText.optional(),
  capacity: z.strictObject({ racks: nonNegative.optional(), power_kw: nonNegative.optional() }).optional(),
});

export const riskGroupSchema = z.strictObject({
  ...base,
  kind: z.literal('risk-group'),
  type: z.enum(choiceValues('riskGroupType')),
  /** Input only: members may be listed here; the store keeps them on the members. */
  members: refList.optional(),
  availability: availabilitySchema.optional(),
});

export const deviceSchema = z
  .strictObject({
    ...base,
    kind: z.literal('device'),
    site: ref,
    role: z.enum(choiceValues('deviceRole')),
    ...reliability,
    capacity: z
      .strictObject({
        vcpu: nonNegative.optional(),
        ram_gb: nonNegative.optional(),
        storage_tb: nonNegative.optional(),
        rack_units: nonNegative.optional(),
        power_kw: nonNegative.optional(),
      })
      .optional(),
    status: z.enum(choiceValues('deviceStatus')).optional(),
    risk_groups: refList.optional(),
  })
  .superRefine(reliabilityRule);

export const linkSchema = z
  .strictObject({
    ...base,
    name: base.name.optional(),
    kind: z.literal('link'),
    a: ref,
    b: ref,
    type: z.enum(choiceValues('linkType')),
    carrier: ref.optional(),
    length_km: nonNegative.optional(),
    capacity_gbps: nonNegative.optional(),
    risk_groups: refList.optional(),
    /** Links of one redundancy group are declared redundant to each other; `check` proves or refutes it (docs/analysis.md). */
    redundancy_group: z.string().min(1).max(64).optional(),
    ...reliability,
  })
  .superRefine(reliabilityRule)
  .superRefine((v, ctx) => {
    if (v.a === v.b) ctx.addIssue({ code: 'custom', path: ['b'], message: `a link cannot connect ${v.a} to itself` });
  });

/**
 * BSI 200-4 recovery targets (docs/continuity.md). Durations are hours. The recovery time
 * (WAZ/RTO) must fit inside the maximum tolerable downtime (MTA): the MTA includes the time
 * to notice and decide, so a WAZ above it can never be met.
 */
export const recoverySchema = z
  .strictObject({
    mtd_h: positive.optional(),
    rto_h: positive.optional(),
    rpo_h: nonNegative.optional(),
    emergency_level: z.number().gt(0, 'emergency_level is a share of normal service in (0, 1]').lte(1, 'emergency_level is a share of normal service in (0, 1]').optional(),
    criticality: z.enum(choiceValues('criticality')).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.rto_h !== undefined && v.mtd_h !== undefined && v.rto_h > v.mtd_h) {
      ctx.addIssue({ code: 'custom', path: ['rto_h'], message: `the recovery time (WAZ/RTO, ${v.rto_h} h) cannot exceed the maximum tolerable downtime (MTA, ${v.mtd_h} h)` });
    }
  });

/** Recovery targets of an application, or a municipality's tighter ones on a usage. */
export type Recovery = z.infer<typeof recoverySchema>;

const dependencySchema = z.union([
  ref,
  z.strictObject({ application: ref, coupling: z.enum(choiceValues('coupling')).optional() }),
]);

export const applicationSchema = z
  .strictObject({
    ...base,
    kind: z.literal('application'),
    category: shortText.optional(),
    product: shortText.optional(),
    version: shortText.optional(),
    operator: ref.optional(),
    instances: refList.optional(),
    depends_on: z.array(dependencySchema).optional(),
    status: z.enum(choiceValues('applicationStatus')).optional(),
    target_availability: availabilitySchema.optional(),
    recovery: recoverySchema.optional(),
    size: z
      .strictObject({ vcpu: nonNegative.optional(), ram_gb: nonNegative.optional(), storage_tb: nonNegative.optional() })
      .optional(),
    blackouts: z
      .array(
        z
          .strictObject({ from: dayOrAnnualSchema, to: dayOrAnnualSchema, reason: shortText.optional() })
          // Both ends annual (`--12-15` … `--01-31`, may wrap the year end) or both dated (from ≤ to):
          // a mixed range has no meaning, and a reversed dated one would silently cover no day.
          .superRefine((b, ctx) => {
            const annual = [b.from, b.to].map((v) => v.startsWith('--'));
            if (annual[0] !== annual[1]) ctx.addIssue({ code: 'custom', path: ['to'], message: `"${b.from}" … "${b.to}" mixes an annual (--MM-DD) and a dated (YYYY-MM-DD) end; write both ends the same way` });
            else if (!annual[0] && b.to < b.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `"${b.to}" is before "${b.from}": a dated blackout runs from its first to its last day` });
          }),
      )
      .optional(),
  })
  .superRefine(dependencyRule);

/**
 * An application never depends on itself, and names each dependency once: two entries
 * could state two couplings, and one of them would be lost. (Cycles through other
 * applications are legal; they are warned about, see docs/analysis.md.)
 */
function dependencyRule(v: { id: string; depends_on?: Dependency[] | undefined }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  v.depends_on?.forEach((d, i) => {
    const id = dependencyId(d);
    if (id === v.id) ctx.addIssue({ code: 'custom', path: ['depends_on', i], message: `an application cannot depend on itself ("${id}")` });
    else if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['depends_on', i], message: `"${id}" is named twice; name each dependency once (with its coupling)` });
    seen.add(id);
  });
}

export const usageSchema = z.strictObject({
  ...base,
  name: base.name.optional(),
  kind: z.literal('usage'),
  tenant: ref,
  application: ref,
  sites: refList,
  users: z.number().int().nonnegative().optional(),
  /** Tighter targets for this municipality; the tighter of usage and application applies. */
  recovery: recoverySchema.optional(),
});

/** A calendar date `YYYY-MM-DD`. */
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((s) => isRealDay(s), 'not a real calendar date');

/**
 * An accepted risk (docs/analysis.md "Accepted risks"): the operator accepts that one
 * failure element breaks services, until a review date.
 */
export const riskAcceptanceSchema = z
  .strictObject({
    ...base,
    kind: z.literal('risk-acceptance'),
    /** The accepted single point of failure: a device, link, site or risk group. */
    element: ref,
    reason: z.string().min(1, 'give the reason the risk is accepted'),
    accepted_by: z.string().min(1).max(200),
    accepted_on: daySchema,
    review_by: daySchema,
  })
  .superRefine((v, ctx) => {
    if (v.review_by < v.accepted_on) ctx.addIssue({ code: 'custom', path: ['review_by'], message: `review_by ${v.review_by} is before accepted_on ${v.accepted_on}` });
  });

/**
 * A failover test (or a real failure that served as one): what was failed, when, and how it
 * went (docs/continuity.md). `check` reads the latest test of each element and its next due date.
 */
export const failoverTestSchema = z
  .strictObject({
    ...base,
    kind: z.literal('failover-test'),
    date: daySchema,
    failed: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(ref).min(1, 'name at least one failed element')),
    mode: z.enum(choiceValues('failoverMode')),
    result: z.enum(choiceValues('failoverResult')),
    findings: z.string().optional(),
    next_due: daySchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.next_due !== undefined && v.next_due <= v.date) ctx.addIssue({ code: 'custom', path: ['next_due'], message: `the next test (${v.next_due}) must come after this one (${v.date})` });
  });

/** Schema of each kind. */
export const objectSchemas = {
  organization: organizationSchema,
  site: siteSchema,
  'risk-group': riskGroupSchema,
  device: deviceSchema,
  link: linkSchema,
  application: applicationSchema,
  usage: usageSchema,
  'risk-acceptance': riskAcceptanceSchema,
  'failover-test': failoverTestSchema,
} as const satisfies Record<Kind, z.ZodType>;

export type Organization = z.infer<typeof organizationSchema>;
export type Site = z.infer<typeof siteSchema>;
export type RiskGroup = z.infer<typeof riskGroupSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type Link = z.infer<typeof linkSchema>;
export type Application = z.infer<typeof applicationSchema>;
export type Usage = z.infer<typeof usageSchema>;
export type RiskAcceptance = z.infer<typeof riskAcceptanceSchema>;
export type FailoverTest = z.infer<typeof failoverTestSchema>;
/** A dependency of an application: an id (loose) or an id with its coupling. */
export type Dependency = z.infer<typeof dependencySchema>;

/** Any estate object, validated. */
export type EstateObject = Organization | Site | RiskGroup | Device | Link | Application | Usage | RiskAcceptance | FailoverTest;
