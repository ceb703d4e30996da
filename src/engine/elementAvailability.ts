/**
 * The availability of every failure element of a projection (BRIEF §4, "Availability"):
 * explicit `availability`, else `mtbf_h / (mtbf_h + mttr_h)`, else a documented default per
 * kind and type (docs/availability.md). Fibre defaults scale with `length_km`.
 *
 * Sites are not independent failure elements here: the model gives a site no availability,
 * so a site fails only through its devices and the risk groups they are in. The node of a
 * site without devices never fails.
 */
import type { StoredObject } from '../timeline/Estate.js';
import { DEVICE_NODE, objectsOf, type ObjectSource, type Projection } from './projection.js';

/** Hours in a (365-day) year. */
export const HOURS_PER_YEAR = 8760;

/** A default given as mean time between failures and mean time to repair, in hours. */
export interface MtbfMttr {
  readonly mtbf_h: number;
  readonly mttr_h: number;
}

/** The defaults used where an element gives neither `availability` nor MTBF/MTTR. */
export interface AvailabilityDefaults {
  /** Per device role. */
  readonly device: Readonly<Record<string, MtbfMttr>>;
  /** Per link type other than fibre (fibre scales with length, see below). */
  readonly link: Readonly<Record<string, MtbfMttr>>;
  /**
   * Fibre: cable cuts per 1000 km of route per year. The default 2.73 is the often quoted
   * 4.39 cuts per 1000 sheath-miles (docs/availability.md gives the source and caveats).
   */
  readonly fibreCutsPer1000kmYear: number;
  /** Fibre: mean time to repair a cut, hours. */
  readonly fibreMttrH: number;
  /** Fibre without `length_km` whose ends are at one site (a patch cable in the building), km. */
  readonly fibreIntraSiteKm: number;
  /** Fibre without `length_km` between two sites, km. */
  readonly fibreDefaultKm: number;
  /** Per risk-group type: the availability of the shared risk (a common-cause failure). */
  readonly riskGroup: Readonly<Record<string, number>>;
  /** Anything of a role or type not listed (a choice added later). */
  readonly fallback: MtbfMttr;
}

const a = (mtbf_h: number, mttr_h: number): MtbfMttr => ({ mtbf_h, mttr_h });
/** The MTBF/MTTR pair of a fixed availability with the given repair time. */
const fixed = (availability: number, mttr_h: number): MtbfMttr => a((availability * mttr_h) / (1 - availability), mttr_h);

/**
 * The documented defaults (docs/availability.md explains each figure). They are planning
 * assumptions of the right order of magnitude, not measurements: give `availability` or
 * `mtbf_h`/`mttr_h` where the operator knows better.
 */
export const DEFAULT_AVAILABILITY: AvailabilityDefaults = Object.freeze({
  device: Object.freeze({
    router: a(200_000, 4),
    switch: a(250_000, 4),
    firewall: a(100_000, 4),
    access: a(100_000, 8),
    server: a(50_000, 8),
    cluster: a(500_000, 24),
    storage: a(300_000, 6),
    other: a(50_000, 8),
  }),
  link: Object.freeze({
    copper: a(500_000, 2),
    radio: fixed(0.9999, 4),
    'leased-line': fixed(0.999, 8),
    vpn: fixed(0.995, 4),
    virtual: a(Infinity, 0),
  }),
  fibreCutsPer1000kmYear: 2.73,
  fibreMttrH: 12,
  fibreIntraSiteKm: 0.1,
  fibreDefaultKm: 10,
  riskGroup: Object.freeze({
    trench: 0.99995,
    duct: 0.99995,
    bridge: 0.99999,
    building: 0.99999,
    power: 0.9999,
    carrier: 0.9999,
    other: 0.9999,
  }),
  fallback: a(50_000, 8),
});

/** Where an element's availability came from. */
export type AvailabilitySource = 'availability' | 'mtbf' | 'default' | 'site';

/** One element's availability and its origin. */
export interface ElementAvailability {
  readonly availability: number;
  /** `1 - availability`, computed without cancellation where the input allows. */
  readonly unavailability: number;
  readonly source: AvailabilitySource;
}

/** Availabilities of every element of a projection, by index. */
export interface ElementAvailabilities {
  /** Unavailability per node: a device's, or 0 for the node of a site without devices. */
  readonly node: Float64Array;
  /** Unavailability per edge (link). */
  readonly edge: Float64Array;
  /** Unavailability per risk group. */
  readonly riskGroup: Float64Array;
  /** Where each node's, edge's and risk group's figure came from. */
  readonly nodeSource: readonly AvailabilitySource[];
  readonly edgeSource: readonly AvailabilitySource[];
  readonly riskGroupSource: readonly AvailabilitySource[];
}

