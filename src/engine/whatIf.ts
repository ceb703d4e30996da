/**
 * What-if (docs/analysis.md, "what-if"): a set of elements fails at once → the services it takes
 * down, the services that stay up but lose their redundancy, and the components left.
 *
 * Cost: one mask, one component pass and one up test per service for `down` and
 * `components`. For `degraded` (and `weakened`), a survivability analysis of G − F, but
 * only of the services whose footprint F touches (see `exposedServices`): the others keep
 * their verdict and their breakers, whatever else fails.
 */
import { connectedComponents } from '../graph/connectedComponents.js';
import { failElements } from './failElements.js';
import type { FailureMask } from '../graph/FailureMask.js';
import { componentNodeIds } from './networkReport.js';
import type { Projection } from './projection.js';
import { serviceUp, type ServiceModel } from './services.js';
import { analyzeSurvivability, exposedServices, type Survivability } from './survivability.js';

/** Options of {@link whatIf}. */
export interface WhatIfOptions {
  /**
   * The survivability of the same projection and services with nothing failed
   * (`analyzeSurvivability(p, m)`), if already computed: saves one full analysis.
   */
  baseline?: Survivability | undefined;
  /**
   * `false` skips `degraded` (left empty): then the what-if is one mask, one component
   * pass and one up test per service, with no survivability analysis at all.
   */
  degraded?: boolean | undefined;
  /**
   * `true` also computes `weakened`: services that gain a breaker. This looks at every
   * service the failure touches, not only the surviving ones, so it may cost more.
   */
  weakened?: boolean | undefined;
  /** `false` skips `components` (left empty); listing the ids costs a sort of all nodes. */
  components?: boolean | undefined;
}

/** The result of {@link whatIf}. Service lists are ascending service indices. */
export interface WhatIfResult {
  /** Ids that fail nothing in this graph (unknown, another kind, or omitted). */
  readonly unresolved: readonly string[];
  /** The failure mask of the resolved ids. */
  readonly failed: FailureMask;
  /** Up with nothing failed, down under the failure set. */
  readonly down: readonly number[];
  /**
   * Up under the failure set, and surviving every single failure with nothing failed, but
   * under the failure set some single further element (other than the service's own site)
   * breaks it: it lost its redundancy.
   */
  readonly degraded: readonly number[];
  /**
   * With `weakened: true`: up under the failure set, and some single further element
   * breaks it that did not break it with nothing failed. Unlike `degraded`, this includes
   * services that already had a single point of failure (in an estate with one data
   * center, every service has one: the data center) and lost redundancy elsewhere. It
   * contains `degraded`.
   */
  readonly weakened: readonly number[];
  /** The node ids of each component left (largest first, each sorted); for raw networks. */
  readonly components: readonly (readonly string[])[];
  /**
   * The survivability under the failure set, for the services that could be degraded or
   * weakened (`analysed`), when those were computed and there were any. Its breakers are
   * the elements that break a service on top of the failure set.
   */
  readonly under?: Survivability | undefined;
}

/**
 * Fails the elements `failedIds` (devices, links, sites, risk groups) together.
 *
 * @param p the projection.
 * @param m the services over `p`.
 * @param failedIds element ids; the ones that resolve to nothing come back in `unresolved`.
 */
export function whatIf(p: Projection, m: ServiceModel, failedIds: Iterable<string>, options: WhatIfOptions = {}): WhatIfResult {
  const { mask, unresolved } = failElements(p, failedIds);
  const cc = connectedComponents(p, { failed: mask });
  const wantWeakened = options.weakened === true;
  const wantDegraded = options.degraded !== false || wantWeakened;
  const baseline = options.baseline ?? (wantDegraded ? analyzeSurvivability(p, m) : undefined);
  let upBefore: (s: number) => boolean;
  if (baseline) upBefore = (s) => baseline.services[s]!.upAtBaseline;
  else {
    const before = connectedComponents(p).component;
    upBefore = (s) => serviceUp(m, s, before);
  }
  const down: number[] = [];
  const upAfter = new Uint8Array(m.count);
  for (let s = 0; s < m.count; s++) {
    upAfter[s] = serviceUp(m, s, cc.component) ? 1 : 0;
    if (!upAfter[s] && upBefore(s)) down.push(s);
  }
  const degraded: number[] = [];
  const weakened: number[] = [];
  let under: Survivability | undefined;
  if (wantDegraded && baseline) {
    const exposed = Array.from(exposedServices(baseline, mask, { survivingOnly: !wantWeakened })).filter((s) => upAfter[s]);
    if (exposed.length > 0) {
      under = analyzeSurvivability(p, m, { failed: mask, services: exposed });
      for (const s of exposed) {
        const now = under.services[s]!;
        const before = baseline.services[s]!;
        if (before.survives && !now.survives && options.degraded !== false) degraded.push(s);
        if (wantWeakened) {
          const had = new Set(before.breakers.map((e) => e.id));
          if (now.breakers.some((e) => !had.has(e.id))) weakened.push(s);
        }
      }
    }
  }
  return {
    unresolved,
    failed: mask,
    down,
    degraded,
    weakened,
    components: options.components === false ? [] : componentNodeIds(p, cc),
    under,
  };
}
