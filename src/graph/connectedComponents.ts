/**
 * Connected components under a failure mask in one breadth-first pass: one component
 * pass per multi-element failure (a site, a risk group, any what-if set; docs/analysis.md, "Performance").
 */
import type { CsrGraph } from './CsrGraph.js';
import { masksOf, type MaskOptions } from './FailureMask.js';
import { groupBy, type Groups } from './groupBy.js';

/** Component labels of the surviving nodes. */
export interface ConnectedComponents {
  /** Number of components among surviving nodes; components are `0 .. count - 1`. */
  readonly count: number;
  /**
   * The component of each node, numbered in order of each component's lowest node; -1 for a
   * failed node. Length `nodeCount`.
   */
  readonly component: Int32Array;
}

/**
 * Labels the connected components of `g` minus the failed elements, in O(nodes + edges).
 * An isolated surviving node is a component of its own.
 *
 * @param options `failed`: nodes and edges to remove first (a failed node takes its edges).
 */
export function connectedComponents(g: CsrGraph, options?: MaskOptions): ConnectedComponents {
  const { nodeCount: n, offsets, neighbours, incidentEdges } = g;
  const { nodes: deadNode, edges: deadEdge } = masksOf(g, options);
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (component[s] !== -1 || deadNode[s]) continue;
    const c = count++;
    component[s] = c;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++]!;
      const end = offsets[v + 1]!;
      for (let i = offsets[v]!; i < end; i++) {
        const w = neighbours[i]!;
        if (component[w] !== -1 || deadNode[w] || deadEdge[incidentEdges[i]!]) continue;
        component[w] = c;
        queue[tail++] = w;
      }
    }
  }
  return { count, component };
}

/**
 * The members of each component as CSR: component `c` holds nodes
 * `members[offsets[c] .. offsets[c + 1] - 1]`, ascending. Failed nodes are in none.
 */
export function componentMembers(cc: ConnectedComponents): Groups {
  return groupBy(cc.component, cc.count);
}

