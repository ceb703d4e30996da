/**
 * The raw-network report (docs/analysis.md, "check": `network`): articulation points, bridges
 * and biconnected components by estate id — what `check --json` reports for a network
 * without applications, and for the network under any estate.
 */
import { biconnectedComponents, type BiconnectedComponents } from '../graph/biconnectedComponents.js';
import { componentMembers, connectedComponents, type ConnectedComponents } from '../graph/connectedComponents.js';
import type { MaskOptions } from '../graph/FailureMask.js';
import type { Projection } from './projection.js';

/** Raw-network facts by id. Every list is sorted (ids by code unit order), so output is stable. */
export interface NetworkReport {
  /** Surviving nodes. */
  readonly nodes: number;
  /** Surviving links. */
  readonly links: number;
  /** Number of connected components among surviving nodes (an isolated node is one). */
  readonly components: number;
  /** Node ids (devices, or sites without devices) whose failure disconnects their component. */
  readonly articulationPoints: string[];
  /** Link ids whose failure disconnects their component. */
  readonly bridges: string[];
  /** Blocks as link ids, each sorted; blocks ordered by their first id. */
  readonly biconnectedComponents: string[][];
}

/** Options of {@link networkReport}. */
export interface NetworkReportOptions extends MaskOptions {
  /** The decomposition of the same projection under the same mask, if already computed. */
  decomposition?: BiconnectedComponents | undefined;
}

/** Computes the raw-network report of a projection (minus failed elements), in linear time plus sorting. */
export function networkReport(p: Projection, options: NetworkReportOptions = {}): NetworkReport {
  const bcc = options.decomposition ?? biconnectedComponents(p, options);
  const cc = connectedComponents(p, options);
  const ids = (list: Int32Array, names: readonly string[]): string[] => Array.from(list, (i) => names[i]!).sort(byCodeUnit);
  const blocks: string[][] = [];
  for (let b = 0; b < bcc.blockCount; b++) blocks.push(ids(bcc.blockEdges.subarray(bcc.blockOffsets[b]!, bcc.blockOffsets[b + 1]!), p.edgeIds));
  blocks.sort((x, y) => byCodeUnit(x[0]!, y[0]!));
  let nodes = 0;
  for (let v = 0; v < p.nodeCount; v++) if (cc.component[v]! >= 0) nodes++;
  return {
    nodes,
    links: bcc.blockEdges.length,
    components: cc.count,
    articulationPoints: ids(bcc.articulationPoints, p.nodeIds),
    bridges: ids(bcc.bridges, p.edgeIds),
    biconnectedComponents: blocks,
  };
}

/**
 * The node ids of each component (for a what-if's `components`): each sorted, largest
 * component first, ties by first id.
 */
export function componentNodeIds(p: Projection, cc: ConnectedComponents): string[][] {
  const { offsets, members } = componentMembers(cc);
  const out: string[][] = [];
  for (let c = 0; c < cc.count; c++) out.push(Array.from(members.subarray(offsets[c]!, offsets[c + 1]!), (v) => p.nodeIds[v]!).sort(byCodeUnit));
  return out.sort((x, y) => y.length - x.length || byCodeUnit(x[0]!, y[0]!));
}

/** Plain code-unit order: locale-independent, so reports compare equal across machines. */
function byCodeUnit(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
