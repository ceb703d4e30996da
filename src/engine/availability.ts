/**
 * Service availability (BRIEF §4, "Availability"; issue 3 part 5): per service, the minimal
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
import { Random } from '../interop/random.js';
import type { StoredObject } from '../timeline/Estate.js';
import { biconnectedComponents } from './biconnectedComponents.js';
import { blockCutTree } from './blockCutTree.js';
import { connectedComponents } from './connectedComponents.js';
import { buildCsr, type CsrGraph } from './CsrGraph.js';
import {
  DEFAULT_AVAILABILITY,
  elementAvailabilities,
  type AvailabilityDefaults,
  type AvailabilitySource,
  type ElementAvailabilities,
} from './elementAvailability.js';
import { groupPairs, type Groups } from './groupBy.js';
import { DEVICE_NODE, type ObjectSource, type Projection } from './projection.js';
import type { ServiceModel } from './services.js';

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
}

/** One minimal cut set. */
export interface CutSet {
  readonly order: number;
  /** Element ids (devices, links, risk groups), sorted. */
  readonly elements: readonly string[];
  /** Probability that all its elements are down: the product of their unavailabilities. */
  readonly probability: number;
}

/** The Monte Carlo cross-check of one service. */
export interface MonteCarloResult {
  readonly method: 'plain' | 'importance';
  readonly samples: number;
  /** Samples in which the service was down. */
  readonly down: number;
  /** Estimated unavailability. */
  readonly estimate: number;
  /** 95 % confidence interval of the unavailability (Wilson for plain, normal for importance). */
  readonly low: number;
  readonly high: number;
  /** True if the interval contains the rare-event estimate. */
  readonly containsEstimate: boolean;
  /** Set when the samples cannot support a conclusion (no or few failures seen). */
  readonly warning?: string;
}

/** The availability of one service. */
export interface ServiceAvailability {
  /** Index of the service in the model. */
  readonly service: number;
  readonly usage: string;
  readonly tenant: string;
  readonly application: string;
  /** Site id of the service ('' if the site is unknown). */
  readonly site: string;
  /** 1 − unavailability. */
  readonly availability: number;
  /** Rare-event estimate: Σ over the minimal cut sets found of their probabilities (at most 1). */
  readonly unavailability: number;
  /** unavailability × 525 600. */
  readonly downtimeMinutesPerYear: number;
  /** The application's `target_availability`, if it has one. */
  readonly target?: number;
  /** availability ≥ target (when there is a target). */
  readonly meetsTarget?: boolean;
  /** True if the service is down with nothing failed (no attach point, instance or path). */
  readonly downWithoutFailures: boolean;
  /** The `top` most probable minimal cut sets, most probable first. */
  readonly cutSets: readonly CutSet[];
  /** Number of minimal cut sets of order 1, 2, … up to `maxOrder`. */
  readonly cutSetCounts: readonly number[];
  /** True if `limit` stopped the enumeration (figures are then lower bounds). */
  readonly truncated: boolean;
  /** Candidate sets checked. */
  readonly checks: number;
  /** Breadth-first passes run (checks not answered by a cached surviving path set, plus witnesses). */
  readonly searches: number;
  /** Size of the relevant region: nodes, edges and failure elements in it. */
  readonly region: { readonly nodes: number; readonly edges: number; readonly elements: number };
  readonly monteCarlo?: MonteCarloResult;
}

/** The result of {@link analyzeAvailability}. */
export interface AvailabilityReport {
  readonly maxOrder: number;
  readonly services: readonly ServiceAvailability[];
  /** How many devices, links and risk groups took their figure from each source. */
  readonly sources: Readonly<Record<Exclude<AvailabilitySource, 'site'>, number>>;
}

/** Structures shared by every service of one analysis. */
interface Shared {
  readonly p: Projection;
  readonly ua: ElementAvailabilities;
  readonly component: Int32Array;
  /** Block-cut forest: vertex count, parent (-1 at roots), adjacency. */
  readonly blockCount: number;
  readonly treeParent: Int32Array;
  readonly treeAdjacency: Groups;
  readonly nodeCut: Int32Array;
  readonly nodeBlock: Int32Array;
  readonly blockNodes: Groups;
  readonly blockOffsets: Int32Array;
  readonly blockEdges: Int32Array;
  /** Node → risk groups, edge → risk groups. */
  readonly nodeGroups: Groups;
  readonly edgeGroups: Groups;
  // Scratch, sized once and left clean after each use.
  readonly treeMark: Int32Array;
  readonly treeChildren: Int32Array;
  readonly treeTerminal: Int32Array;
  readonly localOf: Int32Array;
  readonly groupLocalOf: Int32Array;
  epoch: number;
}

