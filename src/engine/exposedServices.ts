/**
 * `exposedServices`: which services of a survivability result a further failure can affect,
 * from each service's footprint in the block-cut tree of G − F.
 */
import type { FailureMask } from '../graph/FailureMask.js';
import type { Projection } from './projection.js';
import type { ServiceModel } from './services.js';
import { allNeedsIn } from './singleFailureChecks.js';
import type { Survivability } from './SurvivabilityResult.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/** Node and edge flags of further failures (1 = failed); either may be omitted. */
export interface MaskLike {
  readonly nodes?: Uint8Array | undefined;
  readonly edges?: Uint8Array | undefined;
}

const footprints = new WeakMap<Survivability, (more: MaskLike, survivingOnly: boolean) => Int32Array>();

/**
 * Records the footprint of each service of `result` that is up, for `exposedServices`: the
 * blocks of G − F between its good attach points and the instances they use (the Steiner
 * subtree of these terminals in the block-cut tree). Every simple path between two
 * terminals runs inside it, so a further failure that holds none of its nodes and edges
 * changes nothing for the service, whatever else fails with it.
 */
export function recordFootprints(
  result: Survivability,
  p: Projection,
  m: ServiceModel,
  F: FailureMask,
  st: SurvivabilityStructures,
  upBase: Uint8Array,
  analysed: Uint8Array,
): void {
  const { services } = result;
  footprints.set(result, (more: MaskLike, survivingOnly: boolean): Int32Array =>
    footprintHits(p, m, st, more, (s) => (survivingOnly ? services[s]!.survives : analysed[s] === 1 && upBase[s] === 1), F),
  );
}

/**
 * The services among `consider` whose footprint in the block-cut tree of G − F (the blocks
 * between their good attach points and the instances they use; see `recordFootprints`)
 * holds a node or edge of `more`. Every simple path between two of a service's terminals
 * runs inside its footprint, so whether the service is up under any failure depends only on
 * the footprint: elements outside it never matter. O(nodes + edges) plus a tree walk per
 * attach point and instance of each service considered.
 *
 * @param st the structures of G − F (`survivabilityStructures`).
 * @param F the failed elements of `st` (none by default): they are in no footprint.
 */
export function footprintHits(p: Projection, m: ServiceModel, st: SurvivabilityStructures, more: MaskLike, consider: (s: number) => boolean, F?: FailureMask): Int32Array {
  const n = p.nodeCount;
  const S = m.count;
  const { attach, needs, appInstances } = m;
  const { comp0, bcc, B, bcf, treeOf } = st;
  const allNeedsInC = (s: number, c: number): boolean => allNeedsIn(m, comp0, s, c);
  const markBlock = new Uint8Array(B);
  const markNode = new Uint8Array(n);
  const moreNodes = more.nodes;
  const moreEdges = more.edges;
  if (moreNodes)
    for (let v = 0; v < n; v++) {
      if (!moreNodes[v] || F?.nodes[v]) continue;
      markNode[v] = 1;
      for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
        const b = bcc.edgeBlock[p.incidentEdges[i]!]!;
        if (b >= 0) markBlock[b] = 1;
      }
    }
  if (moreEdges)
    for (let e = 0; e < p.edgeCount; e++) {
      if (!moreEdges[e] || F?.edges[e]) continue;
      const b = bcc.edgeBlock[e]!;
      if (b >= 0) markBlock[b] = 1;
    }
  /** Does the tree path between the nodes r and x (same component) hold a marked block? */
  const pathMarked = (r: number, x: number): boolean => {
    if (markNode[x]) return true;
    let u = treeOf(r);
    let w = treeOf(x);
    if (u < 0 || w < 0) return false;
    while (u !== w) {
      if (bcf.depth[u]! >= bcf.depth[w]!) {
        if (u < B && markBlock[u]) return true;
        u = bcf.parent[u]!;
      } else {
        if (w < B && markBlock[w]) return true;
        w = bcf.parent[w]!;
      }
    }
    return u < B && markBlock[u] === 1;
  };
  const out: number[] = [];
  for (let s = 0; s < S; s++) {
    if (!consider(s)) continue;
    let hit = false;
    for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]! && !hit; k++) {
      const r = attach.members[k]!;
      const c = comp0[r]!;
      if (c < 0 || !allNeedsInC(s, c)) continue;
      // r is a good attach point: its paths to the other good attach points of its
      // component and to every instance there span the footprint's part in c.
      if (markNode[r]) hit = true;
      for (let k2 = attach.offsets[s]!; k2 < attach.offsets[s + 1]! && !hit; k2++) {
        const q = attach.members[k2]!;
        if (q !== r && comp0[q] === c) hit = pathMarked(r, q);
      }
      for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]! && !hit; j++) {
        const a = needs.members[j]!;
        for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]! && !hit; i++) {
          const x = appInstances.members[i]!;
          if (comp0[x] === c) hit = pathMarked(r, x);
        }
      }
    }
    if (hit) out.push(s);
  }
  return Int32Array.from(out);
}

/**
 * The analysed services of `result` that are up and that further failures `more` (on top
 * of the analysis' own `failed`) could affect: their footprint — the blocks between their
 * attach points and the instances they use — holds a node or edge of `more`. Any other
 * such service stays up under `more`, and `more` plus any single element breaks it
 * exactly when that element alone does: its verdict and breakers do not change. So only
 * these can go down, be degraded or gain breakers. O(nodes + edges) plus a tree walk per
 * attach point and instance of each service looked at.
 *
 * @param options `survivingOnly`: look only at services that survive (for "degraded").
 *
 * For a result that did not come from `analyzeSurvivability` in this thread (e.g. a
 * structured clone), every service it would look at is returned.
 */
export function exposedServices(result: Survivability, more: MaskLike, options: { survivingOnly?: boolean } = {}): Int32Array {
  const survivingOnly = options.survivingOnly === true;
  const f = footprints.get(result);
  if (f) return f(more, survivingOnly);
  const out: number[] = [];
  result.services.forEach((s, i) => (survivingOnly ? s.survives : s.analysed && s.upAtBaseline) && out.push(i));
  return Int32Array.from(out);
}
