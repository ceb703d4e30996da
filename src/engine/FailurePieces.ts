/**
 * The pieces a multi-element failure (a site, a risk group, any set of nodes and edges) cuts
 * off G − F: the component pass of multiElementAnalysis.ts, on its own. It depends only on
 * the graph and F, never on the services, so one instance serves every analysis of one
 * estate version (`FailurePieces.of` keeps it with the structures of G − F): every
 * municipality's check and every date of the timeline check while the graph is unchanged.
 * The pieces of a site or risk group are kept once found, so a second analysis on the same
 * graph labels them without a search.
 */
import { connectedComponents } from '../graph/connectedComponents.js';
import { FailureUnderTest } from './FailureUnderTest.js';
import { LocalSearches } from './LocalSearches.js';
import type { Projection } from './projection.js';
import type { SurvivabilityOptions } from './SurvivabilityResult.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';
import { TreeShortcut } from './TreeShortcut.js';

/** The pieces cut off, kept per failure: node, label, node, label, … */
type Kept = Int32Array;

/** Pieces kept per structures (the graph of one estate version, nothing failed or F). */
const shared = new WeakMap<SurvivabilityStructures, FailurePieces>();

/** Upper bound of the node/label pairs kept per structures (8 bytes each: 32 MB). */
const KEEP_PAIRS = 4 * 1024 * 1024;

/**
 * One failure at a time: {@link collect} (or `failure.collect`) names it, {@link apply} labels
 * the pieces it cuts off in {@link label}, {@link restore} undoes that. Scratch arrays are
 * shared by every failure.
 */
export class FailurePieces {
  /** The failure under test: its members not already failed in F. */
  readonly failure: FailureUnderTest;
  /**
   * Component labels after the failure under test (between apply and restore): comp0 with
   * the failed nodes at -1 and the pieces cut off renumbered from compCount.
   */
  readonly label: Int32Array;
  /** The nodes relabelled as pieces cut off, `exploredCount` of them (failed nodes not included). */
  readonly explored: Int32Array;
  exploredCount = 0;
  /** Failures that grew past the budget and ran a full component pass. */
  fullPasses = 0;
  private readonly tree: TreeShortcut;
  private readonly searches: LocalSearches;
  /** Working masks: F plus the failure under test (only its new members are set and cleared). */
  private readonly deadNode: Uint8Array;
  private readonly deadEdge: Uint8Array;
  private readonly kept = new Map<number, Kept>();
  private keptPairs = 0;

  /**
   * The instance kept with `st` (built on first use), or a fresh one when `tuning` forces
   * the fallbacks (tests) or no structures are given.
   */
  static of(p: Projection, F: { nodes: Uint8Array; edges: Uint8Array }, comp0: Int32Array, compCount: number, st: SurvivabilityStructures | undefined, tuning: SurvivabilityOptions['tuning']): FailurePieces {
    if (!st || tuning) return new FailurePieces(p, F, comp0, compCount, tuning);
    let pieces = shared.get(st);
    if (!pieces) shared.set(st, (pieces = new FailurePieces(p, F, comp0, compCount, undefined)));
    return pieces;
  }

  constructor(
    private readonly p: Projection,
    private readonly F: { nodes: Uint8Array; edges: Uint8Array },
    private readonly comp0: Int32Array,
    private readonly compCount: number,
    tuning: SurvivabilityOptions['tuning'],
  ) {
    const n = p.nodeCount;
    this.deadNode = F.nodes.slice();
    this.deadEdge = F.edges.slice();
    this.label = comp0.slice();
    this.explored = new Int32Array(n);
    this.failure = new FailureUnderTest(p, F);
    this.tree = new TreeShortcut(p, F, comp0, compCount, tuning?.maxSubtrees ?? 32);
    const budget = tuning?.budget ?? Math.max(1024, (n + p.edgeCount) >> 1);
    this.searches = new LocalSearches(p, comp0, compCount, this.deadNode, this.deadEdge, this.tree, budget);
  }

