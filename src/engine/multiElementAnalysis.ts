/**
 * Multi-element failures (sites with several nodes, risk groups) for `analyzeSurvivability`:
 * part 3 of the method described in survivability.ts. The parts, each in a file of its own:
 * the pieces a failure cuts off (FailurePieces, over the failure under test, the
 * spanning-tree shortcut and the local searches) and the services to evaluate
 * (AffectedServices, over a ServiceReverseIndex).
 */
import { AffectedServices } from './AffectedServices.js';
import { FailurePieces } from './FailurePieces.js';
import type { Projection } from './projection.js';
import { ServiceReverseIndex } from './ServiceReverseIndex.js';
import { serviceUp, type ServiceModel } from './services.js';
import type { SurvivabilityOptions } from './SurvivabilityResult.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/**
 * What a multi-element failure amounts to on top of F: nothing new, one node, one edge
 * (reuse the single-failure results), or a component pass with the services it breaks.
 */
export type Effect = { kind: 'none' } | { kind: 'node'; index: number } | { kind: 'edge'; index: number } | { kind: 'pass'; breaks: readonly number[] };

/** What {@link MultiElementAnalysis} works on: G − F, its components, and the baseline of the services. */
export interface MultiElementInput {
  readonly p: Projection;
  readonly m: ServiceModel;
  /** The elements already failed. */
  readonly F: { nodes: Uint8Array; edges: Uint8Array };
  /** Component of each node in G − F (-1 for failed nodes), `compCount` of them. */
  readonly comp0: Int32Array;
  readonly compCount: number;
  /** Per service: up in G − F. */
  readonly upBase: Uint8Array;
  /** Per service: to be analysed. */
  readonly analysed: Uint8Array;
  /** False when the failure cannot break any analysed service (multiElementRelevance). */
  readonly relevant: (nodes: Int32Array, nodeCount: number, edges: Int32Array, edgeCount: number) => boolean;
  readonly tuning: SurvivabilityOptions['tuning'];
  /** The structures of G − F, if computed: the pieces found are kept with them for the next analysis. */
  readonly structures?: SurvivabilityStructures | undefined;
}

/** Counters of the multi-element passes (see `SurvivabilityStats`). */
export interface MultiElementStats {
  readonly passes: number;
  readonly skipped: number;
  readonly fullPasses: number;
  readonly expanded: number;
  readonly checks: number;
}

/**
 * Component passes for sites and risk groups (part 3 of survivability.ts's module comment),
 * each evaluating the analysed services the failure can reach.
 */
export class MultiElementAnalysis {
  private readonly pieces: FailurePieces;
  private readonly affected: AffectedServices;
  private readonly counts = { passes: 0, skipped: 0, checks: 0 };
  /** The attach points and instances of the analysed services up at baseline, as entry times of the spanning forest. */
  private readonly terminals: Int32Array;
  private readonly fullBefore: number;
  private readonly expandedBefore: number;

  constructor(private readonly input: MultiElementInput) {
    const { p, m, F, comp0, compCount, tuning, structures } = input;
    this.pieces = FailurePieces.of(p, F, comp0, compCount, structures, tuning);
    this.fullBefore = this.pieces.fullPasses;
    this.expandedBefore = this.pieces.expanded;
    this.affected = new AffectedServices(m, new ServiceReverseIndex(m, p.nodeCount), comp0, compCount + p.nodeCount + 1);
    this.terminals = this.pieces.entryTimes(terminalsOf(input));
  }

  /** Counters of the work done so far. */
  get stats(): MultiElementStats {
    return { ...this.counts, fullPasses: this.pieces.fullPasses - this.fullBefore, expanded: this.pieces.expanded - this.expandedBefore };
  }

  /** The effect of failing site t (its own services are not counted as broken). */
  site(t: number): Effect {
    this.pieces.collectSite(t);
    return this.effect(t, this.pieces.siteKey(t));
  }

  /** The effect of failing risk group g. */
  riskGroup(g: number): Effect {
    this.pieces.collectRiskGroup(g);
    return this.effect(-1, this.pieces.riskGroupKey(g));
  }

  private effect(skipSite: number, key: number): Effect {
    const f = this.pieces.failure;
    if (f.nodeCount === 0 && f.edgeCount === 0) return { kind: 'none' };
    if (f.nodeCount === 1 && f.edgeCount === 0) return { kind: 'node', index: f.nodes[0]! };
    if (f.nodeCount === 0 && f.edgeCount === 1) return { kind: 'edge', index: f.edges[0]! };
    // A failure that leaves every terminal joined to its component's root by the spanning
    // forest breaks no service: no pass (most failures, when few services are analysed).
    if (!this.input.relevant(f.nodes, f.nodeCount, f.edges, f.edgeCount) || !this.pieces.mayCut(this.terminals)) {
      this.counts.skipped++;
      return { kind: 'none' };
    }
    this.counts.passes++;
    this.pieces.apply(key);
    const breaks = this.broken(skipSite);
    this.pieces.restore();
    return { kind: 'pass', breaks };
  }

  /** The analysed services up at baseline that the failure breaks (not those of `skipSite`), sorted. */
  private broken(skipSite: number): number[] {
    const { m, upBase, analysed } = this.input;
    const { affected, pieces } = this;
    affected.collect(pieces.failure, pieces.explored, pieces.exploredCount, pieces.label);
    const breaks: number[] = [];
    for (let i = 0; i < affected.count; i++) {
      const s = affected.services[i]!;
      if (!upBase[s] || !analysed[s] || m.site[s] === skipSite) continue;
      this.counts.checks++;
      if (!serviceUp(m, s, pieces.label)) breaks.push(s);
    }
    return breaks.sort((x, y) => x - y);
  }
}

/** Per node, 1 if it is an attach point or an instance of a needed application of an analysed service up at baseline. */
function terminalsOf({ p, m, upBase, analysed }: MultiElementInput): Uint8Array {
  const out = new Uint8Array(p.nodeCount);
  const { attach, needs, appInstances } = m;
  const app = new Uint8Array(m.appIds.length);
  for (let s = 0; s < m.count; s++) {
    if (!upBase[s] || !analysed[s]) continue;
    for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]!; k++) out[attach.members[k]!] = 1;
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) app[needs.members[j]!] = 1;
  }
  for (let a = 0; a < app.length; a++) if (app[a]) for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) out[appInstances.members[i]!] = 1;
  return out;
}
