/**
 * Service availability (docs/availability.md): per service, the minimal
 * cut sets up to order 3 over independent failure elements (devices, links, risk groups),
 * the rare-event estimate of its unavailability, the expected downtime, the dominant cut
 * sets, a comparison with the application's `target_availability`, and optionally a Monte
 * Carlo cross-check with a 95 % confidence interval. docs/availability.md describes the
 * method, the defaults and the limits.
 *
 * Method, per service:
 *
 * 1. **Relevant region.** Every minimal path set of the service (an attach point and one
 *    instance of each needed application, joined by a tree) lies within the blocks on the
 *    block-cut-tree paths between its terminals. So the union of the blocks of the minimal
 *    subtree of the block-cut forest spanning all terminals (attach points and instances, in
 *    the components where the service can be up at all) holds every element that can
 *    matter; risk groups count through their members inside it. Everything else is
 *    irrelevant: its state never changes whether the service is up. The region becomes a
 *    small local graph, built once per service.
 * 2. **Cut sets by witness branching.** A cut set must hit every path set. A check (one
 *    breadth-first pass over the region under the failure counters) either finds the
 *    service down or returns a witness path set. Order 1: the elements hitting the witness of
 *    the intact region, each checked. Order 2: for each element `a` of that witness that is
 *    not a cut, the witness under `a`, and each of its elements `b` (not itself a cut)
 *    checked with `a`. Order 3 the same one level deeper, skipping supersets of known cuts.
 *    Every minimal cut set of order ≤ 3 is found (its first element hits the first witness,
 *    its second the witness that survives the first, and so on), and only minimal ones are
 *    kept. Surviving path sets are cached (a bit per element and path set): a candidate
 *    that hits none of them needs no pass. The work is O(w^k) candidates for order k and
 *    witness size w, each O(k) when the cache answers and O(region) when not; `limit`
 *    caps the candidates per service, with `truncated` set when the cap stops it.
 * 3. **Rare-event estimate.** Unavailability ≈ Σ over minimal cut sets Π unavailabilities
 *    (the union bound, accurate when unavailabilities are small and cut sets of order above
 *    `maxOrder` are negligible).
 * 4. **Monte Carlo** (optional): independent element states sampled over the region, one
 *    check per sample with at least one failure; plain sampling with a Wilson interval, or
 *    importance sampling (failure probabilities scaled up, each sample weighted by its
 *    likelihood ratio) with a normal interval.
 */
import { Random } from '../util/Random.js';
import { buildLocal, buildShared } from './buildLocal.js';
import { elementCode } from './buildModel.js';
import { canonical, cutSetFigures } from './cutSetFigures.js';
import {
  DEFAULT_AVAILABILITY,
  elementAvailabilities,
  type AvailabilityDefaults,
  type AvailabilitySource,
  type ElementAvailabilities,
} from './elementAvailability.js';
import { enumerateCutSets } from './enumerateCutSets.js';
import { DEVICE, LINK, GROUP } from './LocalModel.js';
import { monteCarlo, type MonteCarloResult } from './monteCarlo.js';
import { PocketAnalysis } from './PocketAnalysis.js';
import { objectsOf, type ObjectSource, type Projection } from './projection.js';
import { RegionUnion } from './RegionUnion.js';
import type { ServiceModel } from './services.js';

export { LocalModel } from './LocalModel.js';
export { enumerateCutSets, type Enumeration } from './enumerateCutSets.js';
// The figures of a service are part of the API's contract: declared in src/contracts.
import type { AvailabilityFigures, CutSet } from '../contracts/analyses.js';
export type { CutSet };
export { monteCarlo, wilsonInterval, type MonteCarloResult } from './monteCarlo.js';

/** Minutes in a (365-day) year. */
export const MINUTES_PER_YEAR = 525_600;