function buildShared(p: Projection, ua: ElementAvailabilities): Shared {
  const cc = connectedComponents(p);
  const bcc = biconnectedComponents(p);
  const bct = blockCutTree(p, bcc);
  const vertices = bct.blockCount + bct.cutNodes.length;
  const treeParent = new Int32Array(vertices).fill(-2);
  const queue = new Int32Array(vertices);
  const adj = bct.adjacency;
  for (let r = 0; r < vertices; r++) {
    if (treeParent[r] !== -2) continue;
    treeParent[r] = -1;
    let head = 0;
    let tail = 0;
    queue[tail++] = r;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = adj.offsets[v]!; i < adj.offsets[v + 1]!; i++) {
        const w = adj.members[i]!;
        if (treeParent[w] !== -2) continue;
        treeParent[w] = v;
        queue[tail++] = w;
      }
    }
  }
  return {
    p,
    ua,
    component: cc.component,
    blockCount: bct.blockCount,
    treeParent,
    treeAdjacency: adj,
    nodeCut: bct.nodeCut,
    nodeBlock: bct.nodeBlock,
    blockNodes: bct.blockNodes,
    blockOffsets: bcc.blockOffsets,
    blockEdges: bcc.blockEdges,
    nodeGroups: invertGroups(p.riskGroupNodes, p.nodeCount),
    edgeGroups: invertGroups(p.riskGroupEdges, p.edgeCount),
    treeMark: new Int32Array(vertices),
    treeChildren: new Int32Array(vertices),
    treeTerminal: new Int32Array(vertices),
    localOf: new Int32Array(p.nodeCount).fill(-1),
    groupLocalOf: new Int32Array(p.riskGroupIds.length).fill(-1),
    epoch: 0,
  };
}

/** Element kinds of the local model. */
const DEVICE = 0;
const LINK = 1;
const GROUP = 2;

/**
 * One service restricted to its relevant region, with failure counters: the object every
 * check, enumeration and sample runs on.
 */
export class LocalModel {
  readonly g: CsrGraph;
  /** Local node → global node; local edge → global edge. */
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  /** Local attach nodes. */
  readonly attach: Int32Array;
  /** Local node → slots of the needed applications it holds an instance of. */
  readonly nodeSlots: Groups;
  readonly needCount: number;
  /** Per element: kind, index in the projection (node, edge or risk group), unavailability. */
  readonly elemKind: Uint8Array;
  readonly elemIndex: Int32Array;
  readonly elemU: Float64Array;
  /** Element → its local nodes and edges; local node or edge → the elements that fail it. */
  readonly elemNodes: Groups;
  readonly elemEdges: Groups;
  readonly nodeElems: Groups;
  readonly edgeElems: Groups;
  /** Number of elements each local node and edge is failed by right now. */
  readonly nodeDown: Uint16Array;
  readonly edgeDown: Uint16Array;
  private readonly seen: Int32Array;
  private readonly parentNode: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly queue: Int32Array;
  private readonly slotSeen: Int32Array;
  private readonly slotAt: Int32Array;
  private readonly wNode: Int32Array;
  private readonly wEdge: Int32Array;
  private readonly wElem: Int32Array;
  private epoch = 0;
  private bfsEpoch = 0;
  /** Elements failed right now (through {@link fail}, not yet restored). */
  private failedNow = 0;
  /**
   * Path sets seen to survive, each as the list of elements that hit it: a failure set that
   * hits none of them leaves that path set up, so no search is needed.
   */
  private readonly cacheLists: Int32Array[] = [];
  private cacheNext = 0;
  private readonly cacheCapacity: number;
  /** Words per element in `cacheBits`: one bit per cache entry. */
  private readonly cacheWords: number;
  /** Element e hits cache entry i iff bit i of `cacheBits[e * cacheWords ..]` is set. */
  private readonly cacheBits: Uint32Array;
  /** Bit i set iff cache entry i holds a path set. */
  private readonly cacheValid: Uint32Array;
  /** Breadth-first passes run, and checks the cache answered (for the complexity figures). */
  searches = 0;
  cacheHits = 0;

