/**
 * Failure masks from estate element ids: what fails when a device, link, site or risk
 * group fails (docs/analysis.md, "The graph and the services").
 */
import type { FailureMask } from '../graph/FailureMask.js';
import { emptyMask } from '../graph/FailureMask.js';
import { resolveElement, type ElementRef, type Projection } from './projection.js';

/**
 * Sets (value 1) or clears (value 0) the mask entries of one element: a device its node, a
 * link its edge, a site all its nodes, a risk group all its member nodes and edges.
 *
 * Clearing does not count overlaps: clearing a risk group also revives a member that
 * another failed element had set. To test elements one at a time, set, analyse, clear.
 */
export function markElement(p: Projection, mask: FailureMask, ref: ElementRef, value: 0 | 1 = 1): void {
  switch (ref.kind) {
    case 'device':
      mask.nodes[ref.index] = value;
      return;
    case 'link':
      mask.edges[ref.index] = value;
      return;
    case 'site':
      fillGroup(mask.nodes, p.siteNodes.offsets, p.siteNodes.members, ref.index, value);
      return;
    case 'risk-group':
      fillGroup(mask.nodes, p.riskGroupNodes.offsets, p.riskGroupNodes.members, ref.index, value);
      fillGroup(mask.edges, p.riskGroupEdges.offsets, p.riskGroupEdges.members, ref.index, value);
      return;
  }
}

function fillGroup(target: Uint8Array, offsets: Int32Array, members: Int32Array, group: number, value: 0 | 1): void {
  const end = offsets[group + 1]!;
  for (let i = offsets[group]!; i < end; i++) target[members[i]!] = value;
}

/** The result of {@link failElements}. */
export interface FailedElements {
  /** The mask with every resolved element failed. */
  readonly mask: FailureMask;
  /**
   * Ids that fail nothing in this graph: `omitted` elements (already out of the graph)
   * and ids that are not a device, link, site or risk group here. The caller decides
   * whether that is an error.
   */
  readonly unresolved: readonly string[];
}

/**
 * A failure mask for a set of elements (device, link, site, risk-group ids).
 *
 * @param into a mask to add to (modified); a new one by default.
 */
export function failElements(p: Projection, ids: Iterable<string>, into: FailureMask = emptyMask(p)): FailedElements {
  const unresolved: string[] = [];
  for (const id of ids) {
    const ref = resolveElement(p, id);
    if (ref) markElement(p, into, ref, 1);
    else unresolved.push(id);
  }
  return { mask: into, unresolved };
}
