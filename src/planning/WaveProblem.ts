/**
 * The wave-planning problem in solver terms (docs/planning.md, "Waves"): move groups, candidate cut-over
 * days, per-wave limits, the target's free capacity per day, and the loose dependencies
 * whose days spent split across the two sites cost. Pure data: the service builds it from
 * the estate, the greedy planner and the MIP solve it, the report evaluates it.
 */

/** Size dimensions that applications have and target capacity limits. */
export const sizeDimensions = ['vcpu', 'ram_gb', 'storage_tb'] as const;
/** One of {@link sizeDimensions}. */
export type SizeDimension = (typeof sizeDimensions)[number];
/** A size or a capacity; `Infinity` where capacity is not limited. */
export type Size = Record<SizeDimension, number>;

/** Applications that must move in the same wave: a component of tight couplings. */
export interface MoveGroup {
  /** Application ids, sorted. */
  readonly apps: readonly string[];
  /** Sum of the applications' sizes. */
  readonly size: Size;
  /** Per candidate day: 1 if no application of the group has a blackout that day. */
  readonly allowed: Uint8Array;
}

/** A loose dependency between two groups, or between a group and an application already at the target. */
export interface SplitEdge {
  readonly a: number;
  /** The other group, or -1: an application at the target from the start, so the edge is split until `a` moves. */
  readonly b: number;
  /** How many dependencies the edge stands for (each costs one application-day per day split). */
  readonly weight: number;
}

/** The whole problem. Days are integers: days since 1970-01-01 (UTC). */
export interface WaveProblem {
  /** The plan's start: splits with applications already at the target count from here. */
  readonly startDay: number;
  /** Candidate cut-over days, ascending (allowed weekdays within the horizon). */
  readonly days: Int32Array;
  readonly groups: readonly MoveGroup[];
  /** Applications per wave (`Infinity`: no limit). */
  readonly maxApps: number;
  /** vCPU per wave (`Infinity`: no limit). */
  readonly maxVcpu: number;
  /**
   * Free capacity of the target per candidate day, per dimension: what everything moved by
   * that day must fit in (the least free capacity until the next candidate day).
   */
  readonly capacity: Record<SizeDimension, Float64Array>;
  readonly splits: readonly SplitEdge[];
}

/** A schedule: the candidate-day index of each group's wave. */
export type WaveAssignment = Int32Array;

/** The objective, compared lexicographically in this order. */
export interface WaveObjective {
  readonly waves: number;
  /** Day of the last wave (-1 with no group). */
  readonly endDay: number;
  /** Σ over loose dependencies of the days they span the two sites. */
  readonly splitDays: number;
}

/** Evaluates a schedule's objective. */
export function objectiveOf(p: WaveProblem, dayIndexOf: WaveAssignment): WaveObjective {
  const used = new Set<number>();
  let end = -1;
  for (const k of dayIndexOf) {
    used.add(k);
    end = Math.max(end, p.days[k]!);
  }
  let splitDays = 0;
  for (const e of p.splits) {
    const da = p.days[dayIndexOf[e.a]!]!;
    splitDays += e.weight * (e.b < 0 ? da - p.startDay : Math.abs(da - p.days[dayIndexOf[e.b]!]!));
  }
  return { waves: used.size, endDay: end, splitDays };
}

/** Negative if `a` is better than `b`, positive if worse, 0 if equal. */
export function compareObjectives(a: WaveObjective, b: WaveObjective): number {
  return a.waves - b.waves || a.endDay - b.endDay || a.splitDays - b.splitDays;
}

/** Number of applications of a group (what `maxApps` counts). */
export function appCount(g: MoveGroup): number {
  return g.apps.length;
}

/** Per group, its split neighbours (other groups) with the edge weights. */
export function adjacency(p: WaveProblem): [number, number][][] {
  const out: [number, number][][] = p.groups.map(() => []);
  for (const e of p.splits) {
    if (e.b < 0) continue;
    out[e.a]!.push([e.b, e.weight]);
    out[e.b]!.push([e.a, e.weight]);
  }
  return out;
}
