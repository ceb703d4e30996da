/**
 * The greedy wave planner: the fallback when the MIP is not wanted or times out, and the
 * baseline the benchmark compares the MIP with. Day by day it fills a wave as full as the
 * limits and the target's capacity allow, taking first the groups that would otherwise slip
 * past the projected end (a blackout ahead), then those most tied to what has already moved
 * (fewer split dependencies), then the largest (first-fit decreasing packs waves tightly).
 * A local search (improveWaves.ts) then empties waves, advances the last one and moves
 * single groups while the split days fall.
 */
import { improveWaves } from './improveWaves.js';
import { adjacency, appCount, sizeDimensions, type WaveAssignment, type WaveProblem } from './WaveProblem.js';

/** A greedy schedule, or the groups it could not place within the horizon. */
export interface GreedyResult {
  readonly assignment: WaveAssignment | null;
  /** Groups left without a wave (empty when `assignment` is set). */
  readonly unplaced: readonly number[];
}

/** Schedules every group into waves greedily, then improves the schedule unless `improve` is false. */
export function greedyWaves(p: WaveProblem, { improve = true }: { improve?: boolean } = {}): GreedyResult {
  const G = p.groups.length;
  const D = p.days.length;
  const assignment = new Int32Array(G).fill(-1);
  const neighbours = adjacency(p);
  const affinity = new Float64Array(G);
  for (const e of p.splits) if (e.b < 0) affinity[e.a]! += e.weight;
  const next = nextAllowed(p);
  const room = suffixMinima(p);
  const moved = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
  let remainingApps = p.groups.reduce((n, g) => n + appCount(g), 0);
  let remainingVcpu = p.groups.reduce((n, g) => n + g.size.vcpu, 0);
  let left = G;

  for (let k = 0; k < D && left > 0; k++) {
    const wavesLeft = Math.max(1, Math.ceil(Math.max(remainingApps / p.maxApps, remainingVcpu / p.maxVcpu) || 1));
    const candidates: number[] = [];
    for (let g = 0; g < G; g++) if (assignment[g] === -1 && p.groups[g]!.allowed[k]) candidates.push(g);
    let apps = 0;
    let vcpu = 0;
    for (;;) {
      let best = -1;
      for (const g of candidates) {
        if (assignment[g] !== -1) continue;
        const grp = p.groups[g]!;
        if (apps + appCount(grp) > p.maxApps || vcpu + grp.size.vcpu > p.maxVcpu) continue;
        if (sizeDimensions.some((d) => moved[d] + grp.size[d] > room[d][k]!)) continue;
        if (best < 0 || better(g, best)) best = g;
      }
      if (best < 0) break;
      const grp = p.groups[best]!;
      assignment[best] = k;
      left--;
      apps += appCount(grp);
      vcpu += grp.size.vcpu;
      remainingApps -= appCount(grp);
      remainingVcpu -= grp.size.vcpu;
      for (const d of sizeDimensions) moved[d] += grp.size[d];
      for (const [n, w] of neighbours[best]!) affinity[n]! += w;
    }

    function better(g: number, h: number): boolean {
      // Urgent: if not moved now, the group's next chance lies beyond the projected end.
      const ug = next[g * D + k]! - k > wavesLeft ? 1 : 0;
      const uh = next[h * D + k]! - k > wavesLeft ? 1 : 0;
      if (ug !== uh) return ug > uh;
      if (affinity[g] !== affinity[h]) return affinity[g]! > affinity[h]!;
      const a = p.groups[g]!;
      const b = p.groups[h]!;
      if (a.size.vcpu !== b.size.vcpu) return a.size.vcpu > b.size.vcpu;
      if (appCount(a) !== appCount(b)) return appCount(a) > appCount(b);
      return g < h;
    }
  }
  const unplaced: number[] = [];
  for (let g = 0; g < G; g++) if (assignment[g] === -1) unplaced.push(g);
  return unplaced.length ? { assignment: null, unplaced } : { assignment: improve ? improveWaves(p, assignment) : assignment, unplaced };
}

/** `next[g·D + k]`: the first allowed day index after k for group g (D if none). */
function nextAllowed(p: WaveProblem): Int32Array {
  const D = p.days.length;
  const next = new Int32Array(p.groups.length * D);
  p.groups.forEach((g, gi) => {
    let n = D;
    for (let k = D - 1; k >= 0; k--) {
      next[gi * D + k] = n;
      if (g.allowed[k]) n = k;
    }
  });
  return next;
}

/** What may have moved by day k: the least free capacity from k on (capacity can shrink later). */
export function suffixMinima(p: WaveProblem): Record<(typeof sizeDimensions)[number], Float64Array> {
  const D = p.days.length;
  const out = {} as Record<(typeof sizeDimensions)[number], Float64Array>;
  for (const d of sizeDimensions) {
    const m = new Float64Array(D);
    let min = Infinity;
    for (let k = D - 1; k >= 0; k--) {
      min = Math.min(min, p.capacity[d][k]!);
      m[k] = min;
    }
    out[d] = m;
  }
  return out;
}
