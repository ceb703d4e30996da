/**
 * The wave problem as a time-indexed mixed-integer program, in HiGHS's sparse form.
 *
 *   x[g,k] ∈ {0,1}  group g moves on candidate day k (only days outside its blackouts)
 *   y[k]   ∈ {0,1}  a wave takes place on day k
 *   e      ≥ 0      offset of the last wave from the first candidate day
 *   t[g]   ≥ 0      offset of group g's wave  (= Σ_k off_k·x[g,k])
 *   s[j]   ≥ 0      days that loose edge j spans the sites (≥ |t_a − t_b|)
 *   c[d,k] ≤ cap    capacity of dimension d used by everything moved by day k
 *
 * Stage 1 minimises (H+1)·Σy + e — fewest waves, then the earliest end (e ≤ H, so the
 * weight makes it lexicographic). Stage 2 fixes Σy ≤ W*, e ≤ E* and minimises split days.
 */
import { RowBuilder, type MipModel } from './highsSolver.js';
import { sizeDimensions, type SizeDimension, type WaveAssignment, type WaveProblem } from './WaveProblem.js';

/** Where each variable lives in the column vector. */
export interface WaveColumns {
  readonly numCols: number;
  /** Per group, its allowed day indices and the column of x[g,k] for each. */
  readonly x: { readonly days: number[]; readonly cols: number[] }[];
  readonly y: number;
  readonly e: number;
  readonly t: number;
  readonly s: number;
  /** First column of c[d,·] per limited dimension. */
  readonly c: Partial<Record<SizeDimension, number>>;
}

/** A model ready for `Model.passModel`, with its layout. */
export interface WaveModel extends Omit<MipModel, 'numCols'> {
  readonly cols: WaveColumns;
}

/** Stage 1 (waves, end) or stage 2 (split days under the stage-1 optimum). */
export type WaveStage = { readonly stage: 1 } | { readonly stage: 2; readonly maxWaves: number; readonly maxEnd: number };

/**
 * Combinatorial cuts (waveBounds.ts): x only on a group's possible days, at least
 * `minWaves` waves, the end and each group's day not before their bounds, each inner split
 * edge at least its least distance.
 */
export interface WaveCuts {
  /** Per group, its possible candidate-day indices (a subset of its allowed days). */
  readonly feasible: readonly (readonly number[])[];
  readonly minWaves: number;
  /** Least day of the last wave. */
  readonly minEndDay: number;
  /** Per split edge (in `p.splits` order), its least split days. */
  readonly minSplit: readonly number[];
}

