/**
 * The exact branch and bound of `disjointPaths` (step 2 of its module comment): a search
 * node is a pair (A, B) of element sets the first and the second path must avoid, closed
 * by propagation, branched on inclusion-minimal cuts, with the groups it relied on recorded.
 */
import { flowPair } from './nodeLinkDisjointPaths.js';
import { trim, type Path } from '../graph/Path.js';
import type { Blocks, PathQuery } from './PathQuery.js';
import { cutsOf } from './singleCuts.js';

/** A search budget: at most `limit` search nodes (counted in `steps`) and a wall-clock deadline. */
export interface Budget {
  readonly limit: number;
  readonly deadline: number;
  steps: number;
}

/** The answer of {@link exactSearch}; `conflicts` of a `none` are group ids. */
export type SearchResult =
  | { status: 'found'; paths: readonly [Path, Path]; steps: number }
  | { status: 'none'; conflicts: Set<number>; steps: number }
  | { status: 'unknown'; steps: number };

/**
 * {@link search} with partitioned branching on half the budget left, then, if that ran
 * out, with overlapping branching on the rest: both are exact, and on hard instances each
 * often finishes quickly where the other does not.
 */
export function exactSearch(q: PathQuery, active: Uint8Array, budget: Budget): SearchResult {
  const half: Budget = { limit: budget.steps + Math.ceil((budget.limit - budget.steps) / 2), deadline: budget.deadline, steps: budget.steps };
  const first = search(q, active, half, true);
  budget.steps = half.steps;
  if (first.status !== 'unknown') return first;
  const second = search(q, active, budget, false);
  return { ...second, steps: first.steps + second.steps };
}

/**
 * The exact search with the given active groups (see the module comment). `conflicts`
 * of a `none` are the group ids (not element ids) the proof relied on.
 *
 * A search node is a pair of element sets: A, which the first path must avoid, and B,
 * which the second path must avoid. The invariant: if an independent pair exists at all,
 * one exists whose first path avoids A and whose second path avoids B.
 */
export function search(q: PathQuery, active: Uint8Array, budget: Budget, partition = true): SearchResult {
  q.active.set(active);
  q.setWeights();
  const start = budget.steps;
  const steps = (): number => budget.steps - start;
  // Two device- and link-disjoint paths first: often independent already.
  const pair = flowPair(q);
  if (!pair) return { status: 'none', conflicts: new Set(), steps: 0 };
  if (q.independent(pair[0], pair[1])) return { status: 'found', paths: pair, steps: 0 };

  const conflicts = new Set<number>();
  const memo = new Set<string>();
  const A = q.blocks();
  const B = q.blocks();
  const listA: number[] = [];
  const listB: number[] = [];
  let incomplete = false;
  const groupBase = q.n + q.m;
  const groupsTo = (xs: readonly number[]): void => {
    for (const x of xs) if (x >= groupBase) conflicts.add(x - groupBase);
  };
  const add = (x: number, blocks: Blocks, list: number[]): void => {
    q.apply(x, 1, blocks);
    list.push(x);
  };
  /** Takes the last `k` elements off a set again. */
  const drop = (k: number, blocks: Blocks, list: number[]): void => {
    for (let i = 0; i < k; i++) q.apply(list.pop()!, -1, blocks);
  };

  const solve = (): readonly [Path, Path] | null => {
    if (budget.steps >= budget.limit || (budget.deadline !== Infinity && performance.now() > budget.deadline)) {
      incomplete = true;
      return null;
    }
    budget.steps++;
    const a0 = listA.length;
    const b0 = listB.length;
    const finish = (r: readonly [Path, Path] | null): readonly [Path, Path] | null => {
      drop(listA.length - a0, A, listA);
      drop(listB.length - b0, B, listB);
      return r;
    };
    // Propagation to a fixpoint: an element every first path hits (a cut of the graph
    // minus A) must be avoided by the second path, so it joins B; an element every second
    // path hits joins A. A node without a first or a second path is closed.
    for (;;) {
      const first = q.bfs(A);
      if (!first) return finish(null);
      const toB = cutsOf(q, A, q.footprint(first)).filter((x) => !q.avoided(x, B));
      for (const x of toB) add(x, B, listB);
      groupsTo(toB);
      const second = q.bfs(B);
      if (!second) return finish(null);
      const toA = cutsOf(q, B, q.footprint(second)).filter((y) => !q.avoided(y, A));
      for (const y of toA) add(y, A, listA);
      groupsTo(toA);
      if (toA.length === 0) break;
    }
    const key = `${listA.slice().sort((x, y) => x - y).join(',')}|${listB.slice().sort((x, y) => x - y).join(',')}`;
    if (memo.has(key)) return finish(null);
    memo.add(key);

    const p1 = q.dijkstra(A)!;
    const fp = q.footprint(p1).filter((x) => !q.avoided(x, B));
    for (const x of fp) q.apply(x, 1, B);
    const p2 = q.bfs(B);
    if (p2) {
      for (const x of fp) q.apply(x, -1, B);
      return finish([trim(p1, q.isTo, q.from), trim(p2, q.isTo, q.from)]);
    }
    // Some elements T of P1 cut every second path: a solution's first path avoids one of
    // them. Branch i: the first path avoids t_i. Partitioned, a solution not in branches
    // j < i has a first path hitting t_j, so its second path avoids t_j (disjoint
    // branches); overlapping, branches share solutions (no B additions). Both are complete.
    const cut = minimalCut(q, fp, B);
    for (const x of cut) q.apply(x, -1, B);
    groupsTo(cut);
    for (const t of cut) {
      add(t, A, listA);
      const r = solve();
      drop(1, A, listA);
      if (r || incomplete) return finish(r);
      if (partition) add(t, B, listB);
    }
    return finish(null);
  };
  const found = solve();
  if (found) {
    if (!q.independent(found[0], found[1])) throw new Error('disjointPaths: internal error, the pair found is not independent');
    return { status: 'found', paths: found, steps: steps() };
  }
  return incomplete ? { status: 'unknown', steps: steps() } : { status: 'none', conflicts, steps: steps() };
}

