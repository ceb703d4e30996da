/**
 * Turns the planning input (applications to move, their couplings, blackouts, limits, the
 * target's free capacity over time) into a {@link WaveProblem}: move groups are the
 * components of tight couplings; candidate days are the allowed weekdays in the horizon.
 */
import type { WavePlanRequest } from '../contracts/requests/plans.js';
import { dayOf, inBlackout, weekdayOf, type Blackout } from './calendar.js';
import { sizeDimensions, type MoveGroup, type Size, type SizeDimension, type SplitEdge, type WaveProblem } from './WaveProblem.js';

/** An application that moves. */
export interface WaveApp {
  readonly id: string;
  readonly size: Size;
  readonly blackouts: readonly Blackout[];
  /** Whether its instances can be placed on a candidate day (default: always); see Placement.ts. */
  readonly placeable?: ((day: number) => boolean) | undefined;
}

/** A dependency `from` → `to` with at least one end among the moving applications. */
export interface WaveDependency {
  readonly from: string;
  readonly to: string;
  readonly coupling: 'tight' | 'loose';
}

/** Free capacity of the target from a day on (until the next step). */
export interface CapacityStep {
  /** Day number; fractional for a change at a time of day (18:00 is `day + 0.75`): it counts from then. */
  readonly day: number;
  readonly free: Size;
}

/** Everything the planner needs, independent of the store; the limits per wave as the request gives them. */
export interface WaveInput extends Pick<WavePlanRequest, 'maxApps' | 'maxVcpu'> {
  /** First and last possible cut-over date, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
  /** Allowed weekdays, 0 = Sunday … 6 = Saturday. */
  readonly weekdays: readonly number[];
  readonly moving: readonly WaveApp[];
  /** Applications that are at the target already: a loose dependency on them is split until the dependent moves. */
  readonly atTarget: ReadonlySet<string>;
  readonly dependencies: readonly WaveDependency[];
  /** Free capacity over time, ascending by day; empty: unlimited. */
  readonly capacity: readonly CapacityStep[];
}

/** The problem, and for explanations the tight edges inside each group. */
export interface BuiltWaveProblem {
  readonly problem: WaveProblem;
  /** Per group, the tight couplings that bind it (`a–b`). */
  readonly couplings: readonly (readonly [string, string])[][];
  /** Tight couplings with an application at the target: already split, planned as loose. */
  readonly tightToTarget: readonly WaveDependency[];
}

/** Builds the problem; linear in applications + dependencies + candidate days × groups. */
export function buildWaveProblem(input: WaveInput): BuiltWaveProblem {
  const startDay = dayOf(input.start);
  const endDay = dayOf(input.end);
  const allowedWeekday = new Set(input.weekdays);
  const dayList: number[] = [];
  for (let d = startDay; d <= endDay; d++) if (allowedWeekday.has(weekdayOf(d))) dayList.push(d);
  const days = Int32Array.from(dayList);

  const index = new Map(input.moving.map((a, i) => [a.id, i]));
  const parent = input.moving.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const tightToTarget: WaveDependency[] = [];
  for (const d of input.dependencies) {
    if (d.coupling !== 'tight') continue;
    const a = index.get(d.from);
    const b = index.get(d.to);
    if (a !== undefined && b !== undefined) parent[find(a)] = find(b);
    else if (input.atTarget.has(a === undefined ? d.from : d.to)) tightToTarget.push(d);
  }

  const groupOfRoot = new Map<number, number>();
  const members: WaveApp[][] = [];
  input.moving.forEach((app, i) => {
    const r = find(i);
    let g = groupOfRoot.get(r);
    if (g === undefined) groupOfRoot.set(r, (g = members.push([]) - 1));
    members[g]!.push(app);
  });
  const groupOfApp = new Map<string, number>();
  members.forEach((apps, g) => apps.forEach((a) => groupOfApp.set(a.id, g)));

  const groups: MoveGroup[] = members.map((apps) => {
    const size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
    for (const a of apps) for (const d of sizeDimensions) size[d] += a.size[d];
    const allowed = new Uint8Array(days.length);
    for (let k = 0; k < days.length; k++) allowed[k] = apps.every((a) => !a.blackouts.some((b) => inBlackout(days[k]!, b)) && (a.placeable?.(days[k]!) ?? true)) ? 1 : 0;
    return { apps: apps.map((a) => a.id).sort(), size, allowed };
  });

  const couplings: [string, string][][] = groups.map(() => []);
  const weights = new Map<string, number>();
  for (const d of input.dependencies) {
    const ga = groupOfApp.get(d.from);
    const gb = groupOfApp.get(d.to);
    if (d.coupling === 'tight' && ga !== undefined && ga === gb) {
      couplings[ga]!.push([d.from, d.to]);
      continue;
    }
    if (ga !== undefined && gb !== undefined) {
      if (ga === gb) continue;
      const key = ga < gb ? `${ga} ${gb}` : `${gb} ${ga}`;
      weights.set(key, (weights.get(key) ?? 0) + 1);
    } else if (ga !== undefined || gb !== undefined) {
      const g = (ga ?? gb)!;
      if (!input.atTarget.has(ga === undefined ? d.from : d.to)) continue;
      weights.set(`${g} -1`, (weights.get(`${g} -1`) ?? 0) + 1);
    }
  }
  const splits: SplitEdge[] = [...weights].map(([key, weight]) => {
    const [a, b] = key.split(' ').map(Number);
    return { a: a!, b: b!, weight };
  });

  return {
    problem: {
      startDay,
      days,
      groups,
      maxApps: input.maxApps ?? Infinity,
      maxVcpu: input.maxVcpu ?? Infinity,
      capacity: capacityPerDay(days, endDay, input.capacity),
      splits,
    },
    couplings,
    tightToTarget,
  };
}

/**
 * Per candidate day, the least free capacity from that day's 00:00 UTC (when its wave takes
 * effect) until the next candidate day (or the horizon's end): a step later in the day counts
 * only from the next candidate day on if it adds capacity, at once if it takes some away.
 */
function capacityPerDay(days: Int32Array, endDay: number, steps: readonly CapacityStep[]): Record<SizeDimension, Float64Array> {
  const out = {} as Record<SizeDimension, Float64Array>;
  for (const dim of sizeDimensions) {
    const cap = new Float64Array(days.length).fill(Infinity);
    for (let k = 0; k < days.length; k++) {
      const from = days[k]!;
      const until = k + 1 < days.length ? days[k + 1]! : endDay + 1;
      let min = Infinity;
      let current: CapacityStep | undefined;
      for (const s of steps) {
        if (s.day <= from) current = s;
        else if (s.day < until) min = Math.min(min, s.free[dim]);
      }
      if (current) min = Math.min(min, current.free[dim]);
      cap[k] = min;
    }
    out[dim] = cap;
  }
  return out;
}
