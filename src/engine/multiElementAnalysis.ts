/**
 * Multi-element failures (sites with several nodes, risk groups) for `analyzeSurvivability`:
 * part 3 of the method described in survivability.ts. The parts, each in a file of its own:
 * the failure under test (FailureUnderTest), the spanning-tree shortcut (TreeShortcut), the
 * local searches that find the pieces cut off (LocalSearches), and the services to evaluate
 * (AffectedServices, over a ServiceReverseIndex).
 */
import { connectedComponents } from '../graph/connectedComponents.js';
import { AffectedServices } from './AffectedServices.js';
import { FailureUnderTest } from './FailureUnderTest.js';
import { LocalSearches } from './LocalSearches.js';
import type { Projection } from './projection.js';
import { ServiceReverseIndex } from './ServiceReverseIndex.js';
import { serviceUp, type ServiceModel } from './services.js';
import type { SurvivabilityOptions } from './SurvivabilityResult.js';
import { TreeShortcut } from './TreeShortcut.js';

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
 * Local component passes for sites and risk groups (part 3 of survivability.ts's module
 * comment). Shares scratch arrays across failures; each failure restores what it changed.
 */
export class MultiElementAnalysis {
  private readonly failure: FailureUnderTest;
  private readonly tree: TreeShortcut;
  private readonly searches: LocalSearches;
  private readonly affected: AffectedServices;
  /** Working masks: F plus the failure under test (only its new members are set and cleared). */
  private readonly deadNode: Uint8Array;
  private readonly deadEdge: Uint8Array;
  /**
   * Component labels after the failure under test: comp0, with the failed nodes at -1 and
   * the pieces cut off renumbered from compCount (restored after each failure).
   */
  private readonly label: Int32Array;
  /** The nodes relabelled by the current pass, `exploredCount` of them. */
  private readonly explored: Int32Array;
  private exploredCount = 0;
  private readonly counts = { passes: 0, skipped: 0, fullPasses: 0, checks: 0 };

  constructor(private readonly input: MultiElementInput) {
    const { p, m, F, comp0, compCount, tuning } = input;
    const n = p.nodeCount;
    this.deadNode = F.nodes.slice();
    this.deadEdge = F.edges.slice();
    this.label = comp0.slice();
    this.explored = new Int32Array(n);
    this.failure = new FailureUnderTest(p, F);
    this.tree = new TreeShortcut(p, F, comp0, compCount, tuning?.maxSubtrees ?? 32);
    const budget = tuning?.budget ?? Math.max(1024, (n + p.edgeCount) >> 1);
    this.searches = new LocalSearches(p, comp0, compCount, this.deadNode, this.deadEdge, this.tree, budget);
    this.affected = new AffectedServices(m, new ServiceReverseIndex(m, n), comp0, compCount + n + 1);
  }

  /** Counters of the work done so far. */
  get stats(): MultiElementStats {
    return { ...this.counts, expanded: this.searches.expanded };
  }

  /** The effect of failing site t (its own services are not counted as broken). */
  site(t: number): Effect {
    const { siteNodes } = this.input.p;
    this.failure.collect(siteNodes.members.subarray(siteNodes.offsets[t]!, siteNodes.offsets[t + 1]!), undefined);
    return this.effect(t);
  }

  /** The effect of failing risk group g. */
  riskGroup(g: number): Effect {
    const { riskGroupNodes, riskGroupEdges } = this.input.p;
    this.failure.collect(
      riskGroupNodes.members.subarray(riskGroupNodes.offsets[g]!, riskGroupNodes.offsets[g + 1]!),
      riskGroupEdges.members.subarray(riskGroupEdges.offsets[g]!, riskGroupEdges.offsets[g + 1]!),
    );
    return this.effect(-1);
  }

  private effect(skipSite: number): Effect {
    const f = this.failure;
    if (f.nodeCount === 0 && f.edgeCount === 0) return { kind: 'none' };
    if (f.nodeCount === 1 && f.edgeCount === 0) return { kind: 'node', index: f.nodes[0]! };
    if (f.nodeCount === 0 && f.edgeCount === 1) return { kind: 'edge', index: f.edges[0]! };
    if (!this.input.relevant(f.nodes, f.nodeCount, f.edges, f.edgeCount)) {
      this.counts.skipped++;
      return { kind: 'none' };
    }
    return { kind: 'pass', breaks: this.pass(skipSite) };
  }