  constructor(args: {
    g: CsrGraph;
    nodes: Int32Array;
    edges: Int32Array;
    attach: Int32Array;
    nodeSlots: Groups;
    needCount: number;
    elemKind: Uint8Array;
    elemIndex: Int32Array;
    elemU: Float64Array;
    elemNodes: Groups;
    elemEdges: Groups;
  }) {
    this.g = args.g;
    this.nodes = args.nodes;
    this.edges = args.edges;
    this.attach = args.attach;
    this.nodeSlots = args.nodeSlots;
    this.needCount = args.needCount;
    this.elemKind = args.elemKind;
    this.elemIndex = args.elemIndex;
    this.elemU = args.elemU;
    this.elemNodes = args.elemNodes;
    this.elemEdges = args.elemEdges;
    const n = this.g.nodeCount;
    const m = this.g.edgeCount;
    const k = this.elemKind.length;
    this.nodeElems = invertGroups(this.elemNodes, n);
    this.edgeElems = invertGroups(this.elemEdges, m);
    this.nodeDown = new Uint16Array(n);
    this.edgeDown = new Uint16Array(m);
    this.seen = new Int32Array(n);
    this.parentNode = new Int32Array(n);
    this.parentEdge = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.slotSeen = new Int32Array(this.needCount);
    this.slotAt = new Int32Array(this.needCount);
    this.wNode = new Int32Array(n);
    this.wEdge = new Int32Array(m);
    this.wElem = new Int32Array(k);
    this.cacheCapacity = CACHE_SIZE;
    this.cacheWords = CACHE_SIZE / 32;
    this.cacheBits = new Uint32Array(k * this.cacheWords);
    this.cacheValid = new Uint32Array(this.cacheWords);
  }

  /** Number of failure elements. */
  get elementCount(): number {
    return this.elemKind.length;
  }

  /** Fails element `e` (counted: failing twice needs restoring twice). */
  fail(e: number): void {
    this.failedNow++;
    const { elemNodes: en, elemEdges: ee } = this;
    for (let i = en.offsets[e]!; i < en.offsets[e + 1]!; i++) this.nodeDown[en.members[i]!]!++;
    for (let i = ee.offsets[e]!; i < ee.offsets[e + 1]!; i++) this.edgeDown[ee.members[i]!]!++;
  }

  /** Undoes one {@link fail} of element `e`. */
  restore(e: number): void {
    this.failedNow--;
    const { elemNodes: en, elemEdges: ee } = this;
    for (let i = en.offsets[e]!; i < en.offsets[e + 1]!; i++) this.nodeDown[en.members[i]!]!--;
    for (let i = ee.offsets[e]!; i < ee.offsets[e + 1]!; i++) this.edgeDown[ee.members[i]!]!--;
  }

