/**
 * 2-edge-connected components: the classes of nodes that no single link failure separates.
 * The survivability of a service against single link failures reduces to "attach point
 * and instance in the same class".
 */
import type { BiconnectedComponents } from './biconnectedComponents.js';
import { biconnectedComponents } from './biconnectedComponents.js';
import { connectedComponents, type ConnectedComponents } from './connectedComponents.js';
import type { CsrGraph } from './CsrGraph.js';
import { masksOf, type MaskOptions } from './FailureMask.js';

/** Options of {@link twoEdgeConnectedComponents}. */
export interface TwoEdgeOptions extends MaskOptions {
  /** The decomposition of the same graph under the same mask, if already computed. */
  decomposition?: BiconnectedComponents | undefined;
}

/**
 * Labels the 2-edge-connected components of `g` minus the failed elements: the connected
 * components once every bridge is removed as well. Two nodes share a label iff they stay
 * connected after the failure of any one edge. Linear time: a bridge pass (skipped when
 * `decomposition` is given) and a component pass.
 */
export function twoEdgeConnectedComponents(g: CsrGraph, options?: TwoEdgeOptions): ConnectedComponents {
  const failed = masksOf(g, options);
  const bcc = options?.decomposition ?? biconnectedComponents(g, { failed });
  const edges = failed.edges.slice();
  for (let i = 0; i < bcc.bridges.length; i++) edges[bcc.bridges[i]!] = 1;
  return connectedComponents(g, { failed: { nodes: failed.nodes, edges } });
}
