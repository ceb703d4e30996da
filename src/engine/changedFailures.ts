/**
 * Which failures may cut the graph differently after a change than before: the finer rule
 * of the incremental timeline check for dates that change the graph (docs/analysis.md,
 * "timeline check").
 *
 * Let H be the untouched graph: the nodes and links a change left alone (the same before
 * and after, in the same sites and risk groups), without the links that end at a touched
 * node. The rest, before and after, falls apart into *pieces* (touched nodes joined by the
 * links among them, or a single touched link), each joined to H at its *attachments*. For a
 * failure X (a set of elements; its part in H is the same before and after), the graph
 * before and after minus X joins the nodes of H exactly as H − X does if the surviving
 * attachments of every piece lie in one component of H − X: a piece then adds no way
 * between two components of H − X, whatever of it X takes. Such a failure is *neutral*:
 * for a service whose attach points and instances are in H and unchanged, it is up under X
 * before iff after. If nothing failed is neutral (the pieces join no two components of H),
 * every element outside H is neutral too, and a service that none of the non-neutral
 * failures breaks, before or after, keeps its verdict.
 *
 * The non-neutral failures are found without a pass per element: a single node or link can
 * only separate attachments if it is a cut vertex or a bridge on the tree paths between
 * them (block-cut and bridge forests of H), and a site or risk group only if it holds such
 * a cut vertex or attachment, or two elements of one block on those paths (one link of a
 * bridge block): a block of more is 2-connected. Those candidates get one local component
 * pass each (FailurePieces), which says whether they separate.
 */
import { FailurePieces } from './FailurePieces.js';
import { multiElementRelevance } from './multiElementRelevance.js';
import { DEVICE_NODE, type Projection } from './projection.js';
import { SingleFailure } from './SingleFailure.js';
import type { ElementKind } from './SurvivabilityResult.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/** Nodes and edges of a projection (1 = marked). */
export interface Marks {
  readonly nodes: Uint8Array;
  readonly edges: Uint8Array;
}

/** H as a projection with the touched part failed, and the structures of what is left. */
export interface UntouchedGraph {
  readonly p: Projection;
  /** The touched nodes and edges of `p`: H is p − F. */
  readonly F: Marks;
  /** `survivabilityStructures(p, F)`. */
  readonly st: SurvivabilityStructures;
}

/** The failures whose cut of H a change may alter. */
export interface ChangedFailures {
  /** The pieces join two components of H: with nothing failed, the graph joins its nodes otherwise. */
  readonly baseline: boolean;
  /** The non-neutral failure elements (all of them in H, so they exist before and after). */
  readonly elements: readonly { readonly kind: ElementKind; readonly id: string }[];
}

/**
 * The attachments of the pieces of the touched part of `q` (touched nodes, and touched
 * links and links at a touched node), as node indices of `q`; pieces joined to H at one
 * node or none are left out (they join nothing).
 */
export function pieceAttachments(q: Projection, touched: Marks): Int32Array[] {
  const n = q.nodeCount;
  const { edgeA, edgeB, edgeCount } = q;
  const uf = new Int32Array(n);
  for (let v = 0; v < n; v++) uf[v] = v;
  const find = (x: number): number => {
    while (uf[x] !== x) x = uf[x] = uf[uf[x]!]!;
    return x;
  };
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    if (touched.nodes[a] && touched.nodes[b]) uf[find(a)] = find(b);
  }
  const byPiece = new Map<number, number[]>();
  const lone: number[][] = [];
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    const ta = touched.nodes[a] === 1;
    const tb = touched.nodes[b] === 1;
    if (ta === tb) {
      if (!ta && touched.edges[e] && a !== b) lone.push([a, b]);
      continue;
    }
    const root = find(ta ? a : b);
    let list = byPiece.get(root);
    if (!list) byPiece.set(root, (list = []));
    list.push(ta ? b : a);
  }
  return [...byPiece.values(), ...lone].map((list) => Int32Array.from(new Set(list))).filter((a) => a.length > 1);
}

/**
 * The failures that may cut H differently before and after (see the module comment).
 *
 * @param attachments per piece, its attachments as node indices of `h.p` (at least two).
 */
