/**
 * Minimal cut sets of services composed from parts that services share (docs/availability.md,
 * "Composed from pockets"): the stretch from a site to the boundary of its pocket, the core
 * between two core nodes, and the stretch from the boundary of the data-center pockets to an
 * application's instances. Each part is enumerated once by witness branching on a small
 * graph; a service's family is combined from its parts by the series and parallel rules of
 * CutAlgebra.ts.
 *
 * **Separators.** Let K be a node set that every path from the attach points A to the
 * instances T passes (K may hold attach points), and G₁ the part of the graph on A's side
 * of K, K included. Then, with `X ~ Y` for "a surviving node of X is connected to a
 * surviving instance of every needed application in Y":
 *
 *     A ~ T  ⇔  ∨_{k ∈ K} ( A ~_{G₁} k  ∧  k ~ T )
 *
 * (⇒: on a surviving path from an attach point to an instance, the first node of K is
 * reached inside G₁, and it is connected to every instance the attach point reaches;
 * ⇐: connectivity is transitive). The same holds mirrored for a set D that every path from
 * a node k to the instances of one application passes, with the part Q behind D:
 * `k ~ Tⱼ ⇔ ∨_{d ∈ D} (k ~ d ∧ d ~_Q Tⱼ)`. From a single node, the applications are
 * independent: `k ~ T ⇔ ∧ⱼ k ~ Tⱼ` (whatever k reaches is one component). So
 *
 *     C(A ~ T) = ⊗_{k ∈ K} ( C(A ~_{G₁} k) ⊕ ⊕ⱼ ⊗_{d ∈ Dⱼ} ( C(k ~ d) ⊕ C(d ~_Q Tⱼ) ) )
 *
 * with ⊕ series and ⊗ parallel. K is the boundary of the pockets holding the attach points
 * (and the attach points in the core), Dⱼ the boundary of the pockets holding Tⱼ's
 * instances (and its instances in the core). `k ~ d` runs on the **core graph**: the core
 * nodes and the links between them, and per pocket of two boundary nodes an edge between
 * them that fails with the pocket's own cut sets between them (three boundary nodes: a
 * never-failing centre with an edge to each, failing when that node is cut off from the
 * other two inside the pocket). That graph is connected exactly as the whole graph is
 * between core nodes, for every failure of up to three elements, so the cut sets are the
 * same. Risk groups may lie in several parts: they are elements of several families, and
 * the rules hold for any monotone functions, shared elements or not.
 *
 * A service whose instances lie in the pocket of its own attach points is not composed
 * (the caller computes it on its relevant region, as before).
 */
import { CutAlgebra, DOWN, type CutFamily } from './CutAlgebra.js';
import { buildModel, elementCode, elementCodes, localTerminals, subgraph, type ModelGraph, type ModelSource } from './buildModel.js';
import { enumerateCutSets } from './enumerateCutSets.js';
import type { Groups } from '../graph/groupBy.js';
import type { LocalModel } from './LocalModel.js';
import { findPockets, type Pockets } from './pockets.js';

/** A family with whether a `limit` cut the enumeration of one of its parts short (a lower bound then). */
export interface Part {
  readonly family: CutFamily;
  readonly truncated: boolean;
}

/** Pockets larger than this are not grown (a site's interior may be larger). */
const MAX_POCKET = 64;

/** A model over a fixed graph, asked about several terminals in turn. */
interface Reusable {
  readonly model: LocalModel;
  readonly localOf: (v: number) => number;
}

/** The composed analysis of one estate (one `analyzeAvailability` call). */
export class PocketAnalysis {
  readonly alg: CutAlgebra;
  readonly pockets: Pockets;
  /** Candidate sets checked and breadth-first passes run, over every part so far. */
  checks = 0;
  searches = 0;

  private core?: Reusable;
  /** A pocket's transit family was cut short by the limit: every core part is then a lower bound. */
  private coreTruncated = false;
  private readonly pocketEdges = new Map<number, number[]>();
  private readonly sources = new Map<string, Part>();
  private sourceModel?: { key: string; reusable: Reusable };
  private readonly middles = new Map<string, Part>();
  private readonly behind = new Map<string, Part>();
  /** Models behind the data-center boundaries, by their pockets and boundary nodes. */
  private readonly targetModels = new Map<string, Reusable>();
  private readonly toApp = new Map<string, Part>();
  private readonly toNeeds = new Map<string, Part>();

  /** Whether the estate's elements can be numbered for the cut-set algebra. */
  static fits(src: ModelSource): boolean {
    return elementCodes(src.p) + 1 <= CutAlgebra.maxBase;
  }

  constructor(
    private readonly src: ModelSource,
    maxOrder: number,
    private readonly limit: number,
  ) {
    this.alg = new CutAlgebra(elementCodes(src.p) + 1, maxOrder);
    this.pockets = findPockets(src.p, src.p.nodeSite, MAX_POCKET);
  }

