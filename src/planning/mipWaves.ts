/**
 * Solves the wave problem exactly with the HiGHS MIP solver (the `highs` package, a
 * WebAssembly build), in two lexicographic stages (see waveModel.ts). Each stage starts from
 * the best known schedule, so the result is never worse than that start; with a time limit
 * the gap between the schedule and the proven bound is reported.
 */
import { compareObjectives, objectiveOf, type WaveAssignment, type WaveObjective, type WaveProblem } from './WaveProblem.js';
import { runMip } from './highsSolver.js';
import { feasibleDays, splitBound, stageOneBound } from './waveBounds.js';
import { dateOf } from './calendar.js';
import { assignmentOf, buildWaveModel, columnsOf, type WaveCuts, type WaveStage } from './waveModel.js';

/** How one stage ended. */
export interface StageOutcome {
  readonly stage: 1 | 2;
  /** `bound`: proven optimal because the schedule meets the combinatorial lower bound. */
  readonly status: 'optimal' | 'bound' | 'time-limit' | 'infeasible';
  /** Relative gap between the schedule and the best proven bound (0 when optimal). */
  readonly gap: number;
  readonly seconds: number;
  /** The combinatorial lower bound of the stage and what it rests on (docs/planning.md, "Bounds"). */
  readonly bound?: string;
}

/** The MIP's answer. */
export interface MipResult {
  readonly assignment: WaveAssignment | null;
  readonly objective: WaveObjective | null;
  readonly stages: StageOutcome[];
  /** Every stage optimal. */
  readonly optimal: boolean;
}

/** A stage's outcome in words: `stage 2: gap 4.2 %`, `stage 1: optimal`, `stage 1: no bound yet`. */
export function describeStage(s: StageOutcome): string {
  const what =
    s.status === 'time-limit'
      ? Number.isFinite(s.gap)
        ? `gap ${(s.gap * 100).toFixed(1)} %`
        : 'no bound yet'
      : s.status === 'bound'
        ? 'optimal (meets the lower bound)'
        : s.status;
  return `stage ${s.stage}: ${what}${s.bound ? `; bound: ${s.bound}` : ''}`;
}

/** A tick of the solver, for a status line: stage, seconds, gap (Infinity before an incumbent). */
export type SolverTick = (stage: 1 | 2, seconds: number, gap: number) => void;

/** Options of {@link mipWaves}. */
export interface MipOptions {
  /** Total seconds for both stages. */
  readonly timeLimit: number;
  /** A feasible schedule to start from (the greedy one). */
  readonly start?: WaveAssignment | null;
  readonly onSolverTick?: SolverTick;
}

/** Solves the problem: fewest waves, then earliest end, then fewest split days. */
export async function mipWaves(p: WaveProblem, opts: MipOptions): Promise<MipResult> {
  const began = Date.now();
  const left = (): number => Math.max(0.5, opts.timeLimit - (Date.now() - began) / 1000);
  const stages: StageOutcome[] = [];
  let best = opts.start ?? null;

  if (p.groups.length === 0) return { assignment: new Int32Array(0), objective: objectiveOf(p, new Int32Array(0)), stages, optimal: true };

  // The combinatorial bounds are cuts of the model and the reported bound; a schedule that
  // meets them is optimal whatever the solver proved (stage 1 is skipped when the start does).
  const lb = stageOneBound(p);
  const H = p.days[p.days.length - 1]! - p.days[0]!;
  const score1 = (o: WaveObjective): number => (H + 1) * o.waves + (o.endDay - p.days[0]!);
  const lbScore = (H + 1) * lb.waves + (lb.endDay - p.days[0]!);
  const bound1 = `≥ ${lb.waves} wave${lb.waves > 1 ? 's' : ''}, the last not before ${Number.isFinite(lb.endDay) ? dateOf(lb.endDay) : '-'} (${lb.how.join('; ')})`;
  const meets1 = (o: WaveObjective): boolean => o.waves === lb.waves && o.endDay === lb.endDay;
  const startObj = best ? objectiveOf(p, best) : null;
  if (startObj && meets1(startObj)) {
    stages.push({ stage: 1, status: 'bound', gap: 0, seconds: 0, bound: bound1 });
  } else {
    const cuts: WaveCuts = { feasible: feasibleDays(p), minWaves: lb.waves, minEndDay: lb.endDay, minSplit: p.splits.map(() => 0) };
    const r = await solveStage(p, { stage: 1 }, best, left() / 2, opts.onSolverTick, cuts);
    if (r.assignment && (!best || compareObjectives(objectiveOf(p, r.assignment), objectiveOf(p, best)) < 0)) best = r.assignment;
    const o = best ? objectiveOf(p, best) : null;
    const combGap = o ? Math.max(0, (score1(o) - lbScore) / Math.max(1, score1(o))) : Infinity;
    const outcome = o && meets1(o) ? { ...r.outcome, status: 'bound' as const, gap: 0 } : { ...r.outcome, gap: Math.min(r.outcome.gap, combGap) };
    stages.push({ ...outcome, bound: bound1 });
  }
  if (!best) return { assignment: null, objective: null, stages, optimal: stages.every((s) => s.status === 'optimal' || s.status === 'bound') };

  const o1 = objectiveOf(p, best);
  const sb = splitBound(p, o1.endDay);
  const bound2 = `≥ ${sb.value} split application-days (edges to the target split until their group's first possible day; edges between groups at least the least distance between their possible days)`;
  if (o1.splitDays === 0 || p.splits.length === 0 || o1.splitDays <= sb.value) {
    stages.push({ stage: 2, status: 'bound', gap: 0, seconds: 0, bound: bound2 });
  } else {
    const stage: WaveStage = { stage: 2, maxWaves: o1.waves, maxEnd: o1.endDay - p.days[0]! };
    const cuts: WaveCuts = { feasible: feasibleDays(p, o1.endDay), minWaves: 0, minEndDay: -Infinity, minSplit: sb.perEdge.map((v, i) => v / p.splits[i]!.weight) };
    const r = await solveStage(p, stage, best, left(), opts.onSolverTick, cuts);
    if (r.assignment && compareObjectives(objectiveOf(p, r.assignment), o1) < 0) best = r.assignment;
    const split = objectiveOf(p, best).splitDays;
    const combGap = split > 0 ? Math.max(0, (split - sb.value) / split) : 0;
    const outcome = split <= sb.value ? { ...r.outcome, status: 'bound' as const, gap: 0 } : { ...r.outcome, gap: Math.min(r.outcome.gap, combGap) };
    stages.push({ ...outcome, bound: bound2 });
  }
  return { assignment: best, objective: objectiveOf(p, best), stages, optimal: stages.every((s) => s.status === 'optimal' || s.status === 'bound') };
}

async function solveStage(
  p: WaveProblem,
  stage: WaveStage,
  start: WaveAssignment | null,
  seconds: number,
  onSolverTick: SolverTick | undefined,
  cuts: WaveCuts,
): Promise<{ outcome: Omit<StageOutcome, 'bound'>; assignment: WaveAssignment | null }> {
  const m = buildWaveModel(p, stage, cuts);
  const r = await runMip({ ...m, numCols: m.cols.numCols }, start && columnsOf(p, m.cols, start), seconds, onSolverTick && ((sec, gap) => onSolverTick(stage.stage, sec, gap)));
  const status = r.status === 'optimal' ? ('optimal' as const) : r.status === 'infeasible' ? ('infeasible' as const) : ('time-limit' as const);
  return { outcome: { stage: stage.stage, status, gap: r.gap, seconds: r.seconds }, assignment: r.values && assignmentOf(m.cols, r.values) };
}
