/**
 * Combinatorial lower bounds of the wave problem (docs/planning.md, "Bounds"): cheap
 * arguments that the MIP's LP does not see, used as cuts (variable bounds and one row) and as
 * the reported bound, so that `optimal` is claimed whenever they meet the schedule found.
 *
 * - feasible days: a group can move only on a day that it is allowed and on which it fits the
 *   target's free capacity alone;
 * - waves: the wave limits (Σ apps / max-apps, Σ vCPU / max-vcpu), and groups whose feasible
 *   days lie in disjoint stretches (blackouts, capacity arriving late) need a wave each;
 * - end: the W-th day on which some group can move, the latest first feasible day of any
 *   group, and the first day on which everything fits the target's free capacity;
 * - split days: an edge to the target is split at least until its group's first feasible
 *   day; an edge between two groups at least the least distance between their feasible days.
 */
import { dateOf } from './calendar.js';
import { suffixMinima } from './greedyWaves.js';
import { sizeDimensions, type Size, type WaveProblem } from './WaveProblem.js';

/** A bound and the arguments it rests on (for the report). */
export interface StageOneBound {
  readonly waves: number;
  readonly endDay: number;
  /** What each part rests on, in words. */
  readonly how: string[];
}

/** Whether `size` fits what may have moved by day k (the least free capacity from k on). */
function fits(room: Record<(typeof sizeDimensions)[number], Float64Array>, size: Size, k: number): boolean {
  return sizeDimensions.every((d) => size[d] <= room[d][k]! + 1e-9);
}

/** Per group, the candidate-day indices on which it can move (allowed, and fitting the target alone from then on), ascending. */
export function feasibleDays(p: WaveProblem, maxEndDay = Infinity): number[][] {
  const room = suffixMinima(p);
  return p.groups.map((grp) => {
    const out: number[] = [];
    for (let k = 0; k < p.days.length && p.days[k]! <= maxEndDay; k++) if (grp.allowed[k] && fits(room, grp.size, k)) out.push(k);
    return out;
  });
}

/** Lower bounds of stage 1 (waves, then the day of the last wave). */
export function stageOneBound(p: WaveProblem): StageOneBound {
  const how: string[] = [];
  if (!p.groups.length) return { waves: 0, endDay: -1, how };
  const feasible = feasibleDays(p);
  let totalApps = 0;
  let totalVcpu = 0;
  for (const g of p.groups) (totalApps += g.apps.length), (totalVcpu += g.size.vcpu);
  let waves = 1;
  const byApps = Math.ceil(totalApps / p.maxApps);
  const byVcpu = Math.ceil(totalVcpu / p.maxVcpu - 1e-9);
  if (byApps > waves) (waves = byApps), how.push(`${totalApps} applications / --max-apps ${p.maxApps}`);
  if (byVcpu > waves) (waves = byVcpu), how.push(`${totalVcpu} vCPU / --max-vcpu ${p.maxVcpu}`);
  // Groups whose feasible days lie in pairwise disjoint stretches need a wave each: the most
  // such groups, taken greedily by the end of their stretch (interval scheduling).
  const stretches = feasible.filter((f) => f.length).map((f) => [f[0]!, f[f.length - 1]!] as const).sort((a, b) => a[1] - b[1]);
  let disjoint = 0;
  let lastEnd = -1;
  for (const [from, to] of stretches) if (from > lastEnd) (disjoint++, (lastEnd = to));
  if (disjoint > waves) (waves = disjoint), how.push(`${disjoint} move groups whose possible days (blackouts, capacity) do not overlap`);
  if (how.length === 0) how.push('one wave at least');

  // End: the waves-th day on which some group can move; the latest first possible day of a group; the first day everything fits.
  const usable = [...new Set(feasible.flat())].sort((a, b) => a - b);
  let endDay = usable[waves - 1] !== undefined ? p.days[usable[waves - 1]!]! : Infinity;
  let endHow = `the ${ordinal(waves)} day on which a group can move`;
  const latestFirst = Math.max(...feasible.map((f) => (f.length ? p.days[f[0]!]! : Infinity)));
  if (latestFirst > endDay) (endDay = latestFirst), (endHow = 'the latest first possible day of a move group (blackouts, capacity)');
  // The groups that cannot move before a day need their own waves from that day on (wave limits).
  const byFirst = feasible.map((f, g) => ({ first: f[0] ?? Infinity, g })).sort((a, b) => b.first - a.first);
  let apps = 0;
  let vcpu = 0;
  for (let i = 0; i < byFirst.length; i++) {
    const { first, g } = byFirst[i]!;
    if (!Number.isFinite(first)) continue;
    apps += p.groups[g]!.apps.length;
    vcpu += p.groups[g]!.size.vcpu;
    if (i + 1 < byFirst.length && byFirst[i + 1]!.first === first) continue;
    const need = Math.max(1, Math.ceil(apps / p.maxApps), Math.ceil(vcpu / p.maxVcpu - 1e-9));
    const from = usable.findIndex((k) => k >= first);
    const day = from >= 0 && usable[from + need - 1] !== undefined ? p.days[usable[from + need - 1]!]! : Infinity;
    if (day > endDay) (endDay = day), (endHow = `${apps} applications that cannot move before ${dateOf(p.days[first]!)} need ${need} waves from then (wave limits)`);
  }
  const room = suffixMinima(p);
  const total: Size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
  for (const g of p.groups) for (const d of sizeDimensions) total[d] += g.size[d];
  let allFit = Infinity;
  for (let k = 0; k < p.days.length; k++) {
    if (fits(room, total, k)) {
      allFit = p.days[k]!;
      break;
    }
  }
  if (allFit > endDay) (endDay = allFit), (endHow = 'the first day on which everything fits the target');
  how.push(`end: ${endHow}`);
  return { waves, endDay, how };
}

/**
 * Lower bound of the split days (stage 2) when the last wave is at most `maxEndDay`: per edge
 * to the target, its weight times the days from the start to its group's first possible day;
 * per edge between groups, its weight times the least distance between their possible days.
 */
export function splitBound(p: WaveProblem, maxEndDay = Infinity): { value: number; perEdge: number[] } {
  const feasible = feasibleDays(p, maxEndDay);
  const perEdge = p.splits.map((e) => {
    const a = feasible[e.a]!;
    if (!a.length) return 0;
    if (e.b < 0) return e.weight * Math.max(0, p.days[a[0]!]! - p.startDay);
    return e.weight * leastDistance(p, a, feasible[e.b]!);
  });
  return { value: perEdge.reduce((s, v) => s + v, 0), perEdge };
}

/** Least |day(a) − day(b)| over two ascending lists of day indices (0 if either is empty). */
function leastDistance(p: WaveProblem, a: readonly number[], b: readonly number[]): number {
  if (!a.length || !b.length) return 0;
  let best = Infinity;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const da = p.days[a[i]!]!;
    const db = p.days[b[j]!]!;
    best = Math.min(best, Math.abs(da - db));
    if (best === 0) return 0;
    if (da < db) i++;
    else j++;
  }
  return best;
}

function ordinal(n: number): string {
  return n % 10 === 1 && n % 100 !== 11 ? `${n}st` : n % 10 === 2 && n % 100 !== 12 ? `${n}nd` : n % 10 === 3 && n % 100 !== 13 ? `${n}rd` : `${n}th`;
}
