/** The breadth-first spanning forest of G − F, with entry and exit times of a depth-first walk of each tree. */
import type { CsrGraph } from './CsrGraph.js';
import { groupPairs } from './groupBy.js';

/** A spanning forest of G − F (the engine's TreeShortcut reads it). */
export interface SpanningForest {
  /** The root node of each component. */
  readonly root: Int32Array;
  /** The tree edge to each node's parent, -1 at a root (and for failed nodes). */
  readonly parentEdge: Int32Array;
  /** DFS entry time of each node in the tree; its subtree is tin … tout. */
  readonly tin: Int32Array;
  readonly tout: Int32Array;
}

/**
 * A breadth-first spanning forest of G − F, each tree rooted at a node of highest degree in
 * its component (shallow trees keep the subtrees below a failure small), with entry and
 * exit times of a depth-first walk of the tree. Linear time.
 */
export function spanningForest(p: CsrGraph, F: { nodes: Uint8Array; edges: Uint8Array }, comp0: Int32Array, compCount: number): SpanningForest {
  const n = p.nodeCount;
  const { offsets, neighbours, incidentEdges } = p;
  const root = new Int32Array(compCount).fill(-1);
  const best = new Int32Array(compCount).fill(-1);
  for (let v = 0; v < n; v++) {
    const c = comp0[v]!;
    if (c < 0) continue;
    const d = offsets[v + 1]! - offsets[v]!;
    if (d > best[c]!) {
      best[c] = d;
      root[c] = v;
    }
  }
  const parent = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const reached = new Uint8Array(n);
  const order = new Int32Array(n);
  let tail = 0;
  for (let c = 0; c < compCount; c++) {
    const r = root[c]!;
    reached[r] = 1;
    let head = tail;
    order[tail++] = r;
    while (head < tail) {
      const v = order[head++]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const w = neighbours[i]!;
        const e = incidentEdges[i]!;
        if (reached[w] || F.nodes[w] || F.edges[e]) continue;
        reached[w] = 1;
        parent[w] = v;
        parentEdge[w] = e;
        order[tail++] = w;
      }
    }
  }
  // Entry and exit times of a depth-first walk over the tree: children grouped by parent.
  const from = new Int32Array(tail);
  const to = new Int32Array(tail);
  let pairs = 0;
  for (let i = 0; i < tail; i++) {
    const v = order[i]!;
    if (parent[v]! >= 0) {
      from[pairs] = parent[v]!;
      to[pairs++] = v;
    }
  }
  const children = groupPairs(from.subarray(0, pairs), to.subarray(0, pairs), n);
  const tin = new Int32Array(n).fill(-1);
  const tout = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  let time = 0;
  for (let c = 0; c < compCount; c++) {
    const r = root[c]!;
    let sp = 0;
    stack[sp++] = r;
    tin[r] = time++;
    next[r] = children.offsets[r]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const k = next[v]!;
      if (k < children.offsets[v + 1]!) {
        next[v] = k + 1;
        const w = children.members[k]!;
        tin[w] = time++;
        next[w] = children.offsets[w]!;
        stack[sp++] = w;
      } else {
        tout[v] = time - 1;
        sp--;
      }
    }
  }
  return { root, parentEdge, tin, tout };
}
