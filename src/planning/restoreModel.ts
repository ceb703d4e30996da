/**
 * The restore problem as a time-indexed MIP in step form (docs/continuity.md):
 *
 *   y[g,k] ∈ {0,1}   group g is back by the end of slot k      y[g,k-1] ≤ y[g,k],  y[g,K-1] = 1
 *   (restored in slot k: x[g,k] = y[g,k] − y[g,k-1], y[g,-1] = 0)
 *   per slot k:      Σ_g work_g·x[g,k] ≤ maxApps,  Σ_g vcpu_g·x[g,k] ≤ maxVcpu
 *   per order pair (b before a) and slot k:  y[a,k] ≤ y[b,k]
 *   y[g,k] = 0 before g's release slot (its dependency closure cannot be back sooner)
 *   stage 1: minimise Σ missed(g,k)·x[g,k]     (weight of the demands past their RTO)
 *   stage 2: the same rows, Σ missed(g,k)·x[g,k] ≤ stage 1's optimum, minimise Σ hours(g,k)·x[g,k]
 *
 * Both costs of a slot are what the demands of the group pay there, so the objective is
 * linear without lateness variables. The step variables give "b no later than a" the LP of
 * the cumulative rows Σ_{k'≤k} x[a,k'] ≤ Σ_{k'≤k} x[b,k'] with two entries per row instead of
 * 2(k+1): the strong relaxation stays small on large instances (the assignment form needed
 * K² entries per pair and fell back to a weak aggregated row above a million).
 */
import { RowBuilder, type MipModel } from './highsSolver.js';
import { groupSlotCost, releaseSlots, type RestoreAssignment, type RestoreProblem } from './RestoreProblem.js';

/** Stage 1 (missed deadlines) or stage 2 (hours, with missed deadlines at most `maxMissed`). */
export type RestoreStage = { readonly stage: 1 } | { readonly stage: 2; readonly maxMissed: number };

/**
 * A cost per slot of x (restored in slot k) as costs of y: Σ_k c_k·x_k = Σ_k (c_k − c_{k+1})·y_k
 * with c_K = 0, since x_k = y_k − y_{k−1}.
 */
function stepCosts(c: readonly number[]): number[] {
  return c.map((v, k) => v - (c[k + 1] ?? 0));
}

/** Column of y[g,k] is g·K + k. */
export function buildRestoreModel(p: RestoreProblem, stage: RestoreStage): MipModel {
  const G = p.groups.length;
  const K = p.input.slots.length;
  const n = G * K;
  const cost = new Float64Array(n);
  const missedCost = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    const part = stepCosts(Array.from({ length: K }, (_, k) => groupSlotCost(p, g, k, stage.stage === 1 ? 'missed' : 'hours')));
    cost.set(part, g * K);
    if (stage.stage === 2) missedCost.set(stepCosts(Array.from({ length: K }, (_, k) => groupSlotCost(p, g, k, 'missed'))), g * K);
  }
  const rows = new RowBuilder();
  if (stage.stage === 2) {
    const cols = [...missedCost.keys()].filter((c) => missedCost[c] !== 0);
    // Weights are whole numbers, so half a unit of slack admits the optimum and nothing worse.
    rows.add(cols, cols.map((c) => missedCost[c]!), -Infinity, stage.maxMissed + 0.5);
  }
  for (let g = 0; g < G; g++) for (let k = 1; k < K; k++) rows.add([g * K + k - 1, g * K + k], [1, -1], -Infinity, 0);
  // Capacity of slot k over x[g,k] = y[g,k] − y[g,k−1].
  for (const [limit, size] of [
    [p.input.maxApps, (g: number) => p.groups[g]!.work],
    [p.input.maxVcpu, (g: number) => p.groups[g]!.vcpu],
  ] as const) {
    if (!Number.isFinite(limit)) continue;
    for (let k = 0; k < K; k++) {
      const idx: number[] = [];
      const val: number[] = [];
      for (let g = 0; g < G; g++) {
        const s = size(g);
        if (s === 0) continue;
        idx.push(g * K + k), val.push(s);
        if (k > 0) idx.push(g * K + k - 1), val.push(-s);
      }
      if (idx.length) rows.add(idx, val, -Infinity, limit);
    }
  }
  for (const [b, a] of p.order) for (let k = 0; k < K - 1; k++) rows.add([a * K + k, b * K + k], [1, -1], -Infinity, 0);
  const m = rows.finish(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(1);
  const release = releaseSlots(p);
  for (let g = 0; g < G; g++) {
    lower[g * K + K - 1] = 1;
    for (let k = 0; k < release[g]!; k++) upper[g * K + k] = 0;
  }
  return { numCols: n, numRows: m.numRows, colCost: cost, colLower: lower, colUpper: upper, integrality: new Int32Array(n).fill(1), rowLower: m.lower, rowUpper: m.upper, matrix: m.matrix, offset: 0 };
}

/** Column values of an assignment. */
export function restoreColumns(p: RestoreProblem, a: RestoreAssignment): Float64Array {
  const K = p.input.slots.length;
  const v = new Float64Array(p.groups.length * K);
  a.forEach((slot, g) => v.fill(1, g * K + slot, (g + 1) * K));
  return v;
}

/** The assignment in column values: the first slot by which a group is back. */
export function restoreAssignmentOf(p: RestoreProblem, values: ArrayLike<number>): RestoreAssignment {
  const K = p.input.slots.length;
  return Int32Array.from(p.groups, (_, g) => {
    for (let k = 0; k < K; k++) if (values[g * K + k]! > 0.5) return k;
    return K - 1;
  });
}
