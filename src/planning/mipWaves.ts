/**
 * Solves the wave problem exactly with the HiGHS MIP solver (the `highs` package, a
 * WebAssembly build), in two lexicographic stages (see waveModel.ts). Each stage starts from
 * the best known schedule, so the result is never worse than that start; with a time limit
 * the gap between the schedule and the proven bound is reported.
 */
import { compareObjectives, objectiveOf, type WaveAssignment, type WaveObjective, type WaveProblem } from './WaveProblem.js';
import { runMip } from './highsSolver.js';
import { assignmentOf, buildWaveModel, columnsOf, type WaveStage } from './waveModel.js';

/** How one stage ended. */
export interface StageOutcome {
  readonly stage: 1 | 2;
  /** `bound`: proven optimal without the solver (the start meets a lower bound). */
  readonly status: 'optimal' | 'bound' | 'time-limit' | 'infeasible';
  /** Relative gap between the schedule and the proven bound (0 when optimal). */
  readonly gap: number;
  readonly seconds: number;
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
  return `stage ${s.stage}: ${what}`;
}

/** Progress of the solver, for a progress bar: stage, seconds, gap (Infinity before an incumbent). */
export type MipProgress = (stage: 1 | 2, seconds: number, gap: number) => void;

/** Options of {@link mipWaves}. */
export interface MipOptions {
  /** Total seconds for both stages. */
  readonly timeLimit: number;
  /** A feasible schedule to start from (the greedy one). */
  readonly start?: WaveAssignment | null;
  readonly onProgress?: MipProgress;
}

/** Solves the problem: fewest waves, then earliest end, then fewest split days. */
export async function mipWaves(p: WaveProblem, opts: MipOptions): Promise<MipResult> {
  const began = Date.now();
  const left = (): number => Math.max(0.5, opts.timeLimit - (Date.now() - began) / 1000);
  const stages: StageOutcome[] = [];
  let best = opts.start ?? null;

  if (p.groups.length === 0) return { assignment: new Int32Array(0), objective: objectiveOf(p, new Int32Array(0)), stages, optimal: true };

  // Stage 1 is skipped when the start already meets the lower bound of waves and end.
  const lb = stageOneBound(p);
  const startObj = best ? objectiveOf(p, best) : null;
  if (startObj && startObj.waves === lb.waves && startObj.endDay === lb.endDay) {
    stages.push({ stage: 1, status: 'bound', gap: 0, seconds: 0 });
  } else {
    const r = await solveStage(p, { stage: 1 }, best, left() / 2, opts.onProgress);
    stages.push(r.outcome);
    if (r.assignment && (!best || compareObjectives(objectiveOf(p, r.assignment), objectiveOf(p, best)) < 0)) best = r.assignment;
  }
  if (!best) return { assignment: null, objective: null, stages, optimal: stages.every((s) => s.status === 'optimal' || s.status === 'bound') };

  const o1 = objectiveOf(p, best);
  if (o1.splitDays === 0 || p.splits.length === 0) {
    stages.push({ stage: 2, status: 'bound', gap: 0, seconds: 0 });
  } else {
    const stage: WaveStage = { stage: 2, maxWaves: o1.waves, maxEnd: o1.endDay - p.days[0]! };
    const r = await solveStage(p, stage, best, left(), opts.onProgress);
    stages.push(r.outcome);
    if (r.assignment && compareObjectives(objectiveOf(p, r.assignment), o1) < 0) best = r.assignment;
  }
  return { assignment: best, objective: objectiveOf(p, best), stages, optimal: stages.every((s) => s.status === 'optimal' || s.status === 'bound') };
}

/** Lower bounds of stage 1: waves from the totals and limits, end from the waves and blackouts. */
export function stageOneBound(p: WaveProblem): { waves: number; endDay: number } {
  let apps = 0;
  let vcpu = 0;
  let latestFirst = -Infinity;
  for (const g of p.groups) {
    apps += g.apps.length;
    vcpu += g.size.vcpu;
    const first = g.allowed.indexOf(1);
    latestFirst = Math.max(latestFirst, first < 0 ? Infinity : p.days[first]!);
  }
  const waves = Math.max(p.groups.length ? 1 : 0, Math.ceil(apps / p.maxApps), Math.ceil(vcpu / p.maxVcpu));
  const nth = waves > 0 ? (p.days[waves - 1] ?? Infinity) : -1;
  return { waves, endDay: Math.max(nth, latestFirst) };
}

async function solveStage(
  p: WaveProblem,
  stage: WaveStage,
  start: WaveAssignment | null,
  seconds: number,
  onProgress: MipProgress | undefined,
): Promise<{ outcome: StageOutcome; assignment: WaveAssignment | null }> {
  const m = buildWaveModel(p, stage);
  const r = await runMip({ ...m, numCols: m.cols.numCols }, start && columnsOf(p, m.cols, start), seconds, onProgress && ((sec, gap) => onProgress(stage.stage, sec, gap)));
  const status = r.status === 'optimal' ? ('optimal' as const) : r.status === 'infeasible' ? ('infeasible' as const) : ('time-limit' as const);
  return { outcome: { stage: stage.stage, status, gap: r.gap, seconds: r.seconds }, assignment: r.values && assignmentOf(m.cols, r.values) };
}