/** Options of {@link analyzeAvailability}. */
export interface AvailabilityOptions {
  /** Services to analyse (indices into the service model); all by default. */
  services?: readonly number[];
  /** Largest cut-set order enumerated; default 3. */
  maxOrder?: 1 | 2 | 3;
  /**
   * Most candidate sets checked per service (one breadth-first pass each); default
   * 1 000 000. When reached, the enumeration stops and the service is `truncated`: its cut
   * sets and unavailability are then lower bounds of the order-`maxOrder` figures.
   */
  limit?: number;
  /** Number of dominant cut sets reported per service; default 5. */
  top?: number;
  /** Monte Carlo samples per service; none by default. */
  monteCarlo?: number;
  /** Importance sampling instead of plain sampling for the Monte Carlo cross-check. */
  importanceSampling?: boolean;
  /** Seed of the Monte Carlo generator; default 1. The same seed gives the same results. */
  seed?: number;
  /** Defaults for elements without `availability` or MTBF/MTTR. */
  defaults?: AvailabilityDefaults;
  /** Element availabilities computed before (by `elementAvailabilities`), to reuse. */
  availabilities?: ElementAvailabilities;
  /**
   * Which elements `sources` counts: every element of the estate (default), or only those in
   * the regions of the services analysed — what a tenant may learn (docs/api.md, "Tenants").
   */
  sourcesOf?: 'estate' | 'services';
  /**
   * How the cut sets are found: composed from parts that services share (`composed`, the
   * default), or on each service's relevant region as a whole (`region`; always with Monte
   * Carlo). Both give the same cut sets and figures.
   */
  method?: 'composed' | 'region';
}

/** The availability of one service: the figures the API answers (src/contracts), and how they were found. */
export interface ServiceAvailability extends AvailabilityFigures {
  /** Index of the service in the model. */
  readonly service: number;
  /**
   * Candidate sets checked, and breadth-first passes run (checks not answered by a cached
   * surviving path set, plus witnesses). Composed, the work done for this service's parts
   * not already known from services before it.
   */
  readonly checks: number;
  readonly searches: number;
  /** Size of the relevant region (nodes, edges and failure elements), when the service was computed on it as a whole. */
  readonly region?: { readonly nodes: number; readonly edges: number; readonly elements: number };
}

/** The result of {@link analyzeAvailability}. */
export interface AvailabilityReport {
  readonly maxOrder: number;
  readonly services: readonly ServiceAvailability[];
  /** How many devices, links and risk groups took their figure from each source (see {@link AvailabilityOptions.sourcesOf}). */
  readonly sources: Readonly<Record<Exclude<AvailabilitySource, 'site'>, number>>;
}

/** The core result of one (attach set, needed applications) pair, shared by equal services. */
interface Core {
  readonly unavailability: number;
  readonly downWithoutFailures: boolean;
  readonly cutSets: CutSet[];
  readonly cutSetCounts: number[];
  readonly truncated: boolean;
  readonly checks: number;
  readonly searches: number;
  readonly region?: { nodes: number; edges: number; elements: number };
  readonly monteCarlo?: MonteCarloResult;
}

/**
 * Availability of services: minimal cut sets up to `maxOrder`, rare-event estimate,
 * downtime, dominant cut sets, target check and optionally a Monte Carlo cross-check.
 *
 * @param p the projection of the estate.
 * @param m its services (`buildServices(p, source)`).
 * @param source the estate's objects (for element availabilities and application targets).
 */