  /** Slots scanned by the local searches so far. */
  get expanded(): number {
    return this.searches.expanded;
  }

  /** Names site t as the failure under test. */
  collectSite(t: number): void {
    const { siteNodes } = this.p;
    this.failure.collect(siteNodes.members.subarray(siteNodes.offsets[t]!, siteNodes.offsets[t + 1]!), undefined);
  }

  /** Names risk group g as the failure under test. */
  collectRiskGroup(g: number): void {
    const { riskGroupNodes, riskGroupEdges } = this.p;
    this.failure.collect(
      riskGroupNodes.members.subarray(riskGroupNodes.offsets[g]!, riskGroupNodes.offsets[g + 1]!),
      riskGroupEdges.members.subarray(riskGroupEdges.offsets[g]!, riskGroupEdges.offsets[g + 1]!),
    );
  }

  /**
   * False if the failure under test certainly leaves every node of `nodes` in the piece of
   * its component's root (as each one's path to the root in the spanning forest survives):
   * then it separates none of them. `nodes` as the sorted entry times {@link entryTimes} gives.
   */
  mayCut(entryTimes: Int32Array): boolean {
    return this.tree.cutsAny(this.failure, entryTimes);
  }

  /** The sorted entry times of the marked nodes, for {@link mayCut}. */
  entryTimes(marked: Uint8Array): Int32Array {
    const { tin } = this.tree.forest;
    const out: number[] = [];
    marked.forEach((m, v) => m && out.push(tin[v]!));
    return Int32Array.from(out).sort();
  }

  /** The key under which a site's pieces are kept. */
  siteKey(t: number): number {
    return t;
  }

  /** The key under which a risk group's pieces are kept. */
  riskGroupKey(g: number): number {
    return this.p.siteIds.length + g;
  }

  /**
   * Labels the pieces the failure under test cuts off: from the pieces kept under `key`,
   * else by a local pass (a full one past the budget), kept under `key` if given.
   */
  apply(key?: number): void {
    const f = this.failure;
    const { label } = this;
    const kept = key === undefined ? undefined : this.kept.get(key);
    if (kept) {
      this.exploredCount = kept.length >> 1;
      for (let i = 0, j = 0; j < kept.length; i++, j += 2) {
        this.explored[i] = kept[j]!;
        label[kept[j]!] = kept[j + 1]!;
      }
    } else {
      this.fail();
      if (this.searches.grow()) this.exploredCount = this.searches.labelCutOff(label, this.compCount, this.explored);
      else this.labelByFullPass();
      for (let i = 0; i < f.nodeCount; i++) this.deadNode[f.nodes[i]!] = this.F.nodes[f.nodes[i]!]!;
      for (let i = 0; i < f.edgeCount; i++) this.deadEdge[f.edges[i]!] = this.F.edges[f.edges[i]!]!;
      if (key !== undefined && this.keptPairs + this.exploredCount <= KEEP_PAIRS) {
        const out = new Int32Array(2 * this.exploredCount);
        for (let i = 0; i < this.exploredCount; i++) {
          out[2 * i] = this.explored[i]!;
          out[2 * i + 1] = label[this.explored[i]!]!;
        }
        this.kept.set(key, out);
        this.keptPairs += this.exploredCount;
      }
    }
    for (let i = 0; i < f.nodeCount; i++) label[f.nodes[i]!] = -1;
  }

  /** Restores {@link label} as in G − F. */
  restore(): void {
    const { comp0, label, explored, failure: f } = this;
    for (let i = 0; i < this.exploredCount; i++) label[explored[i]!] = comp0[explored[i]!]!;
    for (let i = 0; i < f.nodeCount; i++) label[f.nodes[i]!] = comp0[f.nodes[i]!]!;
    this.exploredCount = 0;
  }

  /** Marks the failure dead and seeds the searches. */
  private fail(): void {
    const { deadNode, deadEdge, failure: f, searches } = this;
    const { offsets, neighbours, incidentEdges, edgeA, edgeB } = this.p;
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
    this.fullPasses++;
    const { p, comp0, compCount } = this;
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
}
