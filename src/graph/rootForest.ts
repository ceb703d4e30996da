/**
 * Rooted forests over the vertices of a tree given as CSR adjacency (the block-cut tree and
 * the bridge tree of `analyzeSurvivability`), with depths and DFS entry times for subtree
 * and path (LCA) walks.
 */
import { groupPairs, type Groups } from './groupBy.js';

/** A rooted forest over tree vertices, with DFS entry times for subtree tests. */
export interface RootedForest {
  /** Parent vertex, -1 at a root. */
  readonly parent: Int32Array;
  /** The graph edge to the parent (bridge trees), -1 at a root or where not given. */
  readonly parentEdge: Int32Array;
  readonly depth: Int32Array;
  /** Entry time; the subtree of t is the vertices with tin in tin[t] .. tout[t]. */
  readonly tin: Int32Array;
  readonly tout: Int32Array;
  /** Children of each vertex in entry-time order (for binary search). */
  readonly children: Groups;
}

/**
 * Roots every tree of a forest given as CSR adjacency (`targets[k]` over slot ranges
 * `offsets`) by an iterative DFS; roots are taken in vertex order, so the smallest vertex
 * of each tree is its root.
 */
export function rootForest(count: number, offsets: Int32Array, targets: Int32Array, slotEdge?: Int32Array): RootedForest {
  const parent = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  const depth = new Int32Array(count);
  const tin = new Int32Array(count).fill(-1);
  const tout = new Int32Array(count);
  const next = new Int32Array(count);
  const stack = new Int32Array(count);
  const order = new Int32Array(count);
  let time = 0;
  for (let r = 0; r < count; r++) {
    if (tin[r]! >= 0) continue;
    order[time] = r;
    tin[r] = time++;
    next[r] = offsets[r]!;
    let sp = 0;
    stack[sp++] = r;
    while (sp > 0) {
      const t = stack[sp - 1]!;
      const k = next[t]!;
      if (k < offsets[t + 1]!) {
        next[t] = k + 1;
        const u = targets[k]!;
        if (tin[u]! >= 0) continue;
        order[time] = u;
        tin[u] = time++;
        parent[u] = t;
        if (slotEdge) parentEdge[u] = slotEdge[k]!;
        depth[u] = depth[t]! + 1;
        next[u] = offsets[u]!;
        stack[sp++] = u;
      } else {
        tout[t] = time - 1;
        sp--;
      }
    }
  }
  // Children grouped by parent, in entry-time order.
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    const u = order[i]!;
    if (parent[u]! >= 0) {
      from[pairs] = parent[u]!;
      to[pairs++] = u;
    }
  }
  return { parent, parentEdge, depth, tin, tout, children: groupPairs(from.subarray(0, pairs), to.subarray(0, pairs), count) };
}