  /** The component pass for the failure under test; returns the services it breaks, sorted. */
  private pass(skipSite: number): number[] {
    this.counts.passes++;
    this.fail();
    if (this.searches.grow()) this.exploredCount = this.searches.labelCutOff(this.label, this.input.compCount, this.explored);
    else this.labelByFullPass();
    const f = this.failure;
    for (let i = 0; i < f.nodeCount; i++) this.label[f.nodes[i]!] = -1;
    const breaks = this.broken(skipSite);
    this.restore();
    return breaks;
  }

  /** Marks the failure dead and seeds the searches. */
  private fail(): void {
    const { deadNode, deadEdge, failure: f, searches } = this;
    const { offsets, neighbours, incidentEdges, edgeA, edgeB } = this.input.p;
    for (let i = 0; i < f.nodeCount; i++) deadNode[f.nodes[i]!] = 1;
    for (let i = 0; i < f.edgeCount; i++) deadEdge[f.edges[i]!] = 1;
    this.exploredCount = 0;
    searches.begin(this.tree.cut(f));
    // Seeds: the surviving ends of the failed edges and the surviving neighbours of the
    // failed nodes. Every piece cut off holds one.
    for (let k = 0; k < f.nodeCount; k++) {
      const v = f.nodes[k]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const w = neighbours[i]!;
        if (!deadNode[w] && !deadEdge[incidentEdges[i]!]) searches.seed(w);
      }
    }
    for (let k = 0; k < f.edgeCount; k++) {
      const e = f.edges[k]!;
      if (!deadNode[edgeA[e]!]) searches.seed(edgeA[e]!);
      if (!deadNode[edgeB[e]!]) searches.seed(edgeB[e]!);
    }
  }

  /** Past the budget: one full pass; the largest piece of each touched component is its main piece. */
  private labelByFullPass(): void {
    this.counts.fullPasses++;
    const { p, comp0, compCount } = this.input;
    const n = p.nodeCount;
    const after = connectedComponents(p, { failed: { nodes: this.deadNode, edges: this.deadEdge } }).component;
    const size = new Int32Array(n + 1);
    const main = new Int32Array(compCount).fill(-1);
    for (let x = 0; x < n; x++) {
      const c = comp0[x]!;
      const a = after[x]!;
      if (c < 0 || a < 0 || !this.searches.touched(c)) continue;
      size[a] = size[a]! + 1;
      if (main[c]! < 0 || size[a]! > size[main[c]!]!) main[c] = a;
    }
    for (let x = 0; x < n; x++) {
      const c = comp0[x]!;
      const a = after[x]!;
      if (c < 0 || a < 0 || !this.searches.touched(c) || a === main[c]) continue;
      this.label[x] = compCount + a;
      this.explored[this.exploredCount++] = x;
    }
  }

  /** The analysed services up at baseline that the failure breaks (not those of `skipSite`), sorted. */
  private broken(skipSite: number): number[] {
    const { m, upBase, analysed } = this.input;
    const affected = this.affected;
    affected.collect(this.failure, this.explored, this.exploredCount, this.label);
    const breaks: number[] = [];
    for (let i = 0; i < affected.count; i++) {
      const s = affected.services[i]!;
      if (!upBase[s] || !analysed[s] || m.site[s] === skipSite) continue;
      this.counts.checks++;
      if (!serviceUp(m, s, this.label)) breaks.push(s);
    }
    return breaks.sort((x, y) => x - y);
  }

  /** Restores the shared state: labels and working masks as in G − F. */
  private restore(): void {
    const { comp0, F } = this.input;
    const { label, explored, failure: f } = this;
    for (let i = 0; i < this.exploredCount; i++) label[explored[i]!] = comp0[explored[i]!]!;
    for (let i = 0; i < f.nodeCount; i++) {
      const v = f.nodes[i]!;
      label[v] = comp0[v]!;
      this.deadNode[v] = F.nodes[v]!;
    }
    for (let i = 0; i < f.edgeCount; i++) this.deadEdge[f.edges[i]!] = F.edges[f.edges[i]!]!;
  }
}