  /**
   * The minimal cut sets of the service with these attach nodes and, per needed
   * application, these instance nodes (global indices); null if its instances lie in the
   * pocket of its attach points.
   */
  service(attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): Part | null {
    const { pocketOf } = this.pockets;
    const A = [...new Set(Array.from(attach))].sort((x, y) => x - y);
    const own = new Set<number>();
    const K = new Set<number>();
    for (const a of A) {
      if (pocketOf[a]! >= 0) own.add(pocketOf[a]!);
      else K.add(a);
    }
    for (const pk of own) for (const b of this.boundaryOf(pk)) K.add(b);
    const T = instances.map((list) => [...new Set(Array.from(list))].sort((x, y) => x - y));
    for (const list of T) for (const t of list) if (own.has(pocketOf[t]!)) return null;
    const sourceKey = A.join(',');
    const needsKey = T.map((list) => list.join(',')).sort().join(';');
    let family = DOWN;
    let truncated = false;
    for (const k of [...K].sort((x, y) => x - y)) {
      const g = this.source(sourceKey, A, own, K, k);
      const h = this.reach(k, needsKey, T);
      family = this.alg.parallel(family, this.alg.series([g.family, h.family]));
      truncated ||= g.truncated || h.truncated;
    }
    return { family, truncated };
  }

  /** A part as it is kept for later services: its family in the algebra's slabs (see CutAlgebra.keep). */
  private kept(part: Part): Part {
    return { family: this.alg.keep(part.family), truncated: part.truncated };
  }

  private boundaryOf(pk: number): Int32Array {
    const { boundary } = this.pockets;
    return boundary.members.subarray(boundary.offsets[pk]!, boundary.offsets[pk + 1]!);
  }

  private nodesOf(pk: number): Int32Array {
    const { nodes } = this.pockets;
    return nodes.members.subarray(nodes.offsets[pk]!, nodes.offsets[pk + 1]!);
  }

