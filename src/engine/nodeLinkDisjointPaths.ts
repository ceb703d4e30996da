/**
 * Device- and link-disjoint paths by max-flow: the linear-time part of the independent-paths
 * evidence (see `disjointPaths.ts`), also the first certificate of its exact search.
 */
import type { MaskOptions } from '../graph/FailureMask.js';
import { dropLoops, trim, type Path } from '../graph/Path.js';
import { PathQuery, type ShareOptions } from './PathQuery.js';
import type { ElementRef, Projection } from './projection.js';
import { singleCuts } from './singleCuts.js';

/** The answer of {@link nodeLinkDisjointPaths}: exact, in linear time. */
export type NodeLinkDisjointResult =
  | { readonly status: 'found'; readonly paths: readonly [Path, Path] }
  | { readonly status: 'none'; readonly reason: { readonly kind: 'disconnected' } | { readonly kind: 'cut'; readonly elements: readonly ElementRef[]; /** A path (all of them cross the elements). */ readonly path: Path } };

/**
 * Two paths from `from` to `to` that share no link and no device (ends as in
 * {@link disjointPaths}), ignoring risk groups and sites: unit-capacity max-flow with node
 * splitting, in linear time. `none` comes with every single device or link on all paths
 * (by Menger's theorem there is one) — the survivability of the network between the ends,
 * which can differ from SRLG-disjointness (docs/analysis.md, "paths FROM TO": both are reported).
 */
export function nodeLinkDisjointPaths(p: Projection, from: readonly number[], to: readonly number[], options: MaskOptions & ShareOptions = {}): NodeLinkDisjointResult {
  const q = new PathQuery(p, from, to, options);
  if (q.from.length === 0 || q.to.length === 0) return { status: 'none', reason: { kind: 'disconnected' } };
  const p0 = q.bfs(q.blocks());
  if (!p0) return { status: 'none', reason: { kind: 'disconnected' } };
  const pair = flowPair(q);
  if (pair) return { status: 'found', paths: pair };
  q.active.fill(0);
  const cuts = singleCuts(q, p0);
  if (cuts.length === 0) throw new Error('max-flow found no two disjoint paths, yet no single device or link is on every path');
  return { status: 'none', reason: { kind: 'cut', elements: q.refs(cuts), path: p0 } };
}

/**
 * Two paths of the query sharing no link and no device (bar shared ends), by two
 * augmentations of a unit-capacity flow with node splitting; null if there are no two.
 */
export function flowPair(query: PathQuery): readonly [Path, Path] | null {
  const { n, m, p, deadN, deadE, exempt } = query;
  // Node v: in = 2v, out = 2v + 1; source 2n, sink 2n + 1.
  const V = 2 * n + 2;
  const src = 2 * n;
  const snk = 2 * n + 1;
  const maxArcs = 2 * (n + query.from.length + query.to.length + 2 * m);
  const head = new Int32Array(V).fill(-1);
  const next = new Int32Array(maxArcs);
  const to = new Int32Array(maxArcs);
  const cap = new Int32Array(maxArcs);
  const edge = new Int32Array(maxArcs).fill(-1);
  let arcs = 0;
  const add = (a: number, b: number, c: number, e: number): number => {
    const i = arcs;
    to[arcs] = b;
    cap[arcs] = c;
    edge[arcs] = e;
    next[arcs] = head[a]!;
    head[a] = arcs++;
    to[arcs] = a;
    cap[arcs] = 0;
    edge[arcs] = e;
    next[arcs] = head[b]!;
    head[b] = arcs++;
    return i;
  };
  const nodeArc = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) if (!deadN[v]) nodeArc[v] = add(2 * v, 2 * v + 1, exempt[v] ? 2 : 1, -1);
  for (const s of query.from) add(src, 2 * s, 2, -1);
  for (const t of query.to) add(2 * t + 1, snk, 2, -1);
  const fwd = new Int32Array(m).fill(-1);
  for (let e = 0; e < m; e++) {
    const a = p.edgeA[e]!;
    const b = p.edgeB[e]!;
    if (deadE[e] || deadN[a] || deadN[b]) continue;
    fwd[e] = add(2 * a + 1, 2 * b, 1, e);
    add(2 * b + 1, 2 * a, 1, e);
  }
  const initial = cap.slice(0, arcs);
  const prevArc = new Int32Array(V);
  const q = new Int32Array(V);
  for (let flow = 0; flow < 2; flow++) {
    prevArc.fill(-2);
    prevArc[src] = -1;
    let h = 0;
    let t = 0;
    q[t++] = src;
    while (h < t && prevArc[snk] === -2) {
      const v = q[h++]!;
      for (let i = head[v]!; i >= 0; i = next[i]!) {
        const w = to[i]!;
        if (cap[i]! > 0 && prevArc[w] === -2) (prevArc[w] = i), (q[t++] = w);
      }
    }
    if (prevArc[snk] === -2) return null;
    for (let v = snk; v !== src; v = to[prevArc[v]! ^ 1]!) {
      const i = prevArc[v]!;
      cap[i]!--;
      cap[i ^ 1]!++;
    }
  }
  // Flow per arc. A link used both ways (a → b and b → a) carries nothing: cancel both
  // directions, and one unit through each end node, which keeps every node balanced.
  const flow = new Int32Array(arcs);
  for (let i = 0; i < arcs; i += 2) flow[i] = initial[i]! - cap[i]!;
  for (let e = 0; e < m; e++) {
    const i = fwd[e]!;
    if (i >= 0 && flow[i]! > 0 && flow[i + 2]! > 0) {
      flow[i]!--;
      flow[i + 2]!--;
      flow[nodeArc[p.edgeA[e]!]!]!--;
      flow[nodeArc[p.edgeB[e]!]!]!--;
    }
  }
  const walk = (): Path => {
    const nodes: number[] = [];
    const edges: number[] = [];
    let v = src;
    for (;;) {
      let i = head[v]!;
      while (i >= 0 && !(i % 2 === 0 && flow[i]! > 0)) i = next[i]!;
      if (i < 0) throw new Error('flow decomposition lost its way');
      flow[i]!--;
      const w = to[i]!;
      if (w === snk) break;
      if (w % 2 === 0) {
        if (edge[i]! >= 0) edges.push(edge[i]!);
        nodes.push(w / 2);
      }
      v = w;
    }
    return trim(dropLoops({ nodes, edges }), query.isTo, query.from);
  };
  return [walk(), walk()];
}