/** Unavailability of an MTBF/MTTR pair: MTTR / (MTBF + MTTR). */
export function unavailabilityOf(m: MtbfMttr): number {
  if (m.mttr_h === 0 || m.mtbf_h === Infinity) return 0;
  return m.mttr_h / (m.mtbf_h + m.mttr_h);
}

/** Unavailability of a fibre of `km` kilometres under the defaults' cut rate and repair time. */
export function fibreUnavailability(km: number, d: AvailabilityDefaults = DEFAULT_AVAILABILITY): number {
  if (km <= 0) return 0;
  const mtbf = (HOURS_PER_YEAR * 1000) / (d.fibreCutsPer1000kmYear * km);
  return unavailabilityOf({ mtbf_h: mtbf, mttr_h: d.fibreMttrH });
}

type Reliability = { availability?: number; mtbf_h?: number; mttr_h?: number };

function explicit(o: Reliability): ElementAvailability | undefined {
  if (o.availability !== undefined) return { availability: o.availability, unavailability: 1 - o.availability, source: 'availability' };
  if (o.mtbf_h !== undefined && o.mttr_h !== undefined) {
    const u = unavailabilityOf({ mtbf_h: o.mtbf_h, mttr_h: o.mttr_h });
    return { availability: 1 - u, unavailability: u, source: 'mtbf' };
  }
  return undefined;
}

function fromDefault(u: number): ElementAvailability {
  return { availability: 1 - u, unavailability: u, source: 'default' };
}

/** A device's availability. */
export function deviceAvailability(o: StoredObject & { kind: 'device' }, d: AvailabilityDefaults = DEFAULT_AVAILABILITY): ElementAvailability {
  return explicit(o) ?? fromDefault(unavailabilityOf(d.device[o.role] ?? d.fallback));
}

/**
 * A link's availability. A fibre without `length_km` counts `fibreIntraSiteKm` if
 * `sameSite` (both ends at one site), else `fibreDefaultKm`.
 */
export function linkAvailability(o: StoredObject & { kind: 'link' }, sameSite: boolean, d: AvailabilityDefaults = DEFAULT_AVAILABILITY): ElementAvailability {
  const e = explicit(o);
  if (e) return e;
  if (o.type === 'fibre') return fromDefault(fibreUnavailability(o.length_km ?? (sameSite ? d.fibreIntraSiteKm : d.fibreDefaultKm), d));
  return fromDefault(unavailabilityOf(d.link[o.type] ?? d.fallback));
}

/** A risk group's availability (of the shared cause, not of its members). */
export function riskGroupAvailability(o: StoredObject & { kind: 'risk-group' }, d: AvailabilityDefaults = DEFAULT_AVAILABILITY): ElementAvailability {
  if (o.availability !== undefined) return { availability: o.availability, unavailability: 1 - o.availability, source: 'availability' };
  const av = d.riskGroup[o.type];
  return av !== undefined ? fromDefault(1 - av) : fromDefault(unavailabilityOf(d.fallback));
}

/**
 * The unavailability of every node, edge and risk group of `p`, read from the objects of
 * `source` (the estate `p` was built from). Linear in the number of objects.
 */
export function elementAvailabilities(p: Projection, source: ObjectSource, defaults: AvailabilityDefaults = DEFAULT_AVAILABILITY): ElementAvailabilities {
  const node = new Float64Array(p.nodeCount);
  const edge = new Float64Array(p.edgeCount);
  const riskGroup = new Float64Array(p.riskGroupIds.length);
  const nodeSource: AvailabilitySource[] = Array.from({ length: p.nodeCount }, (_, v) => (p.nodeKind[v] === DEVICE_NODE ? 'default' : 'site'));
  const edgeSource: AvailabilitySource[] = new Array<AvailabilitySource>(p.edgeCount).fill('default');
  const riskGroupSource: AvailabilitySource[] = new Array<AvailabilitySource>(p.riskGroupIds.length).fill('default');
  for (const o of objectsOf(source)) {
    if (o.kind === 'device') {
      const v = p.nodeIndex.get(o.id);
      if (v === undefined || p.nodeKind[v] !== DEVICE_NODE) continue;
      const r = deviceAvailability(o, defaults);
      node[v] = r.unavailability;
      nodeSource[v] = r.source;
    } else if (o.kind === 'link') {
      const e = p.edgeIndex.get(o.id);
      if (e === undefined) continue;
      const sameSite = p.nodeSite[p.edgeA[e]!] === p.nodeSite[p.edgeB[e]!];
      const r = linkAvailability(o, sameSite, defaults);
      edge[e] = r.unavailability;
      edgeSource[e] = r.source;
    } else if (o.kind === 'risk-group') {
      const g = p.riskGroupIndex.get(o.id);
      if (g === undefined) continue;
      const r = riskGroupAvailability(o, defaults);
      riskGroup[g] = r.unavailability;
      riskGroupSource[g] = r.source;
    }
  }
  return { node, edge, riskGroup, nodeSource, edgeSource, riskGroupSource };
}
