/**
 * The restore problem as a time-indexed assignment MIP (docs/continuity.md):
 *
 *   x[g,k] ∈ {0,1}   group g is restored in slot k          Σ_k x[g,k] = 1
 *   per slot k:      Σ_g work_g·x[g,k] ≤ maxApps,  Σ_g vcpu_g·x[g,k] ≤ maxVcpu
 *   per order pair (b before a) and slot k:  Σ_{k'≤k} x[a,k'] ≤ Σ_{k'≤k} x[b,k']
 *   stage 1: minimise Σ missed(g,k)·x[g,k]     (weight of the demands past their RTO)
 *   stage 2: the same rows, Σ missed(g,k)·x[g,k] ≤ stage 1's optimum, minimise Σ hours(g,k)·x[g,k]
 *
 * Both costs of a slot are what the demands of the group pay there, so the objective is
 * linear without lateness variables. The cumulative form of the order rows is the tighter
 * LP of "b no later than a".
 */
import { RowBuilder, type MipModel } from './highsSolver.js';
import { groupSlotCost, type RestoreAssignment, type RestoreProblem } from './RestoreProblem.js';

/** Stage 1 (missed deadlines) or stage 2 (hours, with missed deadlines at most `maxMissed`). */
export type RestoreStage = { readonly stage: 1 } | { readonly stage: 2; readonly maxMissed: number };

/** Column of x[g,k] is g·K + k. */
export function buildRestoreModel(p: RestoreProblem, stage: RestoreStage): MipModel {
  const G = p.groups.length;
  const K = p.input.slots.length;
  const n = G * K;
  const cost = new Float64Array(n);
  const integrality = new Int32Array(n).fill(1);
  for (let g = 0; g < G; g++) for (let k = 0; k < K; k++) cost[g * K + k] = groupSlotCost(p, g, k, stage.stage === 1 ? 'missed' : 'hours');
  const rows = new RowBuilder();
  if (stage.stage === 2) {
    const missed = Array.from({ length: n }, (_, c) => groupSlotCost(p, Math.floor(c / K), c % K, 'missed'));
    // Weights are whole numbers, so half a unit of slack admits the optimum and nothing worse.
    rows.add(missed.map((_, c) => c), missed, -Infinity, stage.maxMissed + 0.5);
  }
  const slotCols = (g: number): number[] => Array.from({ length: K }, (_, k) => g * K + k);
  for (let g = 0; g < G; g++) rows.add(slotCols(g), new Array<number>(K).fill(1), 1, 1);
  const all = Array.from({ length: G }, (_, g) => g);
  for (let k = 0; k < K; k++) {
    const cols = all.map((g) => g * K + k);
    if (Number.isFinite(p.input.maxApps)) rows.add(cols, all.map((g) => p.groups[g]!.work), -Infinity, p.input.maxApps);
    if (Number.isFinite(p.input.maxVcpu)) rows.add(cols, all.map((g) => p.groups[g]!.vcpu), -Infinity, p.input.maxVcpu);
  }
  // The cumulative rows hold K²/2 entries per pair; on large instances the aggregated row
  // Σ k·x[a,k] ≥ Σ k·x[b,k] (the same integer points, a weaker LP) keeps the model small.
  const cumulative = p.order.length * K * K <= 1_000_000;
  for (const [b, a] of p.order) {
    if (!cumulative) {
      rows.add([...slotCols(a), ...slotCols(b)], [...slotCols(a).map((_, k) => k), ...slotCols(b).map((_, k) => -k)], 0, Infinity);
      continue;
    }
    for (let k = 0; k < K - 1; k++) {
      const idx: number[] = [];
      const val: number[] = [];
      for (let j = 0; j <= k; j++) idx.push(a * K + j, b * K + j), val.push(1, -1);
      rows.add(idx, val, -Infinity, 0);
    }
  }
  const m = rows.finish(n);
  return { numCols: n, numRows: m.numRows, colCost: cost, colLower: new Float64Array(n), colUpper: new Float64Array(n).fill(1), integrality, rowLower: m.lower, rowUpper: m.upper, matrix: m.matrix, offset: 0 };
}

/** Column values of an assignment. */
export function restoreColumns(p: RestoreProblem, a: RestoreAssignment): Float64Array {
  const K = p.input.slots.length;
  const v = new Float64Array(p.groups.length * K);
  a.forEach((k, g) => (v[g * K + k] = 1));
  return v;
}

/** The assignment in column values. */
export function restoreAssignmentOf(p: RestoreProblem, values: ArrayLike<number>): RestoreAssignment {
  const K = p.input.slots.length;
  return Int32Array.from(p.groups, (_, g) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (values[g * K + k]! > values[g * K + best]!) best = k;
    return best;
  });
}
