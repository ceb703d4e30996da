/**
 * The greedy restore order: slot by slot, the ready group (its dependencies restored) with
 * the earliest deadline, then the most weight per unit of restore work, as long as the
 * slot's capacity lasts. Fast and always feasible when every group fits an empty slot; the
 * MIP's start.
 */
import type { RestoreAssignment, RestoreProblem } from './RestoreProblem.js';

/** A feasible assignment, or null when the slots run out (they never do with one slot per group). */
export function greedyRestore(p: RestoreProblem): RestoreAssignment | null {
  const G = p.groups.length;
  const deadline = new Float64Array(G).fill(Infinity);
  const weight = new Float64Array(G);
  for (const d of p.demands) {
    const g = p.groupOf[d.app]!;
    deadline[g] = Math.min(deadline[g]!, d.deadline);
    weight[g]! += d.weight;
  }
  // A group's urgency also counts what waits for it: a dependency inherits the deadlines and
  // weights of everything that depends on it (the order pairs are acyclic between groups).
  const after = Array.from({ length: G }, () => [] as number[]);
  const waitingFor = new Int32Array(G);
  for (const [b, a] of p.order) (after[b]!.push(a), waitingFor[a]!++);
  const urgency = Float64Array.from(deadline);
  const pull = Float64Array.from(weight);
  for (const g of topological(G, after).reverse()) {
    for (const a of after[g]!) (urgency[g] = Math.min(urgency[g]!, urgency[a]!)), (pull[g]! += pull[a]!);
  }
  const rank = (g: number): [number, number] => [urgency[g]!, -pull[g]! / Math.max(1, p.groups[g]!.work)];
  const better = (x: number, y: number): boolean => {
    const [a1, b1] = rank(x);
    const [a2, b2] = rank(y);
    return a1 < a2 || (a1 === a2 && (b1 < b2 || (b1 === b2 && x < y)));
  };

  const slotOf = new Int32Array(G).fill(-1);
  const missing = Int32Array.from(waitingFor);
  const ready = new Set<number>();
  for (let g = 0; g < G; g++) if (missing[g] === 0) ready.add(g);
  let placed = 0;
  for (let k = 0; k < p.input.slots.length && placed < G; k++) {
    let apps = 0;
    let vcpu = 0;
    for (;;) {
      let best = -1;
      for (const g of ready) {
        const grp = p.groups[g]!;
        if (apps + grp.work > p.input.maxApps || vcpu + grp.vcpu > p.input.maxVcpu) continue;
        if (best < 0 || better(g, best)) best = g;
      }
      if (best < 0) break;
      ready.delete(best);
      slotOf[best] = k;
      placed++;
      apps += p.groups[best]!.work;
      vcpu += p.groups[best]!.vcpu;
      for (const a of after[best]!) if (--missing[a]! === 0) ready.add(a);
    }
  }
  return placed === G ? slotOf : null;
}

/** Kahn's order of a DAG given as successor lists. */
function topological(n: number, next: readonly (readonly number[])[]): number[] {
  const indeg = new Int32Array(n);
  for (const list of next) for (const v of list) indeg[v]!++;
  const out: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) out.push(v);
  for (let i = 0; i < out.length; i++) for (const w of next[out[i]!]!) if (--indeg[w]! === 0) out.push(w);
  return out;
}