  /**
   * Whether the service is up under the current failures: one breadth-first pass from the
   * surviving attach points, stopping as soon as one reaches an instance of every needed
   * application. Returns the attach node of success (local), or -1 if down.
   */
  private search(): number {
    const { offsets, neighbours, incidentEdges } = this.g;
    const { nodeDown, edgeDown, seen, queue, parentNode, parentEdge, slotSeen, slotAt, nodeSlots, needCount } = this;
    const epoch = ++this.epoch;
    for (let k = 0; k < this.attach.length; k++) {
      const a = this.attach[k]!;
      if (nodeDown[a] || seen[a] === epoch) continue;
      const bfs = ++this.bfsEpoch;
      let found = 0;
      seen[a] = epoch;
      parentNode[a] = -1;
      parentEdge[a] = -1;
      let head = 0;
      let tail = 0;
      queue[tail++] = a;
      while (head < tail) {
        const v = queue[head++]!;
        for (let i = nodeSlots.offsets[v]!; i < nodeSlots.offsets[v + 1]!; i++) {
          const s = nodeSlots.members[i]!;
          if (slotSeen[s] === bfs) continue;
          slotSeen[s] = bfs;
          slotAt[s] = v;
          found++;
        }
        if (found === needCount) return a;
        for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
          const w = neighbours[i]!;
          if (seen[w] === epoch || nodeDown[w] || edgeDown[incidentEdges[i]!]) continue;
          seen[w] = epoch;
          parentNode[w] = v;
          parentEdge[w] = incidentEdges[i]!;
          queue[tail++] = w;
        }
      }
    }
    return -1;
  }

  /** True if the service is up under the current failures (one search, no cache). */
  up(): boolean {
    this.searches++;
    return this.search() >= 0;
  }

  /**
   * True if the service is up when the elements `set[0 .. length - 1]` fail (on top of any
   * failed now). Answers from the cache of surviving path sets when nothing else is failed
   * and one of them avoids the set; otherwise one search, whose witness joins the cache if
   * the service is up.
   */
  check(set: ArrayLike<number>, length = set.length): boolean {
    return this.cachedUp(set, length) || this.searchUp(set, length);
  }

  /**
   * True if nothing is failed now and a cached surviving path set avoids
   * `set[0 .. length - 1]`, so that the service is up when that set fails. False means
   * "unknown", not "down".
   */
  cachedUp(set: ArrayLike<number>, length = set.length): boolean {
    return this.cached(set, length) >= 0;
  }

  /** {@link check} without the cache: one search; its witness joins the cache if up. */
  searchUp(set: ArrayLike<number>, length = set.length): boolean {
    for (let j = 0; j < length; j++) this.fail(set[j]!);
    const w = this.witness();
    for (let j = 0; j < length; j++) this.restore(set[j]!);
    return w !== null;
  }

  /**
   * A surviving path set (its hitting elements, ascending) when the elements of `set` fail
   * on top of the current failures, or null if the service is then down: from the cache if
   * nothing else is failed and a cached path set avoids `set`, else from one search.
   */
  witnessUnder(set: readonly number[]): Int32Array | null {
    const i = this.cached(set, set.length);
    if (i >= 0) return this.cacheLists[i]!;
    for (const e of set) this.fail(e);
    const w = this.witness();
    for (const e of set) this.restore(e);
    return w;
  }

  /**
   * Index of a cached path set that no element of `set` hits, or -1: per word of entries,
   * the union of the elements' hit bits, and the first valid entry outside it.
   */
  private cached(set: ArrayLike<number>, length: number): number {
    if (this.failedNow !== 0) return -1;
    const { cacheBits: bits, cacheWords: words, cacheValid: valid } = this;
    for (let w = 0; w < words; w++) {
      let hit = 0;
      for (let j = 0; j < length; j++) hit |= bits[set[j]! * words + w]!;
      const free = valid[w]! & ~hit;
      if (free !== 0) {
        this.cacheHits++;
        return w * 32 + 31 - Math.clz32(free & -free);
      }
    }
    return -1;
  }

  /**
   * The elements that hit a path set surviving the current failures (ascending), or null if
   * the service is down. Every cut set that contains the current failures and is minimal
   * beyond them contains one of these elements. The path set joins the cache.
   */
  witness(): Int32Array | null {
    this.searches++;
    const a = this.search();
    if (a < 0) return null;
    const epoch = this.epoch;
    const { wNode, wEdge, wElem, parentNode, parentEdge, slotAt, nodeElems, edgeElems } = this;
    const out: number[] = [];
    const addElems = (g: Groups, x: number): void => {
      for (let i = g.offsets[x]!; i < g.offsets[x + 1]!; i++) {
        const e = g.members[i]!;
        if (wElem[e] === epoch) continue;
        wElem[e] = epoch;
        out.push(e);
      }
    };
    wNode[a] = epoch;
    addElems(nodeElems, a);
    for (let s = 0; s < this.needCount; s++) {
      let v = slotAt[s]!;
      while (wNode[v] !== epoch) {
        wNode[v] = epoch;
        addElems(nodeElems, v);
        const e = parentEdge[v]!;
        if (wEdge[e] !== epoch) {
          wEdge[e] = epoch;
          addElems(edgeElems, e);
        }
        v = parentNode[v]!;
      }
    }
    const w = Int32Array.from(out).sort();
    this.remember(w);
    return w;
  }

  /** Adds a surviving path set (its hitting elements) to the cache, replacing the oldest. */
  private remember(elements: Int32Array): void {
    const { cacheBits: bits, cacheWords: words } = this;
    const slot = this.cacheNext;
    this.cacheNext = (slot + 1) % this.cacheCapacity;
    const w = slot >> 5;
    const bit = 1 << (slot & 31);
    const old = this.cacheLists[slot];
    if (old) for (let i = 0; i < old.length; i++) bits[old[i]! * words + w]! &= ~bit;
    this.cacheLists[slot] = elements;
    this.cacheValid[w]! |= bit;
    for (let i = 0; i < elements.length; i++) bits[elements[i]! * words + w]! |= bit;
  }
}

/** Surviving path sets kept per local model (a multiple of 32). */
const CACHE_SIZE = 256;

/** True if some node of `list` has `label[node] === value`. */
function contains(list: ArrayLike<number>, label: Int32Array, value: number): boolean {
  for (let i = 0; i < list.length; i++) if (label[list[i]!] === value) return true;
  return false;
}

/** The inverse relation of CSR groups: member → the groups holding it. */
function invertGroups(g: Groups, count: number): Groups {
  const member: number[] = [];
  const group: number[] = [];
  for (let k = 0; k + 1 < g.offsets.length; k++) for (let i = g.offsets[k]!; i < g.offsets[k + 1]!; i++) (member.push(g.members[i]!), group.push(k));
  return groupPairs(member, group, count);
}

