/** The structures of G − F that `analyzeSurvivability` works on: block-cut and bridge trees. */
import { biconnectedComponents, type BiconnectedComponents } from '../graph/biconnectedComponents.js';
import { blockCutTree, type BlockCutTree } from '../graph/blockCutTree.js';
import { connectedComponents } from '../graph/connectedComponents.js';
import { emptyMask, type FailureMask } from '../graph/FailureMask.js';
import { groupPairs } from '../graph/groupBy.js';
import type { Projection } from './projection.js';
import { rootForest, type RootedForest } from '../graph/rootForest.js';
import { twoEdgeConnectedComponents } from '../graph/twoEdgeConnectedComponents.js';

/** The decompositions of G − F shared by the parts of `analyzeSurvivability`. */
export interface SurvivabilityStructures {
  /** Connected component of each node, -1 for failed nodes. */
  readonly comp0: Int32Array;
  readonly compCount: number;
  readonly bcc: BiconnectedComponents;
  readonly bct: BlockCutTree;
  /** Number of blocks: tree vertices 0 .. B - 1 are blocks, B .. T - 1 cut vertices. */
  readonly B: number;
  readonly T: number;
  /** The rooted block-cut forest. */
  readonly bcf: RootedForest;
  /** Tree vertex of a node in the block-cut forest, -1 if it has no surviving edge. */
  readonly treeOf: (x: number) => number;
  /** 2-edge-connected class of each node. */
  readonly cls: Int32Array;
  /** The rooted bridge forest over the classes, with each class's bridge to its parent. */
  readonly btf: RootedForest;
}

/** Builds the components, block-cut forest and bridge forest of G − F (of G itself without F). */
export function survivabilityStructures(p: Projection, F: FailureMask = emptyMask(p)): SurvivabilityStructures {
  const { edgeA, edgeB } = p;
  const cc = connectedComponents(p, { failed: F });
  const comp0 = cc.component;
  const compCount = cc.count;
  const bcc = biconnectedComponents(p, { failed: F });
  const bct = blockCutTree(p, bcc);
  const B = bct.blockCount;
  const T = B + bct.cutNodes.length;
  const bcf = rootForest(T, bct.adjacency.offsets, bct.adjacency.members);
  /** Tree vertex of a node in the block-cut forest, -1 if it has no surviving edge. */
  const treeOf = (x: number): number => (bct.nodeCut[x]! >= 0 ? B + bct.nodeCut[x]! : bct.nodeBlock[x]!);

  const two = twoEdgeConnectedComponents(p, { failed: F, decomposition: bcc });
  const cls = two.component;
  const bridgeFrom: number[] = [];
  const bridgeTo: number[] = [];
  const bridgeSlot: number[] = [];
  for (let k = 0; k < bcc.bridges.length; k++) {
    const e = bcc.bridges[k]!;
    bridgeFrom.push(cls[edgeA[e]!]!, cls[edgeB[e]!]!);
    bridgeTo.push(2 * k, 2 * k + 1);
    bridgeSlot.push(e, e);
  }
  // Bridge-tree adjacency as CSR: slot j leads to class bridgeTarget[j] over bridge bridgeEdge[j].
  const bridgeAdj = groupPairs(bridgeFrom, bridgeTo, two.count);
  const bridgeTarget = new Int32Array(bridgeAdj.members.length);
  const bridgeEdge = new Int32Array(bridgeAdj.members.length);
  for (let j = 0; j < bridgeAdj.members.length; j++) {
    const k = bridgeAdj.members[j]!;
    const e = bridgeSlot[k]!;
    // Slot 2k is the a-end's entry (leads to b), 2k + 1 the b-end's (leads to a).
    bridgeTarget[j] = k % 2 === 0 ? cls[edgeB[e]!]! : cls[edgeA[e]!]!;
    bridgeEdge[j] = e;
  }
  const btf = rootForest(two.count, bridgeAdj.offsets, bridgeTarget, bridgeEdge);
  return { comp0, compCount, bcc, bct, B, T, bcf, treeOf, cls, btf };
}
