/**
 * Which fields of which kind reference which other kinds. One table drives validation
 * (dangling references), the reverse index (who references X) and deletion rules.
 */
import type { Kind } from './kinds.js';

/** A reference field of a kind. */
export interface ReferenceSpec {
  readonly field: string;
  /** Kinds the reference may point to. */
  readonly kinds: readonly Kind[];
  /** Pulls the referenced ids out of the field value. */
  readonly read: (value: unknown) => readonly string[];
}

/** One reference found in an object. */
export interface Reference {
  readonly field: string;
  readonly target: string;
  readonly kinds: readonly Kind[];
}

const one = (v: unknown): readonly string[] => (typeof v === 'string' ? [v] : []);
const many = (v: unknown): readonly string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const dependencies = (v: unknown): readonly string[] =>
  Array.isArray(v)
    ? v.flatMap((d: unknown) =>
        typeof d === 'string' ? [d] : d !== null && typeof d === 'object' && typeof (d as { application?: unknown }).application === 'string' ? [(d as { application: string }).application] : [],
      )
    : [];

/** Reference fields per kind. */
export const referenceSpecs: Readonly<Record<Kind, readonly ReferenceSpec[]>> = {
  organization: [
    { field: 'member_of', kinds: ['organization'], read: many },
    { field: 'customer_of', kinds: ['organization'], read: many },
  ],
  site: [{ field: 'organization', kinds: ['organization'], read: one }],
  'risk-group': [],
  device: [
    { field: 'site', kinds: ['site'], read: one },
    { field: 'risk_groups', kinds: ['risk-group'], read: many },
  ],
  link: [
    { field: 'a', kinds: ['device', 'site'], read: one },
    { field: 'b', kinds: ['device', 'site'], read: one },
    { field: 'carrier', kinds: ['organization'], read: one },
    { field: 'risk_groups', kinds: ['risk-group'], read: many },
  ],
  application: [
    { field: 'operator', kinds: ['organization'], read: one },
    { field: 'instances', kinds: ['device'], read: many },
    { field: 'depends_on', kinds: ['application'], read: dependencies },
  ],
  usage: [
    { field: 'tenant', kinds: ['organization'], read: one },
    { field: 'application', kinds: ['application'], read: one },
    { field: 'sites', kinds: ['site'], read: many },
  ],
  'risk-acceptance': [{ field: 'element', kinds: ['device', 'link', 'site', 'risk-group'], read: one }],
  'failover-test': [{ field: 'failed', kinds: ['site', 'device', 'link', 'risk-group', 'application'], read: many }],
};

/** Every reference an object holds, with the field it is in. */
export function referencesOf(obj: { kind: Kind } & Record<string, unknown>): Reference[] {
  const out: Reference[] = [];
  for (const spec of referenceSpecs[obj.kind]) {
    const value = obj[spec.field];
    if (value === undefined) continue;
    for (const target of spec.read(value)) out.push({ field: spec.field, target, kinds: spec.kinds });
  }
  return out;
}

/** A field of a kind that may reference objects of another kind. */
export interface ReferringField {
  readonly kind: Kind;
  readonly field: string;
}

/**
 * Where objects may point at an object of `kind`: every reference field of every kind (in
 * kind order) whose target kinds include it. The object page lists its referrers by these.
 */
export function referringFields(kind: Kind): ReferringField[] {
  return (Object.keys(referenceSpecs) as Kind[]).flatMap((k) => referenceSpecs[k].filter((r) => r.kinds.includes(kind)).map((r) => ({ kind: k, field: r.field })));
}

/** The distinct ids an object references, in any field (what the store's reverse index holds of it). */
export function referencedIds(obj: { kind: Kind } & Record<string, unknown>): string[] {
  return [...new Set(referencesOf(obj).map((r) => r.target))];
}