/**
 * With every element of `fp` applied to `b` and no path left: an inclusion-minimal subset
 * of `fp` that still leaves no path. On return exactly that subset is applied to `b`.
 */
export function minimalCut(q: PathQuery, fp: readonly number[], b: Blocks): number[] {
  // Everything still reachable from the starts; the blocked nodes and links at its rim.
  const { offsets, neighbours, incidentEdges } = q.p;
  const { seen, queue, deadN, deadE } = q;
  const st = ++q.stamp;
  let tail = 0;
  for (const s of q.from) if (b.n[s] === 0) (seen[s] = st), (queue[tail++] = s);
  const rimN = new Uint8Array(q.n);
  const rimE = new Uint8Array(q.m);
  // A blocked start node is on the rim too.
  for (const s of q.from) if (b.n[s]! > 0 && !deadN[s]) rimN[s] = 1;
  let head = 0;
  while (head < tail) {
    const v = queue[head++]!;
    for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
      const w = neighbours[i]!;
      const e = incidentEdges[i]!;
      if (deadE[e] || deadN[w]) continue;
      if (b.e[e]! > 0) {
        rimE[e] = 1;
        continue;
      }
      if (b.n[w]! > 0) {
        rimN[w] = 1;
        continue;
      }
      if (seen[w] !== st) (seen[w] = st), (queue[tail++] = w);
    }
  }
  const onRim = (x: number): boolean => {
    const { n, m, p, R } = q;
    if (x < n) return rimN[x] === 1;
    if (x < n + m) return rimE[x - n] === 1;
    const g = x - n - m;
    if (g < R) {
      const N = p.riskGroupNodes;
      for (let i = N.offsets[g]!; i < N.offsets[g + 1]!; i++) if (rimN[N.members[i]!]) return true;
      const E = p.riskGroupEdges;
      for (let i = E.offsets[g]!; i < E.offsets[g + 1]!; i++) if (rimE[E.members[i]!]) return true;
      return false;
    }
    const S = p.siteNodes;
    for (let i = S.offsets[g - R]!; i < S.offsets[g - R + 1]!; i++) if (rimN[S.members[i]!]) return true;
    return false;
  };
  const kept: number[] = [];
  for (const x of fp) {
    if (onRim(x)) kept.push(x);
    else q.apply(x, -1, b);
  }
  // Greedy: try to drop the smallest elements first, so that the cut keeps the big ones
  // (a duct rather than the links in it).
  const order = kept.map((x) => ({ x, s: q.size(x) })).sort((a, c) => a.s - c.s || a.x - c.x);
  const out: number[] = [];
  for (const { x } of order) {
    q.apply(x, -1, b);
    if (q.bfs(b)) {
      q.apply(x, 1, b);
      out.push(x);
    }
  }
  return out;
}