export function changedFailures(h: UntouchedGraph, attachments: readonly Int32Array[]): ChangedFailures {
  if (attachments.length === 0) return { baseline: false, elements: [] };
  const { p, F, st } = h;
  const { comp0, B, bct, bcf, treeOf, cls, btf } = st;
  const relevantBlock = new Uint8Array(B);
  const relevantNode = new Uint8Array(p.nodeCount);
  const cutCandidates = new Set<number>();
  const bridgeCandidates = new Set<number>();
  for (const A of attachments) {
    const a0 = A[0]!;
    const c = comp0[a0]!;
    for (const x of A) if (comp0[x] !== c || c < 0) return { baseline: true, elements: [] };
    const t0 = treeOf(a0);
    relevantNode[a0] = 1;
    for (let i = 1; i < A.length; i++) {
      const x = A[i]!;
      relevantNode[x] = 1;
      // The tree paths between the attachments: their cut vertices and blocks.
      let u = t0;
      let w = treeOf(x);
      const onPath = (t: number): void => {
        if (t < B) relevantBlock[t] = 1;
        else {
          const v = bct.cutNodes[t - B]!;
          relevantNode[v] = 1;
          cutCandidates.add(v);
        }
      };
      while (u !== w) {
        if (bcf.depth[u]! >= bcf.depth[w]!) (onPath(u), (u = bcf.parent[u]!));
        else (onPath(w), (w = bcf.parent[w]!));
      }
      onPath(u);
      let k = cls[a0]!;
      let l = cls[x]!;
      while (k !== l) {
        if (btf.depth[k]! >= btf.depth[l]!) (bridgeCandidates.add(btf.parentEdge[k]!), (k = btf.parent[k]!));
        else (bridgeCandidates.add(btf.parentEdge[l]!), (l = btf.parent[l]!));
      }
    }
  }

  /** Do the surviving attachments of some piece lie in different pieces (`pieceOf`, -1: failed)? */
  const separates = (pieceOf: (x: number) => number): boolean =>
    attachments.some((A) => {
      let first = -1;
      for (const x of A) {
        const k = pieceOf(x);
        if (k === -1) continue;
        if (first === -1) first = k;
        else if (k !== first) return true;
      }
      return false;
    });
  const single = new SingleFailure(st);
  const nodeChanged = new Uint8Array(p.nodeCount);
  const edgeChanged = new Uint8Array(p.edgeCount);
  for (const v of cutCandidates) {
    single.failNode(v, comp0[v]!);
    nodeChanged[v] = separates((x) => (x === v ? -1 : single.piece(x))) ? 1 : 0;
  }
  for (const e of bridgeCandidates) {
    single.failBridge(e, p.edgeA[e]!, p.edgeB[e]!, comp0[p.edgeA[e]!]!);
    edgeChanged[e] = separates((x) => single.piece(x)) ? 1 : 0;
  }

  const elements: { kind: ElementKind; id: string }[] = [];
  for (let v = 0; v < p.nodeCount; v++) if (nodeChanged[v] && p.nodeKind[v] === DEVICE_NODE) elements.push({ kind: 'device', id: p.nodeIds[v]! });
  for (let e = 0; e < p.edgeCount; e++) if (edgeChanged[e]) elements.push({ kind: 'link', id: p.edgeIds[e]! });
  // Sites and risk groups: by their members in H.
  const relevant = multiElementRelevance(p, st, relevantBlock, relevantNode);
  const pieces = FailurePieces.of(p, F, comp0, st.compCount, st, undefined);
  const f = pieces.failure;
  const attached = new Uint8Array(p.nodeCount);
  for (const A of attachments) for (const x of A) attached[x] = 1;
  const attachedTimes = pieces.entryTimes(attached);
  const changed = (key: number): boolean => {
    if (f.nodeCount === 0 && f.edgeCount === 0) return false;
    if (f.nodeCount === 1 && f.edgeCount === 0) return nodeChanged[f.nodes[0]!] === 1;
    if (f.nodeCount === 0 && f.edgeCount === 1) return edgeChanged[f.edges[0]!] === 1;
    // Attachments all still joined to their component's root by the spanning forest are not separated.
    if (!relevant(f.nodes, f.nodeCount, f.edges, f.edgeCount) || !pieces.mayCut(attachedTimes)) return false;
    pieces.apply(key);
    const out = separates((x) => pieces.label[x]!);
    pieces.restore();
    return out;
  };
  const groups = (kind: 'site' | 'risk-group', ids: readonly string[], collect: (i: number) => void, key: (i: number) => number): void => {
    for (let i = 0; i < ids.length; i++) {
      collect(i);
      if (changed(key(i))) elements.push({ kind, id: ids[i]! });
    }
  };
  groups(
    'site',
    p.siteIds,
    (t) => pieces.collectSite(t),
    (t) => pieces.siteKey(t),
  );
  groups(
    'risk-group',
    p.riskGroupIds,
    (g) => pieces.collectRiskGroup(g),
    (g) => pieces.riskGroupKey(g),
  );
  return { baseline: false, elements };
}
