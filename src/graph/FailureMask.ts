/**
 * Failures as masks over a graph: one byte per node and per edge, 1 = failed. A what-if is
 * a mask, never a copy of the graph (graphology's element filters), so a risk group's
 * failure costs one fill of its members and one component pass.
 */
import type { CsrGraph } from './CsrGraph.js';

/**
 * Failed nodes and edges of one graph. An edge is absent when it is failed itself or when
 * either endpoint is failed; a failed node is absent with all its edges.
 */
export interface FailureMask {
  /** 1 = node failed; length `nodeCount`. */
  readonly nodes: Uint8Array;
  /** 1 = edge failed; length `edgeCount`. */
  readonly edges: Uint8Array;
}

/** A mask with nothing failed, sized for `g`. */
export function emptyMask(g: CsrGraph): FailureMask {
  return { nodes: new Uint8Array(g.nodeCount), edges: new Uint8Array(g.edgeCount) };
}

/** Options every masked analysis accepts. */
export interface MaskOptions {
  /**
   * Elements removed before the analysis. Either array may be omitted (nothing of that
   * kind failed); given arrays must have the graph's lengths.
   */
  failed?: { readonly nodes?: Uint8Array | undefined; readonly edges?: Uint8Array | undefined } | undefined;
}

/**
 * The node and edge masks of `options`, checked against the graph. An omitted array comes
 * back as a fresh all-zero one, so hot loops test `mask[i]` without a branch on whether a
 * mask was given (and without out-of-bounds reads, which V8 optimizes poorly); zeroed
 * memory costs far less than the pass that reads it.
 */
export function masksOf(g: CsrGraph, options: MaskOptions | undefined): FailureMask {
  const nodes = options?.failed?.nodes ?? new Uint8Array(g.nodeCount);
  const edges = options?.failed?.edges ?? new Uint8Array(g.edgeCount);
  if (nodes.length !== g.nodeCount) throw new RangeError(`node mask has length ${nodes.length}, graph has ${g.nodeCount} nodes`);
  if (edges.length !== g.edgeCount) throw new RangeError(`edge mask has length ${edges.length}, graph has ${g.edgeCount} edges`);
  return { nodes, edges };
}