/**
 * Builds the local model of a service given by its attach nodes and, per needed
 * application, its instance nodes (global indices). Returns null if the service is down
 * with nothing failed.
 */
function buildLocal(sh: Shared, attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): LocalModel | null {
  const { p, ua, component } = sh;
  // Components where the service can be up: holding an attach point and an instance of
  // every needed application.
  const viable = new Set<number>();
  for (let k = 0; k < attach.length; k++) {
    const c = component[attach[k]!]!;
    if (c < 0 || viable.has(c)) continue;
    if (instances.every((list) => contains(list, component, c))) viable.add(c);
  }
  if (viable.size === 0) return null;
  const terminals: number[] = [];
  for (let k = 0; k < attach.length; k++) if (viable.has(component[attach[k]!]!)) terminals.push(attach[k]!);
  for (const list of instances) for (let k = 0; k < list.length; k++) if (viable.has(component[list[k]!]!)) terminals.push(list[k]!);

  // The minimal subtree of the block-cut forest spanning the terminals: climb from each
  // terminal towards its root, counting marked children, then drop the chain above the
  // lowest vertex where paths meet (or a terminal sits).
  const { treeParent, treeMark, treeChildren, treeTerminal, treeAdjacency, blockCount } = sh;
  const epoch = ++sh.epoch;
  const visited: number[] = [];
  const roots: number[] = [];
  const vertexOf = (v: number): number => (sh.nodeCut[v]! >= 0 ? blockCount + sh.nodeCut[v]! : sh.nodeBlock[v]!);
  for (const t of terminals) {
    let v = vertexOf(t);
    if (v < 0) continue; // a node without edges: a region of its own
    treeTerminal[v] = epoch;
    if (treeMark[v] === epoch) continue;
    treeMark[v] = epoch;
    treeChildren[v] = 0;
    visited.push(v);
    for (;;) {
      const u = treeParent[v]!;
      if (u < 0) {
        roots.push(v);
        break;
      }
      if (treeMark[u] === epoch) {
        treeChildren[u]!++;
        break;
      }
      treeMark[u] = epoch;
      treeChildren[u] = 1;
      visited.push(u);
      v = u;
    }
  }
  const dropped = new Set<number>();
  for (let r of roots) {
    while (treeTerminal[r] !== epoch && treeChildren[r] === 1) {
      dropped.add(r);
      let next = -1;
      for (let i = treeAdjacency.offsets[r]!; i < treeAdjacency.offsets[r + 1]! && next < 0; i++) {
        const w = treeAdjacency.members[i]!;
        if (treeParent[w] === r && treeMark[w] === epoch) next = w;
      }
      r = next;
    }
  }

  // Region nodes and edges, numbered locally.
  const { localOf, groupLocalOf } = sh;
  const nodes: number[] = [];
  const edges: number[] = [];
  const addNode = (v: number): void => {
    if (localOf[v] !== -1) return;
    localOf[v] = nodes.length;
    nodes.push(v);
  };
  for (const t of terminals) addNode(t);
  for (const b of visited) {
    if (b >= blockCount || dropped.has(b)) continue;
    for (let i = sh.blockNodes.offsets[b]!; i < sh.blockNodes.offsets[b + 1]!; i++) addNode(sh.blockNodes.members[i]!);
    for (let i = sh.blockOffsets[b]!; i < sh.blockOffsets[b + 1]!; i++) edges.push(sh.blockEdges[i]!);
  }
  const ea = new Int32Array(edges.length);
  const eb = new Int32Array(edges.length);
  edges.forEach((e, i) => ((ea[i] = localOf[p.edgeA[e]!]!), (eb[i] = localOf[p.edgeB[e]!]!)));
  const g = buildCsr(nodes.length, ea, eb);

  // Failure elements: devices, links and risk groups with a positive unavailability.
  const kind: number[] = [];
  const index: number[] = [];
  const u: number[] = [];
  const enE: number[] = [];
  const enN: number[] = [];
  const eeE: number[] = [];
  const eeL: number[] = [];
  const groupsSeen: number[] = [];
  const groupOf = (grp: number): number => {
    let e = groupLocalOf[grp]!;
    if (e >= 0) return e;
    e = kind.length;
    groupLocalOf[grp] = e;
    groupsSeen.push(grp);
    kind.push(GROUP);
    index.push(grp);
    u.push(ua.riskGroup[grp]!);
    return e;
  };
  nodes.forEach((v, i) => {
    if (p.nodeKind[v] === DEVICE_NODE && ua.node[v]! > 0) {
      enE.push(kind.length);
      enN.push(i);
      kind.push(DEVICE);
      index.push(v);
      u.push(ua.node[v]!);
    }
    for (let k = sh.nodeGroups.offsets[v]!; k < sh.nodeGroups.offsets[v + 1]!; k++) {
      const grp = sh.nodeGroups.members[k]!;
      if (ua.riskGroup[grp]! > 0) (enE.push(groupOf(grp)), enN.push(i));
    }
  });
  edges.forEach((e, i) => {
    if (ua.edge[e]! > 0) {
      eeE.push(kind.length);
      eeL.push(i);
      kind.push(LINK);
      index.push(e);
      u.push(ua.edge[e]!);
    }
    for (let k = sh.edgeGroups.offsets[e]!; k < sh.edgeGroups.offsets[e + 1]!; k++) {
      const grp = sh.edgeGroups.members[k]!;
      if (ua.riskGroup[grp]! > 0) (eeE.push(groupOf(grp)), eeL.push(i));
    }
  });

  // Attach points and instances, locally.
  const localAttach: number[] = [];
  for (let k = 0; k < attach.length; k++) {
    const l = localOf[attach[k]!]!;
    if (l >= 0 && !localAttach.includes(l)) localAttach.push(l);
  }
  const slotNode: number[] = [];
  const slotOf: number[] = [];
  instances.forEach((list, s) => {
    for (let k = 0; k < list.length; k++) {
      const l = localOf[list[k]!]!;
      if (l >= 0) (slotNode.push(l), slotOf.push(s));
    }
  });

  const model = new LocalModel({
    g,
    nodes: Int32Array.from(nodes),
    edges: Int32Array.from(edges),
    attach: Int32Array.from(localAttach),
    nodeSlots: groupPairs(slotNode, slotOf, nodes.length),
    needCount: instances.length,
    elemKind: Uint8Array.from(kind),
    elemIndex: Int32Array.from(index),
    elemU: Float64Array.from(u),
    elemNodes: groupPairs(enE, enN, kind.length),
    elemEdges: groupPairs(eeE, eeL, kind.length),
  });

  // Leave the scratch clean.
  for (const v of nodes) localOf[v] = -1;
  for (const grp of groupsSeen) groupLocalOf[grp] = -1;
  return model;
}

