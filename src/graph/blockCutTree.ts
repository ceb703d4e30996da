/**
 * The block-cut tree: one vertex per block and one per articulation point, a tree edge
 * where an articulation point belongs to a block. A node failure separates two nodes iff
 * it is an articulation point on the tree path between them — the linear-time structure
 * for single device and site failures (docs/analysis.md, "check").
 */
import type { BiconnectedComponents } from './biconnectedComponents.js';
import type { CsrGraph } from './CsrGraph.js';
import { groupPairs, type Groups } from './groupBy.js';

/**
 * A block-cut forest (one tree per connected component that has an edge).
 *
 * Tree vertices: `t < blockCount` is block `t`; `t >= blockCount` is the articulation
 * point `cutNodes[t - blockCount]`.
 */
export interface BlockCutTree {
  /** Number of blocks (as in the decomposition). */
  readonly blockCount: number;
  /** Articulation points, ascending graph node indices; cut `k` is tree vertex `blockCount + k`. */
  readonly cutNodes: Int32Array;
  /** Graph node → cut index, or -1 if the node is not an articulation point. */
  readonly nodeCut: Int32Array;
  /**
   * Graph node → the one block that holds it, for nodes that are in exactly one block;
   * -1 for articulation points (several blocks), failed nodes and nodes without a
   * surviving edge (no block). The tree vertex of node `v` is therefore `nodeBlock[v]` or
   * `blockCount + nodeCut[v]`.
   */
  readonly nodeBlock: Int32Array;
  /** The nodes of each block (CSR), in the order the block's edges first reach them. */
  readonly blockNodes: Groups;
  /** Tree adjacency (CSR over `blockCount + cutNodes.length` vertices). */
  readonly adjacency: Groups;
}

/**
 * Builds the block-cut forest from a decomposition of `g`, in O(nodes + edges).
 *
 * @param bcc the result of `biconnectedComponents` on the same graph and mask.
 */
export function blockCutTree(g: CsrGraph, bcc: BiconnectedComponents): BlockCutTree {
  const { blockCount, blockOffsets, blockEdges, isArticulation } = bcc;
  const { edgeA, edgeB } = g;
  const n = g.nodeCount;

  const nodeCut = new Int32Array(n).fill(-1);
  const cutNodes = bcc.articulationPoints;
  for (let k = 0; k < cutNodes.length; k++) nodeCut[cutNodes[k]!] = k;

  // Block → nodes: each edge contributes its endpoints, deduplicated per block by stamping
  // the node with the block number (+1, as 0 means unstamped).
  const stamp = new Int32Array(n);
  const pairBlock: number[] = [];
  const pairNode: number[] = [];
  const nodeBlock = new Int32Array(n).fill(-1);
  for (let b = 0; b < blockCount; b++) {
    const end = blockOffsets[b + 1]!;
    for (let i = blockOffsets[b]!; i < end; i++) {
      const e = blockEdges[i]!;
      for (let end2 = 0; end2 < 2; end2++) {
        const v = end2 === 0 ? edgeA[e]! : edgeB[e]!;
        if (stamp[v] === b + 1) continue;
        stamp[v] = b + 1;
        pairBlock.push(b);
        pairNode.push(v);
        if (!isArticulation[v]) nodeBlock[v] = b;
      }
    }
  }
  const blockNodes = groupPairs(pairBlock, pairNode, blockCount);

  // Tree edges: block — each of its articulation points, stored in both directions.
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < pairNode.length; i++) {
    const k = nodeCut[pairNode[i]!]!;
    if (k < 0) continue;
    const b = pairBlock[i]!;
    from.push(b, blockCount + k);
    to.push(blockCount + k, b);
  }
  const adjacency = groupPairs(from, to, blockCount + cutNodes.length);
  return { blockCount, cutNodes, nodeCut, nodeBlock, blockNodes, adjacency };
}
