/**
 * The multi-element failure (a site, a risk group) that multiElementAnalysis.ts evaluates
 * next: its members not already failed in F, as buffers with counts (reused for every failure).
 */
import type { CsrGraph } from '../graph/CsrGraph.js';

/** The new nodes and edges of one failure on top of F. */
export class FailureUnderTest {
  readonly nodes: Int32Array;
  nodeCount = 0;
  readonly edges: Int32Array;
  edgeCount = 0;
  private readonly stamp: Int32Array;
  private token = 0;

  constructor(
    private readonly g: CsrGraph,
    private readonly F: { nodes: Uint8Array; edges: Uint8Array },
  ) {
    this.nodes = new Int32Array(g.nodeCount);
    this.edges = new Int32Array(g.edgeCount);
    this.stamp = new Int32Array(g.nodeCount);
  }

  /** Collects the members of a failure not already failed in F (an edge at a failed node is not new). */
  collect(nodes: Int32Array, edges: Int32Array | undefined): void {
    const { F, stamp } = this;
    const { edgeA, edgeB } = this.g;
    this.nodeCount = 0;
    this.edgeCount = 0;
    const tok = ++this.token;
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i]!;
      if (F.nodes[v] || stamp[v] === tok) continue;
      stamp[v] = tok;
      this.nodes[this.nodeCount++] = v;
    }
    if (edges)
      for (let i = 0; i < edges.length; i++) {
        const e = edges[i]!;
        const a = edgeA[e]!;
        const b = edgeB[e]!;
        if (F.edges[e] || F.nodes[a] || F.nodes[b] || stamp[a] === tok || stamp[b] === tok) continue;
        this.edges[this.edgeCount++] = e;
      }
  }
}