/** The minimal cut sets of one local model, as element lists, with the work done. */
export interface Enumeration {
  /** Minimal cut sets by order: `cuts[k - 1]` holds those of order k, each sorted ascending. */
  readonly cuts: number[][][];
  readonly checks: number;
  readonly truncated: boolean;
}

/**
 * Enumerates the minimal cut sets of order ≤ `maxOrder` of a local model by witness
 * branching (see the file comment). The model must be up with nothing failed.
 */
export function enumerateCutSets(model: LocalModel, maxOrder: number, limit: number): Enumeration {
  const k = model.elementCount;
  const cuts: number[][][] = [[], [], []];
  let checks = 0;
  const w0 = model.witnessUnder([]);
  if (!w0) throw new Error('enumerateCutSets: the service is down with nothing failed');
  const stop = (): Enumeration => ({ cuts, checks, truncated: true });

  // Order 1: every element hitting the intact witness.
  const single = new Uint8Array(k);
  const one = [0];
  for (const e of w0) {
    if (checks >= limit) return stop();
    checks++;
    one[0] = e;
    if (!model.check(one)) {
      single[e] = 1;
      cuts[0]!.push([e]);
    }
  }
  if (maxOrder < 2) return { cuts, checks, truncated: false };

  // Order 2: for each a of the intact witness, every b of the witness that survives a.
  const pairKey = (a: number, b: number): number => (a < b ? a * k + b : b * k + a);
  const pairCut = new Set<number>();
  const pairSeen = new Set<number>();
  const firsts = Array.from(w0).filter((e) => !single[e]);
  const w1Of = new Map<number, Int32Array>();
  const two = [0, 0];
  for (const a of firsts) {
    const w1 = model.witnessUnder([a])!;
    w1Of.set(a, w1);
    for (const b of w1) {
      if (single[b]) continue;
      const key = pairKey(a, b);
      if (pairSeen.has(key)) continue;
      if (checks >= limit) return stop();
      pairSeen.add(key);
      checks++;
      two[0] = a;
      two[1] = b;
      if (!model.check(two)) {
        pairCut.add(key);
        cuts[1]!.push(a < b ? [a, b] : [b, a]);
      }
    }
  }
  if (maxOrder < 3) return { cuts, checks, truncated: false };

  // Order 3: for each non-cut pair (a, b) so found, every c of the witness surviving both.
  // A triple reached twice is answered by the cache at no real cost; only triples that
  // needed a search are remembered, so that none is searched twice.
  const big = k >= 1 << 17;
  const searched = new Set<number | string>();
  const three = [0, 0, 0];
  for (const a of firsts) {
    for (const b of w1Of.get(a)!) {
      if (single[b] || pairCut.has(pairKey(a, b))) continue;
      const w2 = model.witnessUnder([a, b])!;
      for (const c of w2) {
        if (single[c] || pairCut.has(pairKey(a, c)) || pairCut.has(pairKey(b, c))) continue;
        if (checks >= limit) return stop();
        checks++;
        let x = a;
        let y = b;
        let z = c;
        if (x > y) [x, y] = [y, x];
        if (y > z) [y, z] = [z, y];
        if (x > y) [x, y] = [y, x];
        three[0] = x;
        three[1] = y;
        three[2] = z;
        if (model.cachedUp(three, 3)) continue;
        const key = big ? `${x},${y},${z}` : (x * k + y) * k + z;
        if (searched.has(key)) continue;
        searched.add(key);
        if (!model.searchUp(three, 3)) cuts[2]!.push([x, y, z]);
      }
    }
  }
  return { cuts, checks, truncated: false };
}

