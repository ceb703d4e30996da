/**
 * The compressed sparse row (CSR) index every engine algorithm runs on: an undirected
 * multigraph in flat typed arrays, nodes and edges numbered from 0.
 *
 * Why typed arrays and not objects: a linear pass over 10^6 edges is bound by memory
 * traffic, and integer arrays laid out contiguously are what makes it fast (graphology's
 * lesson). The index is built once per estate version and shared by every analysis;
 * failures are expressed as masks over it (see `FailureMask`), never as copies.
 */

/**
 * An undirected multigraph in CSR form. Parallel edges are kept (two links between the
 * same devices are two edges); self-loops are not allowed.
 *
 * The incident slots of node `v` are `offsets[v] .. offsets[v + 1] - 1`; slot `i` leads to
 * node `neighbours[i]` over edge `incidentEdges[i]`. Every edge appears in exactly two
 * slots, one at each end.
 *
 * Treat every array as read-only: typed arrays cannot be frozen, and analyses share them.
 */
export interface CsrGraph {
  /** Number of nodes; nodes are `0 .. nodeCount - 1`. */
  readonly nodeCount: number;
  /** Number of edges; edges are `0 .. edgeCount - 1`. */
  readonly edgeCount: number;
  /** Slot ranges per node, length `nodeCount + 1`. */
  readonly offsets: Int32Array;
  /** The node at the other end of each slot, length `2 * edgeCount`. */
  readonly neighbours: Int32Array;
  /** The edge of each slot, length `2 * edgeCount`. */
  readonly incidentEdges: Int32Array;
  /** First endpoint of each edge, length `edgeCount`. */
  readonly edgeA: Int32Array;
  /** Second endpoint of each edge, length `edgeCount`. */
  readonly edgeB: Int32Array;
}

/**
 * Builds the CSR index of an edge list in linear time (counting sort by endpoint). Within a
 * node, incident slots are in edge order, so the result is deterministic.
 *
 * @param nodeCount number of nodes; every endpoint must be in `0 .. nodeCount - 1`.
 * @param edgeA first endpoints; kept (not copied) as `edgeA` of the result.
 * @param edgeB second endpoints, same length as `edgeA`; kept as `edgeB`.
 * @throws RangeError on an endpoint out of range or a self-loop.
 */
export function buildCsr(nodeCount: number, edgeA: Int32Array, edgeB: Int32Array): CsrGraph {
  const edgeCount = edgeA.length;
  if (edgeB.length !== edgeCount) throw new RangeError('edgeA and edgeB differ in length');
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    // One unsigned comparison catches negatives too.
    if (a >>> 0 >= nodeCount || b >>> 0 >= nodeCount) throw new RangeError(`edge ${e} has an endpoint out of range: ${a}, ${b}`);
    if (a === b) throw new RangeError(`edge ${e} is a self-loop at node ${a}`);
    offsets[a + 1]!++;
    offsets[b + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodeCount);
  const neighbours = new Int32Array(2 * edgeCount);
  const incidentEdges = new Int32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    let i = fill[a]!++;
    neighbours[i] = b;
    incidentEdges[i] = e;
    i = fill[b]!++;
    neighbours[i] = a;
    incidentEdges[i] = e;
  }
  return { nodeCount, edgeCount, offsets, neighbours, incidentEdges, edgeA, edgeB };
}
