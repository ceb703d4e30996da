/**
 * Biconnected components (blocks), articulation points and bridges of a multigraph in one
 * linear, iterative depth-first pass (Hopcroft–Tarjan with an edge stack).
 *
 * Why iterative: networks of 10^6 links make paths of that depth; a recursive search would
 * overflow the call stack. The explicit stack keeps, per node, the next CSR slot to try.
 */
import type { CsrGraph } from './CsrGraph.js';
import { masksOf, type MaskOptions } from './FailureMask.js';

/**
 * The block decomposition of a graph (minus the failed elements).
 *
 * Multigraph semantics: two or more parallel edges between the same nodes form a cycle,
 * so none of them is a bridge and they share a block. A block is a maximal set of edges in
 * which every two edges lie on a common simple cycle, or a single edge that is a bridge;
 * nodes without a surviving edge belong to no block. This equals NetworkX's
 * `biconnected_component_edges` / `bridges` on a `MultiGraph` once parallel edges are
 * collapsed to their node pair (NetworkX lists node pairs, not edges).
 */
export interface BiconnectedComponents {
  /** Number of blocks; blocks are `0 .. blockCount - 1`, in the order the search closed them. */
  readonly blockCount: number;
  /** Edge ranges per block, length `blockCount + 1` (CSR over `blockEdges`). */
  readonly blockOffsets: Int32Array;
  /** The edges of every block, block after block. */
  readonly blockEdges: Int32Array;
  /** The block of each edge; -1 for an absent (failed) edge. Length `edgeCount`. */
  readonly edgeBlock: Int32Array;
  /** 1 = the node is an articulation point (its removal disconnects its component). */
  readonly isArticulation: Uint8Array;
  /** The articulation points, ascending. */
  readonly articulationPoints: Int32Array;
  /** 1 = the edge is a bridge (its removal disconnects its component). */
  readonly isBridge: Uint8Array;
  /** The bridges, ascending. */
  readonly bridges: Int32Array;
}

/**
 * Computes blocks, articulation points and bridges in O(nodes + edges) time and memory.
 *
 * @param g the graph.
 * @param options `failed`: nodes and edges to remove first (a failed node takes its edges).
 */
export function biconnectedComponents(g: CsrGraph, options?: MaskOptions): BiconnectedComponents {
  const { nodeCount: n, edgeCount: m, offsets, neighbours, incidentEdges } = g;
  const failed = masksOf(g, options);
  const deadNode = failed.nodes;
  const deadEdge = failed.edges;

  // disc = discovery time from 1 (0 = unvisited); low = lowest discovery time reachable
  // from the node's subtree over one back edge.
  const disc = new Int32Array(n);
  const low = new Int32Array(n);
  const parentEdge = new Int32Array(n);
  const nextSlot = new Int32Array(n);
  const nodeStack = new Int32Array(n);
  const edgeStack = new Int32Array(m);
  const edgeBlock = new Int32Array(m).fill(-1);
  const blockEdges = new Int32Array(m);
  // At most one block per edge, plus the leading 0.
  const blockOffsetsFull = new Int32Array(m + 1);
  const isArticulation = new Uint8Array(n);
  const isBridge = new Uint8Array(m);

  let time = 0;
  let blockCount = 0;
  let written = 0;

  for (let root = 0; root < n; root++) {
    if (disc[root] !== 0 || deadNode[root]) continue;
    disc[root] = low[root] = ++time;
    parentEdge[root] = -1;
    nextSlot[root] = offsets[root]!;
    let sp = 0;
    nodeStack[sp++] = root;
    let esp = 0;
    let rootChildren = 0;

    while (sp > 0) {
      const v = nodeStack[sp - 1]!;
      const slot = nextSlot[v]!;
      if (slot < offsets[v + 1]!) {
        nextSlot[v] = slot + 1;
        const e = incidentEdges[slot]!;
        // Skip the tree edge we came in by — by edge, not by node, so that a parallel edge
        // back to the parent counts as a back edge (and the pair is not a bridge).
        if (e === parentEdge[v] || deadEdge[e]) continue;
        const w = neighbours[slot]!;
        if (deadNode[w]) continue;
        const dw = disc[w]!;
        if (dw === 0) {
          disc[w] = low[w] = ++time;
          parentEdge[w] = e;
          nextSlot[w] = offsets[w]!;
          nodeStack[sp++] = w;
          edgeStack[esp++] = e;
        } else if (dw < disc[v]!) {
          // Back edge to an ancestor. (dw > disc[v]: a descendant's back edge to v, already
          // taken from the descendant's side.)
          if (dw < low[v]!) low[v] = dw;
          edgeStack[esp++] = e;
        }
        continue;
      }
      // v is finished: report to its parent u.
      sp--;
      if (sp === 0) break;
      const u = nodeStack[sp - 1]!;
      const lv = low[v]!;
      if (lv < low[u]!) low[u] = lv;
      if (lv >= disc[u]!) {
        // Nothing below v climbs above u: the edges pushed since (u, v) form a block, and u
        // separates it from the rest (unless u is the root with a single child).
        const tree = parentEdge[v]!;
        const start = written;
        let e: number;
        do {
          e = edgeStack[--esp]!;
          edgeBlock[e] = blockCount;
          blockEdges[written++] = e;
        } while (e !== tree);
        if (written - start === 1) isBridge[tree] = 1;
        blockOffsetsFull[++blockCount] = written;
        if (u === root) rootChildren++;
        else isArticulation[u] = 1;
      }
    }
    if (rootChildren >= 2) isArticulation[root] = 1;
  }

  return {
    blockCount,
    blockOffsets: blockOffsetsFull.slice(0, blockCount + 1),
    blockEdges: written === m ? blockEdges : blockEdges.slice(0, written),
    edgeBlock,
    isArticulation,
    articulationPoints: indicesOf(isArticulation),
    isBridge,
    bridges: indicesOf(isBridge),
  };
}

/** The positions of the ones in a 0/1 array, ascending. */
function indicesOf(flags: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < flags.length; i++) count += flags[i]!;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) out[k++] = i;
  return out;
}

/** The articulation points of `g` (minus failed elements), ascending. See {@link biconnectedComponents}. */
export function articulationPoints(g: CsrGraph, options?: MaskOptions): Int32Array {
  return biconnectedComponents(g, options).articulationPoints;
}

/** The bridges of `g` (minus failed elements), ascending edge indices. See {@link biconnectedComponents}. */
export function bridges(g: CsrGraph, options?: MaskOptions): Int32Array {
  return biconnectedComponents(g, options).bridges;
}
