/**
 * An analysis as plain data, so that it can run in this thread or be posted to a worker
 * thread (docs/api.md, "Heavy analyses"), and the runners that carry it out.
 */
import { VerbundError } from '../model/errors.js';
import type { GeoThresholds } from '../engine/datacenterDistances.js';
import { availabilityReport, pathsReport, pickServices, survivabilityFor, whatIfReport, type AvailabilityQuery, type AvailabilityResult, type PathsReport, type WhatIfReport } from './analyses.js';
import { buildCheckReport, type CheckQuery, type CheckReport } from './checkReport.js';
import type { ExplainContext } from '../planning/explainInfeasible.js';
import { solveWaves, type SolveOptions, type WaveSolution } from '../planning/solveWaves.js';
import type { WaveProblem } from '../planning/WaveProblem.js';
import type { RestoreProblem } from '../planning/RestoreProblem.js';
import { solveRestore, type RestoreSolution, type RestoreSolveOptions } from '../planning/solveRestore.js';
import type { Snapshot } from './Snapshot.js';
import { timelineCheckReport, type TimelineCheckReport } from './timelineCheckReport.js';
import type { WalkChangeSet } from './walkTimeline.js';

/** An analysis of one snapshot. */
export type SnapshotTask =
  | { readonly op: 'check'; readonly query: CheckQuery; readonly georedundancy: GeoThresholds }
  | { readonly op: 'whatIf'; readonly fail: readonly string[] }
  | { readonly op: 'paths'; readonly from: string; readonly to: string; readonly timeLimitMs: number }
  /** `part` [i, n]: the i-th of n equal parts of the query's services (run side by side). */
  | { readonly op: 'availability'; readonly query: AvailabilityQuery; readonly part?: readonly [number, number] | undefined };

/** The timeline check of a view: its change sets, in timeline order. */
export interface TimelineTask {
  readonly op: 'timelineCheck';
  readonly plan: string | null;
  readonly changeSets: readonly WalkChangeSet[];
}

/** Wave planning's solve (greedy, then the MIP within its time limit). */
export interface WaveTask {
  readonly op: 'solveWaves';
  readonly problem: WaveProblem;
  readonly context: ExplainContext;
  readonly options: Pick<SolveOptions, 'solver' | 'timeLimit'>;
}

/** The restore order's solve (greedy, then the MIP within its time limit): `plan restore` and the report. */
export interface RestoreTask {
  readonly op: 'solveRestore';
  readonly problem: RestoreProblem;
  readonly options: RestoreSolveOptions;
}

/** The result of a task. */
export type ResultOf<T extends SnapshotTask> = T extends { op: 'check' }
  ? CheckReport
  : T extends { op: 'whatIf' }
    ? WhatIfReport
    : T extends { op: 'paths' }
      ? PathsReport
      : AvailabilityResult;

/**
 * What the threads of a pool did that a later question need not do again, counted in shared
 * memory (the pool's `workerData.work`, an Int32Array of these indices): estate versions
 * decoded, and whole-estate verdicts (survivability of every service) computed.
 */
export const ThreadWork = { decoded: 0, verdicts: 1 } as const;

/** Runs a snapshot task in this thread. */
export function runTask<T extends SnapshotTask>(snap: Snapshot, task: T): ResultOf<T> {
  switch (task.op) {
    case 'check': {
      const pick = pickServices(snap, task.query);
      return buildCheckReport(snap, survivabilityFor(snap, pick), task.georedundancy, task.query, pick) as ResultOf<T>;
    }
    case 'whatIf':
      return whatIfReport(snap, task.fail) as ResultOf<T>;
    case 'paths':
      return pathsReport(snap, task.from, task.to, task.timeLimitMs) as ResultOf<T>;
    case 'availability':
      return availabilityReport(snap, task.query, task.part) as ResultOf<T>;
  }
  throw new VerbundError('INTERNAL', `unknown analysis ${(task as { op: string }).op}`);
}

/** Runs a timeline task in this thread. */
export function runTimelineTask(task: TimelineTask): TimelineCheckReport {
  return timelineCheckReport(task.changeSets, task.plan);
}

/** Runs a wave task in this thread. */
export function runWaveTask(task: WaveTask): Promise<WaveSolution> {
  return solveWaves(task.problem, task.context, task.options);
}

/** Runs a restore task in this thread. */
export function runRestoreTask(task: RestoreTask): Promise<RestoreSolution> {
  return solveRestore(task.problem, task.options);
}

/** Where analyses run: in this thread (the CLI) or in a pool of worker threads (the API). */
export interface AnalysisRunner {
  /** How many analyses can run side by side: a large question is split into this many parts. */
  readonly parallelism: number;
  run<T extends SnapshotTask>(snap: Snapshot, task: T, signal?: AbortSignal): Promise<ResultOf<T>>;
  timeline(task: TimelineTask, signal?: AbortSignal): Promise<TimelineCheckReport>;
  waves(task: WaveTask, signal?: AbortSignal): Promise<WaveSolution>;
  restore(task: RestoreTask, signal?: AbortSignal): Promise<RestoreSolution>;
  /**
   * Runs a snapshot task for what it leaves behind (the version decoded and projected, its
   * memoized verdicts) wherever later questions run: on every thread of a pool. One promise
   * per copy (per thread), each settled when its copy has run.
   */
  everyThread(snap: Snapshot, task: SnapshotTask): Promise<void>[];
  /** Told that a large question is answered: what the runner holds for it may go (see AnalysisPool.release). */
  release?(): void;
}

/** Runs every analysis in the calling thread. */
export const inProcess: AnalysisRunner = {
  parallelism: 1,
  run: async (snap, task) => runTask(snap, task),
  timeline: async (task) => runTimelineTask(task),
  waves: (task) => runWaveTask(task),
  restore: (task) => runRestoreTask(task),
  everyThread: (snap, task) => [Promise.resolve().then(() => void runTask(snap, task))],
};

