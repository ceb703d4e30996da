/**
 * The result and option types of `analyzeSurvivability` (survivability.ts), in a file of
 * their own so that the passes it runs (`multiElementAnalysis`, `exposedServices`) read
 * them without importing the analysis that runs them.
 */
import type { MaskOptions } from '../graph/FailureMask.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/** The kinds of failure element. */
export type ElementKind = 'device' | 'link' | 'site' | 'risk-group';

/**
 * A failure element: `index` is a node (device), an edge (link), a site or a risk group
 * of the projection, as in `ElementRef`. The node of a site without devices is its `site`.
 */
export interface FailureElement {
  readonly id: string;
  readonly kind: ElementKind;
  readonly index: number;
}

/** The verdict of one service. */
export interface ServiceSurvivability {
  /** Up with nothing (more) failed: nothing, or only `options.failed`. */
  readonly upAtBaseline: boolean;
  /** False for a service left out by `options.services`: then only `upAtBaseline` is known. */
  readonly analysed: boolean;
  /** Up at baseline and up under every single further failure element other than its own site. */
  readonly survives: boolean;
  /**
   * The elements whose single failure breaks it, in element order (devices, links, sites,
   * risk groups; each by index). Empty when it survives, and empty when it is down at
   * baseline: then nothing breaks it, it is already broken (`upAtBaseline` false).
   */
  readonly breakers: readonly FailureElement[];
}

/** One single point of failure: an element whose failure breaks at least one service. */
export interface Spof {
  readonly element: FailureElement;
  /** The services it breaks, ascending service indices (up at baseline, down after). */
  readonly breaks: readonly number[];
}

/** Counters of the work done, for benchmarks and tests of the algorithm's shape. */
export interface SurvivabilityStats {
  /** Single node failures evaluated for one service (candidates: not every node). */
  readonly nodeChecks: number;
  /** Single link failures evaluated for one service (candidates: bridges on paths). */
  readonly linkChecks: number;
  /** Multi-element failures (sites, risk groups) that needed a component pass. */
  readonly multiPasses: number;
  /** Multi-element failures skipped: they hold no block any analysed service depends on. */
  readonly multiSkipped: number;
  /** Of these, how many grew past the budget of the local pass and ran a full pass. */
  readonly fullPasses: number;
  /** Nodes expanded by the local passes in total. */
  readonly expanded: number;
  /** Services evaluated after multi-element failures. */
  readonly multiChecks: number;
}

/** The result of `analyzeSurvivability`. */
export interface Survivability {
  /** Per service, by service index of the `ServiceModel`. */
  readonly services: readonly ServiceSurvivability[];
  /** Every element that breaks at least one service, in element order. */
  readonly spofs: readonly Spof[];
  readonly stats: SurvivabilityStats;
}

/** Options of `analyzeSurvivability`. */
export interface SurvivabilityOptions extends MaskOptions {
  /**
   * Analyse only these services (indices); the others get `upAtBaseline` only
   * (`analysed: false`, `survives: false`, no breakers) and count in no SPOF. Used by the
   * what-if to re-check just the services that could lose their redundancy.
   */
  services?: ArrayLike<number> | undefined;
  /**
   * Knobs of the multi-element passes, for tests that force their fallbacks: `budget`,
   * slots a local pass may scan before it gives way to a full component pass (default
   * half the graph); `maxSubtrees`, failed tree elements up to which the spanning-tree
   * shortcut is used (default 32). Results never depend on them.
   */
  tuning?: { budget?: number | undefined; maxSubtrees?: number | undefined } | undefined;
  /**
   * The structures of G − F computed before by `survivabilityStructures(p, F)` for this
   * projection and this `failed`, to reuse (read only here): every question about some
   * services of one estate version shares them, and the timeline check keeps them while the
   * graph is unchanged.
   */
  structures?: SurvivabilityStructures | undefined;
}
