/**
 * The single-element cut certificate of the independent-paths searches (step 1 of
 * `disjointPaths.ts`): every element on every path, found among one path's elements.
 */
import type { Path } from '../graph/Path.js';
import type { Blocks, PathQuery } from './PathQuery.js';

/** Every element that `p0` hits (in the query `q`) and whose failure alone leaves no path. */
export function singleCuts(q: PathQuery, p0: Path): number[] {
  return cutsOf(q, q.blocks(), q.footprint(p0));
}

/**
 * The elements of `candidates` that each alone, added to `b`, leave no path. `b` is
 * restored. An element on every path is on any path, so the candidates are first narrowed
 * to the footprint of paths routed around them (a few Dijkstra passes that make every
 * candidate's members expensive); the few left are checked by a search each.
 */
export function cutsOf(q: PathQuery, b: Blocks, candidates: readonly number[]): number[] {
  let left = candidates;
  if (left.length > 4) {
    const pen: Blocks = { n: new Int32Array(q.n), e: new Int32Array(q.m) };
    for (const x of left) q.apply(x, 1, pen);
    const wN = new Float64Array(q.n);
    const wE = new Float64Array(q.m);
    for (let round = 0; round < 4 && left.length > 0; round++) {
      for (let v = 0; v < q.n; v++) wN[v] = pen.n[v]! > 0 ? 1e6 : q.exempt[v] ? 0 : 1;
      for (let e = 0; e < q.m; e++) wE[e] = pen.e[e]! > 0 ? 1e6 : 1;
      const around = q.dijkstra(b, wN, wE);
      if (!around) return [...left];
      const hit = new Set(q.footprint(around));
      const kept = left.filter((x) => hit.has(x));
      if (kept.length === left.length) break;
      for (const x of left) if (!hit.has(x)) q.apply(x, -1, pen);
      left = kept;
    }
  }
  const out: number[] = [];
  for (const x of left) {
    q.apply(x, 1, b);
    if (!q.bfs(b)) out.push(x);
    q.apply(x, -1, b);
  }
  return out;
}
