/**
 * What every mapping rule shares: the pull, the mapping file, ids, the report, and the objects
 * mapped so far (by source), so that a later rule can reference an earlier one's objects.
 */
import type { Kind } from '../../model/kinds.js';
import type { NetboxMap } from './NetboxMap.js';
import type { NetboxIds } from './NetboxIds.js';
import type { NbObject, NetboxEndpoint, NetboxPull } from './NetboxPull.js';
import { ReportBuilder } from './ImportReport.js';
import { netboxSource } from './netboxSource.js';

/** An object as the mapping wants it: id, kind, source and the fields the mapping owns. */
export interface MappedObject {
  readonly id: string;
  readonly kind: Kind;
  readonly source: string;
  readonly fields: Record<string, unknown>;
}

/** The shared state of one mapping run. */
export class MappingContext {
  readonly report = new ReportBuilder();
  /** Mapped objects by source, in mapping order. */
  readonly objects = new Map<string, MappedObject>();
  /** The links each circuit became or is carried by (for circuit groups). */
  readonly linksOfCircuit = new Map<number, MappedObject[]>();

  constructor(
    readonly pull: NetboxPull,
    readonly map: NetboxMap,
    readonly ids: NetboxIds,
  ) {}

  /** The list of an endpoint, declared in the report. */
  list(endpoint: NetboxEndpoint): readonly NbObject[] {
    const l = this.pull.lists[endpoint];
    this.report.seen(endpoint, l.length);
    return l;
  }

  /** Adds a mapped object (its id from {@link NetboxIds}); returns it. */
  add(kind: Kind, type: string, nbId: number | string, wantedId: string, fields: Record<string, unknown>): MappedObject {
    const source = netboxSource(type, nbId);
    const o: MappedObject = { id: this.ids.idFor(source, wantedId), kind, source, fields };
    this.objects.set(source, o);
    return o;
  }

  /** The mapped object of a source, if the rules made one. */
  get(type: string, nbId: number | string): MappedObject | undefined {
    return this.objects.get(netboxSource(type, nbId));
  }

  /** Adds `group` to the `risk_groups` of a mapped device or link (once). */
  joinRiskGroup(member: MappedObject, group: string): void {
    const list = (member.fields.risk_groups as string[] | undefined) ?? [];
    if (!list.includes(group)) member.fields.risk_groups = [...list, group].sort();
  }
}

/** The NetBox tags of an object as Verbund tags (`tag:<slug>`). */
export function nbTags(o: NbObject): string[] {
  return (o.tags ?? []).map((t) => `tag:${t.slug ?? t.name ?? t.id}`.slice(0, 64));
}

/** A NetBox choice field's value (`{value, label}`, a plain string in traces, or null). */
export function choiceValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { value?: unknown }).value === 'string') return (v as { value: string }).value;
  return undefined;
}

/** A brief reference's id, if set. */
export function refId(v: unknown): number | undefined {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number' ? (v as { id: number }).id : undefined;
}

/** A brief reference's field, if set. */
export function refField(v: unknown, field: 'slug' | 'name' | 'display'): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const x = (v as Record<string, unknown>)[field];
  return typeof x === 'string' ? x : undefined;
}

/** A display name of a NetBox object: name, else display, else `#id`. */
export function displayOf(o: NbObject): string {
  return (typeof o.name === 'string' && o.name !== '' ? o.name : undefined) ?? o.display ?? `#${o.id}`;
}