/** Wilson score interval of a binomial proportion at 95 %. */
export function wilsonInterval(successes: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const ph = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (ph + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((ph * (1 - ph)) / n + z2 / (4 * n * n))) / denom;
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/**
 * Monte Carlo estimate of a local model's unavailability: `samples` independent draws of
 * every element's state, and a check for each draw with at least one failure.
 *
 * Draws are exact but cheap: with L(j) = Σ_{i ≤ j} log(1 − q_i), the next failed element
 * after j is the first l with L(l) < L(j) + log(1 − r) for a uniform r (a binary search), so
 * a draw costs O((1 + failures) · log elements) instead of one random number per element.
 *
 * Importance sampling scales every failure probability by one factor so that about two
 * elements fail per draw (each capped at 0.5, never below its true value) and weights each
 * draw by its likelihood ratio: the estimate stays unbiased and sees rare cut sets often.
 */
export function monteCarlo(model: LocalModel, samples: number, rng: Random, importance: boolean, rareEvent: number): MonteCarloResult {
  const k = model.elementCount;
  const u = model.elemU;
  let total = 0;
  for (let j = 0; j < k; j++) total += u[j]!;
  const scale = importance && total > 0 ? Math.max(1, 2 / total) : 1;
  // cum[j + 1] = L(j); the sampling probabilities q and, for importance sampling, the
  // log-likelihood ratio of a draw: logAllUp + Σ over failed j of logDown[j].
  const cum = new Float64Array(k + 1);
  const logDown = new Float64Array(k);
  let logAllUp = 0;
  for (let j = 0; j < k; j++) {
    const uj = u[j]!;
    const qj = scale === 1 ? uj : Math.min(uj * scale, Math.max(0.5, uj));
    cum[j + 1] = cum[j]! + Math.log1p(-qj);
    const up = Math.log1p(-uj) - Math.log1p(-qj);
    logAllUp += up;
    logDown[j] = Math.log(uj / qj) - up;
  }
  const failed = new Int32Array(k);
  let down = 0;
  let sum = 0;
  let sumSq = 0;
  for (let n = 0; n < samples; n++) {
    let f = 0;
    let logW = logAllUp;
    // Position in cum: failures so far are all below `from`.
    let from = 0;
    for (;;) {
      const threshold = cum[from]! + Math.log1p(-rng.next());
      if (!(cum[k]! < threshold)) break;
      // First l ≥ from with cum[l + 1] < threshold.
      let lo = from + 1;
      let hi = k;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < threshold) hi = mid;
        else lo = mid + 1;
      }
      const j = lo - 1;
      failed[f++] = j;
      logW += logDown[j]!;
      from = j + 1;
    }
    if (f === 0 || model.check(failed, f)) continue;
    down++;
    if (importance) {
      const w = Math.exp(logW);
      sum += w;
      sumSq += w * w;
    }
  }
  let estimate: number;
  let low: number;
  let high: number;
  if (!importance) {
    estimate = down / samples;
    ({ low, high } = wilsonInterval(down, samples));
  } else {
    estimate = sum / samples;
    const variance = samples > 1 ? Math.max(0, (sumSq - samples * estimate * estimate) / (samples - 1)) : 0;
    const half = 1.959964 * Math.sqrt(variance / samples);
    low = Math.max(0, estimate - half);
    high = down === 0 ? 1 : Math.min(1, estimate + half);
  }
  let warning: string | undefined;
  if (down === 0) {
    warning = importance
      ? `no failure in ${samples} importance samples: no conclusion`
      : `no failure in ${samples} samples: the unavailability is below ${fmt(high)} (95 %); about ${rareEvent > 0 ? fmt(Math.ceil(10 / rareEvent)) : 'infinitely many'} samples would show ten failures at the estimated unavailability`;
  } else if (down < 10) {
    warning = `only ${down} failure${down === 1 ? '' : 's'} in ${samples} samples: the interval is wide`;
  }
  return {
    method: importance ? 'importance' : 'plain',
    samples,
    down,
    estimate,
    low,
    high,
    containsEstimate: low <= rareEvent && rareEvent <= high,
    ...(warning !== undefined && { warning }),
  };
}

