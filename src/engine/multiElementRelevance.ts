/** The skip test of the multi-element passes of `analyzeSurvivability` (part 3). */
import type { Projection } from './projection.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/**
 * Returns the test "can this failure (new nodes and edges on top of F) break an analysed
 * service at all?", from the blocks and nodes the single-failure checks marked relevant.
 */
export function multiElementRelevance(
  p: Projection,
  st: SurvivabilityStructures,
  relevantBlock: Uint8Array,
  relevantNode: Uint8Array,
): (nodes: Int32Array, nodeCount: number, edges: Int32Array, edgeCount: number) => boolean {
  const { bcc, bct, B } = st;
  //
  // To break service s, a failure X must cut its first good attach point p0 off from
  // every instance of some application, so in particular from the instance i the path
  // walk above went to. Every p0–i path runs through the blocks on their block-cut tree
  // path, entering and leaving each at a cut vertex (or p0, i). So X holds p0, i or a cut
  // vertex on that path (all marked in relevantNode), or it cuts entry from exit inside
  // one block of the path (marked in relevantBlock): the one edge of a bridge block, or,
  // as a block of more is 2-connected, at least two of its nodes and edges. A failure that
  // does none of this for any analysed service needs no component pass.
  const blockStamp = new Int32Array(B);
  const blockHits = new Int32Array(B);
  const blockSeenBy = new Int32Array(B);
  let hitToken = 0;
  let nodeToken = 0;
  /** Counts one more element of X in block b; true once that can separate within b. */
  const hit = (b: number): boolean => {
    if (b < 0 || !relevantBlock[b]) return false;
    if (blockStamp[b] !== hitToken) {
      blockStamp[b] = hitToken;
      blockHits[b] = 0;
    }
    blockHits[b] = blockHits[b]! + 1;
    return blockHits[b]! >= (bcc.blockOffsets[b + 1]! - bcc.blockOffsets[b]! === 1 ? 1 : 2);
  };
  /** Can this failure (new nodes and edges on top of F) break an analysed service at all? */
  return (nodes: Int32Array, nodeCount: number, edges: Int32Array, edgeCount: number): boolean => {
    hitToken++;
    for (let k = 0; k < nodeCount; k++) {
      const v = nodes[k]!;
      if (relevantNode[v]) return true;
      if (bct.nodeCut[v]! < 0) {
        if (hit(bct.nodeBlock[v]!)) return true;
        continue;
      }
      // A cut vertex is a node of each of its blocks: count it once in each.
      const nt = ++nodeToken;
      for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
        const b = bcc.edgeBlock[p.incidentEdges[i]!]!;
        if (b < 0 || blockSeenBy[b] === nt) continue;
        blockSeenBy[b] = nt;
        if (hit(b)) return true;
      }
    }
    for (let k = 0; k < edgeCount; k++) if (hit(bcc.edgeBlock[edges[k]!]!)) return true;
    return false;
  };
}