  /** The edges with an end inside a pocket, each once. */
  private edgesOf(pk: number): number[] {
    let list = this.pocketEdges.get(pk);
    if (list) return list;
    const { p } = this.src;
    const { pocketOf } = this.pockets;
    list = [];
    for (const v of this.nodesOf(pk)) {
      for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
        const e = p.incidentEdges[i]!;
        const w = p.neighbours[i]!;
        // An edge inside the pocket is met from both ends: keep it at its lower end. A loop
        // is on no path.
        if (pocketOf[w] !== pk || v < w) list.push(e);
      }
    }
    this.pocketEdges.set(pk, list);
    return list;
  }

  /** A reusable model over some pockets and extra (core) nodes. */
  private pocketModel(pks: Iterable<number>, extra: Iterable<number>, attach: number[], instances: number[][]): Reusable {
    const nodes: number[] = [];
    const edges: number[] = [];
    for (const pk of pks) {
      nodes.push(...this.nodesOf(pk));
      edges.push(...this.edgesOf(pk));
    }
    for (const v of extra) if (!nodes.includes(v)) nodes.push(v);
    const { graph, localOf } = subgraph(this.src.p, nodes, edges);
    const at = (v: number): number => localOf.get(v) ?? -1;
    return { model: buildModel(this.src, graph, localTerminals(at, nodes.length, attach, instances)), localOf: at };
  }

  /** The family of a model asked about these terminals (global nodes). */
  private enumerate(r: Reusable, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): Part {
    const { model } = r;
    model.retarget(...terminalsOf(r, attach, instances));
    const before = model.searches;
    let part: Part;
    if (!model.up()) part = { family: DOWN, truncated: false };
    else {
      const en = enumerateCutSets(model, this.alg.maxOrder, this.limit);
      this.checks += en.checks;
      const { p } = this.src;
      const keys: number[] = [];
      for (const list of en.cuts.slice(0, this.alg.maxOrder)) {
        for (const set of list) keys.push(this.alg.key(set.map((e) => elementCode(p, model.elemKind[e]!, model.elemIndex[e]!)).sort((x, y) => x - y)));
      }
      part = { family: this.alg.minimal(Float64Array.from(keys).sort()), truncated: en.truncated };
    }
    this.searches += model.searches - before;
    return part;
  }

  /** A ~ k inside the pockets of the attach points (k on their boundary, or an attach point in the core). */
  private source(sourceKey: string, A: number[], own: Set<number>, K: Set<number>, k: number): Part {
    const key = `${sourceKey}>${k}`;
    let part = this.sources.get(key);
    if (part) return part;
    if (this.sourceModel?.key !== sourceKey) this.sourceModel = { key: sourceKey, reusable: this.pocketModel(own, K, A, [[k]]) };
    part = this.enumerate(this.sourceModel.reusable, A, [[k]]);
    part = this.kept(part);
    this.sources.set(key, part);
    return part;
  }

  /** k ~ T for a core node k: every needed application's instances, in series. */
  private reach(k: number, needsKey: string, T: number[][]): Part {
    const key = `${k}>${needsKey}`;
    let part = this.toNeeds.get(key);
    if (part) return part;
    const parts = T.map((list) => this.toInstances(k, list));
    part = { family: this.alg.series(parts.map((x) => x.family)), truncated: parts.some((x) => x.truncated) };
    part = this.kept(part);
    this.toNeeds.set(key, part);
    return part;
  }

  /** k ~ Tⱼ: through each node of Dⱼ in parallel. */
  private toInstances(k: number, list: number[]): Part {
    const tKey = list.join(',');
    const key = `${k}>${tKey}`;
    let part = this.toApp.get(key);
    if (part) return part;
    const { pocketOf } = this.pockets;
    const D = new Set<number>();
    const pks = new Set<number>();
    for (const t of list) {
      if (pocketOf[t]! < 0) D.add(t);
      else pks.add(pocketOf[t]!);
    }
    for (const pk of pks) for (const d of this.boundaryOf(pk)) D.add(d);
    let family = DOWN;
    let truncated = false;
    for (const d of [...D].sort((x, y) => x - y)) {
      const mid = this.middle(k, d);
      const end = this.behindOf(d, tKey, list, pks, D);
      family = this.alg.parallel(family, this.alg.series([mid.family, end.family]));
      truncated ||= mid.truncated || end.truncated;
    }
    part = { family, truncated };
    part = this.kept(part);
    this.toApp.set(key, part);
    return part;
  }

  /** d ~ Tⱼ inside the pockets of Tⱼ's instances (d on their boundary, or an instance in the core). */
  private behindOf(d: number, tKey: string, list: number[], pks: Set<number>, D: Set<number>): Part {
    const key = `${d}>${tKey}`;
    let part = this.behind.get(key);
    if (part) return part;
    // The graph depends only on the pockets and D: applications with instances in the same
    // data centers share one model (a data center's interior is large; one model each would
    // hold hundreds of megabytes at state scale).
    const modelKey = `${[...pks].sort((x, y) => x - y).join(',')}|${[...D].sort((x, y) => x - y).join(',')}`;
    let r = this.targetModels.get(modelKey);
    if (!r) {
      r = this.pocketModel(pks, D, [d], [list]);
      this.targetModels.set(modelKey, r);
    }
    part = this.enumerate(r, [d], [list]);
    part = this.kept(part);
    this.behind.set(key, part);
    return part;
  }

  /** k ~ d on the core graph. */
  private middle(k: number, d: number): Part {
    const key = k < d ? `${k}-${d}` : `${d}-${k}`;
    let part = this.middles.get(key);
    if (part) return part;
    part = this.enumerate((this.core ??= this.buildCore()), [k], [[d]]);
    if (this.coreTruncated) part = { family: part.family, truncated: true };
    part = this.kept(part);
    this.middles.set(key, part);
    return part;
  }

  /** The core graph: core nodes and links, and per pocket of two or three boundary nodes its transit edges. */
  private buildCore(): Reusable {
    const { p } = this.src;
    const { pocketOf, boundary } = this.pockets;
    const localOf = new Int32Array(p.nodeCount).fill(-1);
    const nodes: number[] = [];
    for (let v = 0; v < p.nodeCount; v++) if (pocketOf[v]! < 0) (localOf[v] = nodes.length), nodes.push(v);
    const edges: number[] = [];
    const edgeA: number[] = [];
    const edgeB: number[] = [];
    for (let e = 0; e < p.edgeCount; e++) {
      const a = localOf[p.edgeA[e]!]!;
      const b = localOf[p.edgeB[e]!]!;
      if (a >= 0 && b >= 0) (edges.push(e), edgeA.push(a), edgeB.push(b));
    }
    const trigger = { edge: [] as number[], sets: [] as number[][] };
    const codes = [0, 0, 0];
    const transit = (a: number, b: number, family: CutFamily): void => {
      if (family[0] === 0) return; // not connected through the pocket even with nothing failed
      const edge = edges.length;
      edges.push(-1);
      edgeA.push(a);
      edgeB.push(b);
      for (const key of family) {
        const n = this.alg.codes(key, codes);
        trigger.edge.push(edge);
        trigger.sets.push(codes.slice(0, n));
      }
    };
    for (let pk = 0; pk + 1 < boundary.offsets.length; pk++) {
      const B = Array.from(this.boundaryOf(pk));
      if (B.length < 2) continue; // a dead end carries no path between core nodes
      const r = this.pocketModel([pk], B, [B[0]!], [[B[1]!]]);
      if (B.length === 2) {
        const part = this.enumerate(r, [B[0]!], [[B[1]!]]);
        this.coreTruncated ||= part.truncated;
        transit(localOf[B[0]!]!, localOf[B[1]!]!, part.family);
      } else {
        const centre = nodes.length;
        nodes.push(-1);
        B.forEach((b, i) => {
          const part = this.enumerate(r, [b], [B.filter((_, j) => j !== i)]);
          this.coreTruncated ||= part.truncated;
          transit(centre, localOf[b]!, part.family);
        });
      }
    }
    const graph: ModelGraph = { nodes, edges, edgeA, edgeB, triggers: trigger };
    const at = (v: number): number => localOf[v]!;
    return { model: buildModel(this.src, graph, localTerminals(at, nodes.length, [], [])), localOf: at };
  }
}

function terminalsOf(r: Reusable, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): [Int32Array, Groups, number] {
  const t = localTerminals(r.localOf, r.model.g.nodeCount, attach, instances);
  return [t.attach, t.nodeSlots, t.needCount];
}