function fmt(x: number): string {
  return x >= 1e6 || x < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

function objectsOf(source: ObjectSource): Iterable<StoredObject> {
  return Symbol.iterator in source ? source : source.values();
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
  readonly region: { nodes: number; edges: number; elements: number };
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
  const idOf = (model: LocalModel, e: number): string => {
    const i = model.elemIndex[e]!;
    const kind = model.elemKind[e]!;
    return kind === DEVICE ? p.nodeIds[i]! : kind === LINK ? p.edgeIds[i]! : p.riskGroupIds[i]!;
  };

  const cores = new Map<string, Core>();
  const coreOf = (s: number): Core => {
    const attach = m.attach.members.subarray(m.attach.offsets[s]!, m.attach.offsets[s + 1]!);
    const needs = m.needs.members.subarray(m.needs.offsets[s]!, m.needs.offsets[s + 1]!);
    const key = `${Array.from(attach).sort((x, y) => x - y).join(',')}|${Array.from(needs).sort((x, y) => x - y).join(',')}`;
    const known = cores.get(key);
    if (known) return known;
    const instances = Array.from(needs, (app) => m.appInstances.members.subarray(m.appInstances.offsets[app]!, m.appInstances.offsets[app + 1]!));
    const model = buildLocal(sh, attach, instances);
    let core: Core;
    if (!model || !model.up()) {
      core = {
        unavailability: 1,
        downWithoutFailures: true,
        cutSets: [],
        cutSetCounts: new Array<number>(maxOrder).fill(0),
        truncated: false,
        checks: 0,
        searches: 0,
        region: { nodes: model?.g.nodeCount ?? 0, edges: model?.g.edgeCount ?? 0, elements: model?.elementCount ?? 0 },
        ...(options.monteCarlo !== undefined && {
          monteCarlo: { method: options.importanceSampling ? 'importance' : 'plain', samples: options.monteCarlo, down: options.monteCarlo, estimate: 1, low: 1, high: 1, containsEstimate: true, warning: 'down with nothing failed: every sample is down' } as const,
        }),
      };
    } else {
      const en = enumerateCutSets(model, maxOrder, limit);
      const all: CutSet[] = [];
      let sum = 0;
      for (const list of en.cuts.slice(0, maxOrder)) {
        for (const set of list) {
          let prob = 1;
          for (const e of set) prob *= model.elemU[e]!;
          sum += prob;
          all.push({ order: set.length, elements: set.map((e) => idOf(model, e)).sort(), probability: prob });
        }
      }
      all.sort((x, y) => y.probability - x.probability || x.order - y.order || (x.elements.join(' ') < y.elements.join(' ') ? -1 : 1));
      const unavailability = Math.min(1, sum);
      core = {
        unavailability,
        downWithoutFailures: false,
        cutSets: all.slice(0, top),
        cutSetCounts: en.cuts.slice(0, maxOrder).map((l) => l.length),
        truncated: en.truncated,
        checks: en.checks,
        searches: model.searches,
        region: { nodes: model.g.nodeCount, edges: model.g.edgeCount, elements: model.elementCount },
        ...(options.monteCarlo !== undefined && {
          monteCarlo: monteCarlo(model, options.monteCarlo, new Random(seed, key), options.importanceSampling === true, unavailability),
        }),
      };
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
      region: core.region,
      ...(core.monteCarlo && { monteCarlo: core.monteCarlo }),
    };
  });

  const sources = { availability: 0, mtbf: 0, default: 0 };
  const count = (list: readonly AvailabilitySource[]): void => {
    for (const s of list) if (s !== 'site') sources[s]++;
  };
  count(ua.nodeSource);
  count(ua.edgeSource);
  count(ua.riskGroupSource);
  return { maxOrder, services, sources };
}