export function analyzeAvailability(p: Projection, m: ServiceModel, source: ObjectSource, options: AvailabilityOptions = {}): AvailabilityReport {
  const maxOrder = options.maxOrder ?? 3;
  const limit = options.limit ?? 1_000_000;
  const top = options.top ?? 5;
  const seed = options.seed ?? 1;
  const ua = options.availabilities ?? elementAvailabilities(p, source, options.defaults ?? DEFAULT_AVAILABILITY);
  const targets = new Map<string, number>();
  for (const o of objectsOf(source)) if (o.kind === 'application' && o.target_availability !== undefined) targets.set(o.id, o.target_availability);

  const sh = buildShared(p, ua);
  const figures = cutSetFigures(sh, top);
  // Composed from shared parts unless each service needs its own model (Monte Carlo), or
  // the estate has too many elements to number.
  const composed = options.method !== 'region' && options.monteCarlo === undefined && PocketAnalysis.fits(sh) ? new PocketAnalysis(sh, maxOrder, limit) : undefined;
  const regions = options.sourcesOf === 'services' ? new RegionUnion(sh) : undefined;

  const down = (region?: Core['region']): Core => ({
    unavailability: 1,
    downWithoutFailures: true,
    cutSets: [],
    cutSetCounts: new Array<number>(maxOrder).fill(0),
    truncated: false,
    checks: 0,
    searches: 0,
    ...(region && { region }),
    ...(options.monteCarlo !== undefined && {
      monteCarlo: { method: options.importanceSampling ? 'importance' : 'plain', samples: options.monteCarlo, down: options.monteCarlo, estimate: 1, low: 1, high: 1, containsEstimate: true, warning: 'down with nothing failed: every sample is down' } as const,
    }),
  });
  const cores = new Map<string, Core>();
  const coreOf = (s: number): Core => {
    const attach = m.attach.members.subarray(m.attach.offsets[s]!, m.attach.offsets[s + 1]!);
    const needs = m.needs.members.subarray(m.needs.offsets[s]!, m.needs.offsets[s + 1]!);
    const key = `${Array.from(attach).sort((x, y) => x - y).join(',')}|${Array.from(needs).sort((x, y) => x - y).join(',')}`;
    const known = cores.get(key);
    if (known) return known;
    const instances = Array.from(needs, (app) => m.appInstances.members.subarray(m.appInstances.offsets[app]!, m.appInstances.offsets[app + 1]!));
    regions?.add(attach, instances);
    let core: Core | undefined;
    if (composed) {
      const before = { checks: composed.checks, searches: composed.searches };
      const part = composed.service(attach, instances);
      if (part) {
        const work = { checks: composed.checks - before.checks, searches: composed.searches - before.searches };
        const alg = composed.alg;
        const codes = [0, 0, 0];
        core = part.family[0] === 0 ? { ...down(), ...work } : { ...figures(part.family.length, (i) => codes.slice(0, alg.codes(part.family[i]!, codes)), maxOrder), truncated: part.truncated, ...work };
      }
    }
    if (!core) {
      const model = buildLocal(sh, attach, instances);
      const region = { nodes: model?.g.nodeCount ?? 0, edges: model?.g.edgeCount ?? 0, elements: model?.elementCount ?? 0 };
      if (!model?.up()) core = down(region);
      else {
        const en = enumerateCutSets(model, maxOrder, limit);
        const sets = en.cuts.slice(0, maxOrder).flat().map((set) => set.map((e) => elementCode(p, model.elemKind[e]!, model.elemIndex[e]!)).sort((x, y) => x - y));
        sets.sort(canonical);
        const fig = figures(sets.length, (i) => sets[i]!, maxOrder);
        core = {
          ...fig,
          truncated: en.truncated,
          checks: en.checks,
          searches: model.searches,
          region,
          ...(options.monteCarlo !== undefined && {
            monteCarlo: monteCarlo(model, options.monteCarlo, new Random(seed, key), options.importanceSampling === true, fig.unavailability),
          }),
        };
      }
    }
    cores.set(key, core);
    return core;
  };

  const chosen = options.services ?? Array.from({ length: m.count }, (_, s) => s);
  const services: ServiceAvailability[] = chosen.map((s) => {
    if (!(s >= 0 && s < m.count)) throw new RangeError(`no service ${s}`);
    const core = coreOf(s);
    const availability = 1 - core.unavailability;
    const target = targets.get(m.application[s]!);
    return {
      service: s,
      usage: m.usage[s]!,
      tenant: m.tenant[s]!,
      application: m.application[s]!,
      site: m.site[s]! >= 0 ? p.siteIds[m.site[s]!]! : '',
      availability,
      unavailability: core.unavailability,
      downtimeMinutesPerYear: core.unavailability * MINUTES_PER_YEAR,
      ...(target !== undefined && { target, meetsTarget: availability >= target }),
      downWithoutFailures: core.downWithoutFailures,
      cutSets: core.cutSets,
      cutSetCounts: core.cutSetCounts,
      truncated: core.truncated,
      checks: core.checks,
      searches: core.searches,
      ...(core.region && { region: core.region }),
      ...(core.monteCarlo && { monteCarlo: core.monteCarlo }),
    };
  });

  const sources = { availability: 0, mtbf: 0, default: 0 };
  const inRegions = regions?.elements();
  const count = (list: readonly AvailabilitySource[], kind: number): void => {
    list.forEach((s, i) => {
      if (s !== 'site' && (!inRegions || inRegions.has(elementCode(p, kind, i)))) sources[s]++;
    });
  };
  count(ua.nodeSource, DEVICE);
  count(ua.edgeSource, LINK);
  count(ua.riskGroupSource, GROUP);
  return { maxOrder, services, sources };
}
