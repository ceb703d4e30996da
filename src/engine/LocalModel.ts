/**
 * The local model of one service for the availability analysis (see availability.ts): the
 * service restricted to its relevant region, with per-element failure counters, the
 * breadth-first up/down check, witness path sets and the cache of surviving path sets.
 * The same model can be asked about other terminals ({@link LocalModel.retarget}), and an
 * edge can stand for a whole stretch of network that fails only when all elements of one of
 * its trigger sets fail (a pocket's transit, see pockets.ts).
 */
import type { CsrGraph } from '../graph/CsrGraph.js';
import { groupPairs, type Groups } from '../graph/groupBy.js';

/** Element kind of the local model: a device. */
export const DEVICE = 0;
/** Element kind of the local model: a link. */
export const LINK = 1;
/** Element kind of the local model: a risk group. */
export const GROUP = 2;

/**
 * One service restricted to its relevant region, with failure counters: the object every
 * check, enumeration and sample runs on.
 */
export class LocalModel {
  readonly g: CsrGraph;
  /** Local node → global node; local edge → global edge (-1 for virtual ones). */
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  /** Local attach nodes. */
  attach: Int32Array;
  /** Local node → slots of the needed applications it holds an instance of. */
  nodeSlots: Groups;
  needCount: number;
  /** Per element: kind, index in the projection (node, edge or risk group), unavailability. */
  readonly elemKind: Uint8Array;
  readonly elemIndex: Int32Array;
  readonly elemU: Float64Array;
  /** Element → its local nodes and edges; local node or edge → the elements that fail it. */
  readonly elemNodes: Groups;
  readonly elemEdges: Groups;
  readonly nodeElems: Groups;
  readonly edgeElems: Groups;
  /** Trigger sets: set → its edge and its elements; element → the sets holding it. */
  private readonly triggerEdge: Int32Array;
  private readonly triggerSize: Int32Array;
  private readonly triggerCount: Int32Array;
  private readonly elemTriggers: Groups;
  private readonly triggerElems: Groups;
  /** Edge → its trigger sets. */
  private readonly edgeTriggers: Groups;
  /** How often each element is failed right now. */
  private readonly elemDown: Uint16Array;
  /** Number of elements each local node and edge is failed by right now. */
  readonly nodeDown: Uint16Array;
  readonly edgeDown: Uint16Array;
  private readonly seen: Int32Array;
  private readonly parentNode: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly queue: Int32Array;
  private slotSeen: Int32Array;
  private slotAt: Int32Array;
  private readonly wNode: Int32Array;
  private readonly wEdge: Int32Array;
  private readonly wElem: Int32Array;
  private epoch = 0;
  private bfsEpoch = 0;
  // The instances' side of a two-way search, allocated on first use.
  private seen2 = new Int32Array(0);
  private queue2 = new Int32Array(0);
  private parentNode2 = new Int32Array(0);
  private parentEdge2 = new Int32Array(0);
  private epoch2 = 0;
  /** The instance nodes (of the one needed application, when there is one). */
  private slotNodes: Int32Array = new Int32Array(0);
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
    /** Edges that fail when every element of one of their sets fails: set → edge, set → elements. */
    triggers?: { edge: ArrayLike<number>; elements: Groups };
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
    const t = args.triggers;
    const tCount = t ? t.edge.length : 0;
    this.triggerEdge = Int32Array.from(t?.edge ?? []);
    this.triggerSize = new Int32Array(tCount);
    this.triggerCount = new Int32Array(tCount);
    if (t) {
      for (let i = 0; i < tCount; i++) this.triggerSize[i] = t.elements.offsets[i + 1]! - t.elements.offsets[i]!;
      this.elemTriggers = invertGroups(t.elements, k);
      this.triggerElems = t.elements;
      this.edgeTriggers = groupPairs(this.triggerEdge, Int32Array.from({ length: tCount }, (_, i) => i), m);
    } else {
      this.elemTriggers = { offsets: new Int32Array(k + 1), members: new Int32Array(0) };
      this.triggerElems = { offsets: new Int32Array(1), members: new Int32Array(0) };
      this.edgeTriggers = { offsets: new Int32Array(m + 1), members: new Int32Array(0) };
    }
    this.edgeElems = invertGroups(this.elemEdges, m);
    this.elemDown = new Uint16Array(k);
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
    this.slotNodes = this.instanceNodes();
    this.cacheCapacity = CACHE_SIZE;
    this.cacheWords = CACHE_SIZE / 32;
    this.cacheBits = new Uint32Array(k * this.cacheWords);
    this.cacheValid = new Uint32Array(this.cacheWords);
  }

  /** The nodes holding an instance of some needed application. */
  private instanceNodes(): Int32Array {
    const out: number[] = [];
    for (let v = 0; v + 1 < this.nodeSlots.offsets.length; v++) if (this.nodeSlots.offsets[v + 1]! > this.nodeSlots.offsets[v]!) out.push(v);
    return Int32Array.from(out);
  }

  /** Number of failure elements. */
  get elementCount(): number {
    return this.elemKind.length;
  }

  /** Fails element `e` (counted: failing twice needs restoring twice). */
  fail(e: number): void {
    this.failedNow++;
    this.elemDown[e]!++;
    const { elemNodes: en, elemEdges: ee, elemTriggers: et } = this;
    for (let i = en.offsets[e]!; i < en.offsets[e + 1]!; i++) this.nodeDown[en.members[i]!]!++;
    for (let i = ee.offsets[e]!; i < ee.offsets[e + 1]!; i++) this.edgeDown[ee.members[i]!]!++;
    for (let i = et.offsets[e]!; i < et.offsets[e + 1]!; i++) {
      const t = et.members[i]!;
      if (++this.triggerCount[t]! === this.triggerSize[t]) this.edgeDown[this.triggerEdge[t]!]!++;
    }
  }

  /** Undoes one {@link fail} of element `e`. */
  restore(e: number): void {
    this.failedNow--;
    this.elemDown[e]!--;
    const { elemNodes: en, elemEdges: ee, elemTriggers: et } = this;
    for (let i = en.offsets[e]!; i < en.offsets[e + 1]!; i++) this.nodeDown[en.members[i]!]!--;
    for (let i = ee.offsets[e]!; i < ee.offsets[e + 1]!; i++) this.edgeDown[ee.members[i]!]!--;
    for (let i = et.offsets[e]!; i < et.offsets[e + 1]!; i++) {
      const t = et.members[i]!;
      if (this.triggerCount[t]!-- === this.triggerSize[t]) this.edgeDown[this.triggerEdge[t]!]!--;
    }
  }

  /**
   * Asks about other terminals on the same graph and elements: new attach nodes and
   * instance slots; the cache of surviving path sets (which depends on them) is emptied.
   */
  retarget(attach: Int32Array, nodeSlots: Groups, needCount: number): void {
    this.attach = attach;
    this.nodeSlots = nodeSlots;
    this.needCount = needCount;
    this.slotNodes = this.instanceNodes();
    if (this.slotSeen.length < needCount) {
      this.slotSeen = new Int32Array(needCount);
      this.slotAt = new Int32Array(needCount);
    }
    const { cacheBits: bits, cacheWords: words } = this;
    this.cacheLists.forEach((list, slot) => {
      for (let i = 0; i < list.length; i++) bits[list[i]! * words + (slot >> 5)]! &= ~(1 << (slot & 31));
    });
    this.cacheLists.length = 0;
    this.cacheValid.fill(0);
    this.cacheNext = 0;
    this.cacheVersion++;
  }

  /**
   * Whether the service is up under the current failures: one breadth-first pass from the
   * surviving attach points, stopping as soon as one reaches an instance of every needed
   * application. Returns the attach node of success (local), or -1 if down.
   */
  private search(): number {
    if (this.needCount === 1) return this.searchTwoWay();
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

  /**
   * {@link search} for one needed application: breadth-first from the attach points and
   * from the instances at once, always growing the side with fewer nodes waiting, until they
   * meet (up) or one side runs out (down). A failure that cuts off a small part is found
   * after searching that part only. On meeting, the instances' side of the path is turned
   * round, so that the witness walks from the instance to the attach point as after
   * {@link search}.
   */
  private searchTwoWay(): number {
    const { offsets, neighbours, incidentEdges } = this.g;
    const { nodeDown, edgeDown, seen, queue, parentNode, parentEdge, nodeSlots, slotAt } = this;
    const n = this.g.nodeCount;
    if (this.queue2.length < n) this.allocateTwoWay(n);
    const { seen2, queue2, parentNode2, parentEdge2 } = this;
    const ea = ++this.epoch;
    const eb = ++this.epoch2;
    let headA = 0;
    let tailA = 0;
    for (let k = 0; k < this.attach.length; k++) {
      const a = this.attach[k]!;
      if (nodeDown[a] || seen[a] === ea) continue;
      if (nodeSlots.offsets[a + 1]! > nodeSlots.offsets[a]!) {
        slotAt[0] = a;
        return a;
      }
      seen[a] = ea;
      parentNode[a] = -1;
      parentEdge[a] = -1;
      queue[tailA++] = a;
    }
    let headB = 0;
    let tailB = 0;
    const instances = this.slotNodes;
    for (let i = 0; i < instances.length; i++) {
      const t = instances[i]!;
      if (nodeDown[t] || seen2[t] === eb) continue;
      seen2[t] = eb;
      parentNode2[t] = -1;
      parentEdge2[t] = -1;
      queue2[tailB++] = t;
    }
    while (headA < tailA && headB < tailB) {
      const fromA = tailA - headA <= tailB - headB;
      const v = fromA ? queue[headA++]! : queue2[headB++]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const w = neighbours[i]!;
        const e = incidentEdges[i]!;
        if (nodeDown[w] || edgeDown[e]) continue;
        if (fromA) {
          if (seen[w] === ea) continue;
          seen[w] = ea;
          parentNode[w] = v;
          parentEdge[w] = e;
          if (seen2[w] === eb) return this.meet(w);
          queue[tailA++] = w;
        } else {
          if (seen2[w] === eb) continue;
          seen2[w] = eb;
          parentNode2[w] = v;
          parentEdge2[w] = e;
          if (seen[w] === ea) return this.meet(w);
          queue2[tailB++] = w;
        }
      }
    }
    return -1;
  }

  /** Joins the two halves of a two-way search at node x: the path from the instance to the attach point; returns the attach point. */
  private meet(x: number): number {
    const { parentNode, parentEdge, parentNode2, parentEdge2 } = this;
    let cur = x;
    let prev = parentNode2[x]!;
    let edge = parentEdge2[x]!;
    while (prev >= 0) {
      const next = parentNode2[prev]!;
      const nextEdge = parentEdge2[prev]!;
      parentNode[prev] = cur;
      parentEdge[prev] = edge;
      cur = prev;
      prev = next;
      edge = nextEdge;
    }
    this.slotAt[0] = cur;
    let a = x;
    while (parentNode[a]! >= 0) a = parentNode[a]!;
    return a;
  }

  private allocateTwoWay(n: number): void {
    this.seen2 = new Int32Array(n);
    this.queue2 = new Int32Array(n);
    this.parentNode2 = new Int32Array(n);
    this.parentEdge2 = new Int32Array(n);
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

  /** Words of cache bits per element (one bit per cached path set). */
  get cacheWordCount(): number {
    return this.cacheWords;
  }

  /** Changes whenever a path set joins the cache. */
  cacheVersion = 0;

  /**
   * The cached path sets that neither a nor b hits, as bits into `out` (none when something
   * is failed now): a third element that does not hit one of them leaves the service up.
   */
  cachedAvoiding(a: number, b: number, out: Uint32Array): void {
    const { cacheBits: bits, cacheWords: words, cacheValid: valid } = this;
    for (let w = 0; w < words; w++) out[w] = this.failedNow === 0 ? valid[w]! & ~(bits[a * words + w]! | bits[b * words + w]!) : 0;
  }

  /** True if element c misses one of the path sets in `free` (from {@link cachedAvoiding}). */
  cachedUpWith(free: Uint32Array, c: number): boolean {
    const { cacheBits: bits, cacheWords: words } = this;
    for (let w = 0; w < words; w++) {
      if ((free[w]! & ~bits[c * words + w]!) !== 0) {
        this.cacheHits++;
        return true;
      }
    }
    return false;
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
          this.hitTriggers(e, epoch, out);
        }
        v = parentNode[v]!;
      }
    }
    const w = Int32Array.from(out).sort();
    this.remember(w);
    return w;
  }

  /**
   * Adds to `out` elements hitting every trigger set of edge `e` in an element not failed
   * now (none of its sets is complete, or the edge would be down). A cut set that breaks the
   * edge completes one of its sets, so it holds one of these elements beyond the current
   * failures; a set of elements that avoids them completes none of its sets. A small
   * choice keeps the branching narrow: an element already chosen is reused, else the
   * first not failed (the sets come smallest first).
   */
  private hitTriggers(e: number, epoch: number, out: number[]): void {
    const { edgeTriggers: et, triggerElems: te, wElem, elemDown } = this;
    for (let i = et.offsets[e]!; i < et.offsets[e + 1]!; i++) {
      const t = et.members[i]!;
      let pick = -1;
      let hit = false;
      for (let j = te.offsets[t]!; j < te.offsets[t + 1]! && !hit; j++) {
        const x = te.members[j]!;
        if (elemDown[x]) continue;
        if (wElem[x] === epoch) hit = true;
        else if (pick < 0) pick = x;
      }
      if (hit || pick < 0) continue;
      wElem[pick] = epoch;
      out.push(pick);
    }
  }

  /** Adds a surviving path set (its hitting elements) to the cache, replacing the oldest. */
  private remember(elements: Int32Array): void {
    this.cacheVersion++;
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

/**
 * Surviving path sets kept per local model (a multiple of 32). 1024, not 256: on the core
 * graph of a state-scale estate (docs/availability.md, "Composed from pockets") the larger
 * cache answers enough more checks to save ~15 % of the availability of every service,
 * for 128 bytes per element and model.
 */
const CACHE_SIZE = 1024;

/**
 * The inverse relation of CSR groups: member → the groups holding it.
 *
 * @param g the groups.
 * @param count the number of members (the group count of the result).
 */
export function invertGroups(g: Groups, count: number): Groups {
  const member: number[] = [];
  const group: number[] = [];
  for (let k = 0; k + 1 < g.offsets.length; k++) for (let i = g.offsets[k]!; i < g.offsets[k + 1]!; i++) (member.push(g.members[i]!), group.push(k));
  return groupPairs(member, group, count);
}
