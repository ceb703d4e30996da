/**
 * Shortening a `shared` reason of `disjointPaths` (step 3 of its module comment): QuickXplain
 * (Junker 2004) over the risk groups and sites the exact search relied on.
 */
import { exactSearch, type Budget } from './exactSearch.js';
import type { PathQuery } from './PathQuery.js';

/**
 * An inclusion-minimal subset of `conflicts` (group ids) such that no independent pair
 * exists with only those groups counting, given that none exists with all of them. Each
 * re-check is the exact search of the query `q` with only some groups counting, all on the
 * one `budget`; each gets at most a share of what is left, so that one hard subset cannot
 * starve the others.
 *
 * @param mainSteps search nodes the main search took (a re-check may take four times that).
 * @returns the kept groups, ascending, and `minimal` false when a re-check ran out of budget
 *   (it then keeps its elements: the list is proven but maybe not inclusion-minimal).
 */
export function quickXplain(q: PathQuery, conflicts: number[], budget: Budget, mainSteps: number): { groups: number[]; minimal: boolean } {
  const only = (groups: readonly number[]): Uint8Array => {
    const a = new Uint8Array(q.active.length);
    for (const g of groups) a[g] = 1;
    return a;
  };
  let minimal = true;
  /** True if no independent pair exists with only these groups counting (unknown counts as false). */
  const none = (groups: readonly number[]): boolean => {
    // Each re-check gets at most a share of what is left, so that one hard subset cannot
    // starve the others (it then keeps its elements, and the reason is not minimal).
    const left = budget.limit - budget.steps;
    const share = { limit: Math.min(left, Math.max(50, 4 * mainSteps, left >> 3)), deadline: budget.deadline, steps: 0 };
    const r = exactSearch(q, only(groups), share);
    budget.steps += share.steps;
    if (r.status === 'unknown') minimal = false;
    return r.status === 'none';
  };
  // QuickXplain (Junker 2004): an inclusion-minimal X ⊆ c with none(b ∪ X), given none(b ∪ c),
  // in O(|X| log |c|) searches; a search that runs out of budget keeps its elements.
  const explain = (b: number[], delta: boolean, c: number[]): number[] => {
    if (delta && none(b)) return [];
    if (c.length <= 1) return c;
    const half = c.length >> 1;
    const c1 = c.slice(0, half);
    const c2 = c.slice(half);
    const x2 = explain([...b, ...c1], c1.length > 0, c2);
    const x1 = explain([...b, ...x2], x2.length > 0, c1);
    return [...x1, ...x2];
  };
  const groups = explain([], false, conflicts).sort((a, b) => a - b);
  return { groups, minimal };
}