/** Builds the MIP of one stage. */
export function buildWaveModel(p: WaveProblem, stage: WaveStage, cuts?: WaveCuts): WaveModel {
  const G = p.groups.length;
  const D = p.days.length;
  const off = Array.from(p.days, (d) => d - p.days[0]!);
  const H = off[D - 1] ?? 0;
  const inner = p.splits.filter((e) => e.b >= 0);
  const limited = sizeDimensions.filter((d) => p.capacity[d].some((v) => Number.isFinite(v)));

  let n = 0;
  const x = p.groups.map((g, gi) => {
    const days: number[] = [];
    const cols: number[] = [];
    if (cuts) for (const k of cuts.feasible[gi]!) (days.push(k), cols.push(n++));
    else for (let k = 0; k < D; k++) if (g.allowed[k]) (days.push(k), cols.push(n++));
    return { days, cols };
  });
  const y = n;
  n += D;
  const e = n++;
  const t = n;
  n += G;
  const s = n;
  n += inner.length;
  const c: Partial<Record<SizeDimension, number>> = {};
  for (const d of limited) (c[d] = n), (n += D);
  const cols: WaveColumns = { numCols: n, x, y, e, t, s, c };

  const cost = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  const integrality = new Int32Array(n);
  for (const g of x) for (const col of g.cols) (upper[col] = 1), (integrality[col] = 1);
  for (let k = 0; k < D; k++) (upper[y + k] = 1), (integrality[y + k] = 1);
  upper[e] = stage.stage === 2 ? stage.maxEnd : H;
  for (let g = 0; g < G; g++) upper[t + g] = H;
  for (const d of limited) for (let k = 0; k < D; k++) upper[c[d]! + k] = p.capacity[d][k]!;
  if (cuts) {
    lower[e] = Math.min(upper[e]!, Math.max(0, cuts.minEndDay - p.days[0]!));
    x.forEach((g, gi) => g.days.length && (lower[t + gi] = off[g.days[0]!]!));
    let j = 0;
    p.splits.forEach((edge, i) => edge.b >= 0 && (lower[s + j++] = cuts.minSplit[i]!));
  }

  let offset = 0;
  if (stage.stage === 1) {
    for (let k = 0; k < D; k++) cost[y + k] = H + 1;
    cost[e] = 1;
  } else {
    inner.forEach((edge, j) => (cost[s + j] = edge.weight));
    for (const edge of p.splits) {
      if (edge.b >= 0) continue;
      cost[t + edge.a]! += edge.weight;
      offset += edge.weight * (p.days[0]! - p.startDay);
    }
  }

  // Per day, the x columns of the groups that may move then.
  const perDay = Array.from({ length: D }, () => ({ cols: [] as number[], groups: [] as number[] }));
  x.forEach((g, gi) => g.days.forEach((k, i) => (perDay[k]!.cols.push(g.cols[i]!), perDay[k]!.groups.push(gi))));

  const disaggregate = x.reduce((n, g) => n + g.cols.length, 0) <= 20_000;
  const rows = new RowBuilder();
  for (const g of x) rows.add(g.cols, g.cols.map(() => 1), 1, 1);
  for (let k = 0; k < D; k++) {
    const { cols: members, groups } = perDay[k]!;
    for (const d of limited) {
      // c[d,k] − c[d,k−1] − Σ size·x[g,k] = 0; days on which no group may move carry the total forward.
      const idx = [c[d]! + k, ...(k > 0 ? [c[d]! + k - 1] : []), ...members];
      rows.add(idx, [1, ...(k > 0 ? [-1] : []), ...groups.map((gi) => -p.groups[gi]!.size[d])], 0, 0);
    }
    if (!members.length) continue;
    // x[g,k] ≤ y[k] one by one is the tighter LP, but doubles the rows; on large models the
    // root LP would not finish in a minute, and the wave limits below give the same bound on Σy.
    if (disaggregate) for (const col of members) rows.add([col, y + k], [1, -1], -Infinity, 0);
    else rows.add([...members, y + k], [...members.map(() => 1), -members.length], -Infinity, 0);
    if (Number.isFinite(p.maxApps)) rows.add([...members, y + k], [...groups.map((gi) => p.groups[gi]!.apps.length), -p.maxApps], -Infinity, 0);
    if (Number.isFinite(p.maxVcpu)) rows.add([...members, y + k], [...groups.map((gi) => p.groups[gi]!.size.vcpu), -p.maxVcpu], -Infinity, 0);
    rows.add([e, y + k], [1, -off[k]!], 0, Infinity);
  }
  x.forEach((g, gi) => rows.add([t + gi, ...g.cols], [1, ...g.days.map((k) => -off[k]!)], 0, 0));
  // e ≥ t[g]: implied by the rows above for integer x, but it lifts the LP's bound on the end.
  x.forEach((_, gi) => rows.add([e, t + gi], [1, -1], 0, Infinity));
  inner.forEach((edge, j) => {
    rows.add([s + j, t + edge.a, t + edge.b], [1, -1, 1], 0, Infinity);
    rows.add([s + j, t + edge.a, t + edge.b], [1, 1, -1], 0, Infinity);
  });
  const waveRange: [number, number] = [cuts?.minWaves ?? -Infinity, stage.stage === 2 ? stage.maxWaves : Infinity];
  if (Number.isFinite(waveRange[0]) || Number.isFinite(waveRange[1])) rows.add(Array.from({ length: D }, (_, k) => y + k), new Array<number>(D).fill(1), waveRange[0], waveRange[1]);

  const m = rows.finish(n);
  return { cols, numRows: m.numRows, colCost: cost, colLower: lower, colUpper: upper, integrality, rowLower: m.lower, rowUpper: m.upper, matrix: m.matrix, offset };
}

/** Column values of a schedule, as a start for the solver. */
export function columnsOf(p: WaveProblem, cols: WaveColumns, a: WaveAssignment): Float64Array {
  const v = new Float64Array(cols.numCols);
  const off = (k: number): number => p.days[k]! - p.days[0]!;
  let end = 0;
  cols.x.forEach((g, gi) => {
    const k = a[gi]!;
    const i = g.days.indexOf(k);
    if (i >= 0) v[g.cols[i]!] = 1;
    v[cols.y + k] = 1;
    v[cols.t + gi] = off(k);
    end = Math.max(end, off(k));
  });
  v[cols.e] = end;
  p.splits.filter((e) => e.b >= 0).forEach((e, j) => (v[cols.s + j] = Math.abs(off(a[e.a]!) - off(a[e.b]!))));
  for (const d of sizeDimensions) {
    const first = cols.c[d];
    if (first === undefined) continue;
    const perDay = new Float64Array(p.days.length);
    p.groups.forEach((g, gi) => (perDay[a[gi]!]! += g.size[d]));
    let sum = 0;
    for (let k = 0; k < p.days.length; k++) v[first + k] = sum += perDay[k]!;
  }
  return v;
}

/** Reads the schedule back from column values. */
export function assignmentOf(cols: WaveColumns, values: ArrayLike<number>): WaveAssignment {
  return Int32Array.from(cols.x, (g) => {
    let best = 0;
    for (let i = 1; i < g.cols.length; i++) if (values[g.cols[i]!]! > values[g.cols[best]!]!) best = i;
    return g.days[best]!;
  });
}
