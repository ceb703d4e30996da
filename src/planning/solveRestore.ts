/**
 * Solves the restore order: greedy first (fast, and the MIP's start), then the HiGHS MIP in
 * two lexicographic stages (missed deadlines, then hours; see restoreModel.ts) within a time
 * limit, unless told otherwise. The MIP only ever replaces the greedy order by a better one.
 * The answer says honestly what is proven: optimal, or the gap to a bound (the solver's, or
 * for greedy alone the bound of every demand at its earliest slot).
 */
import { VerbundError } from '../model/errors.js';
import { greedyRestore } from './greedyRestore.js';
import { runMip } from './highsSolver.js';
import type { StageOutcome } from './mipWaves.js';
import { buildRestoreModel, restoreAssignmentOf, restoreColumns, type RestoreStage } from './restoreModel.js';
import { compareRestoreObjectives, restoreLowerBound, restoreObjective, type RestoreAssignment, type RestoreObjective, type RestoreProblem } from './RestoreProblem.js';

/** Options of {@link solveRestore}. */
export interface RestoreSolveOptions {
  readonly solver: 'mip' | 'greedy';
  /** Seconds for the MIP (both stages). */
  readonly timeLimit: number;
  /** Stop after stage 1 (the missed deadlines); the hours stay those of the start order. */
  readonly missedOnly?: boolean | undefined;
}

/** An order and how good it is known to be. */
export interface RestoreSolution {
  readonly assignment: RestoreAssignment;
  readonly objective: RestoreObjective;
  readonly greedy: RestoreObjective;
  /** `mip`, or `greedy` (asked for, or the model too large for the MIP). */
  readonly solver: 'mip' | 'greedy';
  /** Proven optimal (by the solver, or because the order meets the lower bound). */
  readonly optimal: boolean;
  /** The best proven lower bound of each part. */
  readonly bound: RestoreObjective;
  /** The MIP's stages (empty for greedy); `bound` means: met the lower bound, not solved. */
  readonly stages: readonly StageOutcome[];
  /** Why the MIP did not run although asked, if it did not. */
  readonly note: string | null;
}

/** Above this many x columns the MIP is not tried (its model would not fit a time limit). */
export const MAX_MIP_COLUMNS = 250_000;

const meets = (value: number, bound: number): boolean => value <= bound + 1e-9 * Math.max(1, Math.abs(value));

/** Solves; throws PLAN_INFEASIBLE when a group cannot fit even an empty slot. */
export async function solveRestore(p: RestoreProblem, opts: RestoreSolveOptions): Promise<RestoreSolution> {
  const began = Date.now();
  const tooBig = p.groups
    .filter((g) => g.work > p.input.maxApps || g.vcpu > p.input.maxVcpu)
    .map((g) => ({
      code: 'PLAN_INFEASIBLE' as const,
      message: `${g.apps.map((i) => p.input.apps[i]!.id).join(' + ')}: ${g.work} application${g.work === 1 ? '' : 's'} with ${g.vcpu} vCPU${g.apps.length > 1 ? ' (a dependency cycle, restored together)' : ''} exceed the restore capacity of one slot (${p.input.maxApps} applications, ${p.input.maxVcpu} vCPU); raise the capacity or lengthen the slots`,
    }));
  if (tooBig.length) throw new VerbundError('PLAN_INFEASIBLE', `no restore order fits the capacity (${tooBig.length} reason${tooBig.length > 1 ? 's' : ''})`, tooBig);
  const greedy = greedyRestore(p);
  if (!greedy) throw new VerbundError('PLAN_INFEASIBLE', `the restore slots ran out: give at least one slot per application (${p.groups.length})`);
  const greedyObjective = restoreObjective(p, greedy);
  const lb = restoreLowerBound(p);
  const stages: StageOutcome[] = [];
  const done = (assignment: RestoreAssignment, bound: RestoreObjective, note: string | null, solver: 'mip' | 'greedy'): RestoreSolution => {
    const objective = restoreObjective(p, assignment);
    const optimal = meets(objective.missed, bound.missed) && meets(objective.hours, bound.hours);
    return { assignment, objective, greedy: greedyObjective, solver, optimal, bound, stages, note };
  };
  if (opts.solver === 'greedy' || p.groups.length === 0) return done(greedy, lb, null, 'greedy');
  const columns = p.groups.length * p.input.slots.length;
  if (columns > MAX_MIP_COLUMNS) return done(greedy, lb, `the MIP would have ${columns} columns (more than ${MAX_MIP_COLUMNS}): the greedy order, with its bound`, 'greedy');

  let best = greedy;
  const left = (): number => Math.max(0.5, opts.timeLimit - (Date.now() - began) / 1000);
  const bound = { missed: lb.missed, hours: lb.hours };
  const solveStage = async (stage: RestoreStage, seconds: number): Promise<void> => {
    const part = stage.stage === 1 ? 'missed' : 'hours';
    if (meets(restoreObjective(p, best)[part], bound[part])) {
      stages.push({ stage: stage.stage, status: 'bound', gap: 0, seconds: 0 });
      return;
    }
    const run = await runMip(buildRestoreModel(p, stage), restoreColumns(p, best), seconds);
    stages.push({ stage: stage.stage, status: run.status, gap: run.gap, seconds: run.seconds });
    const found = run.values && restoreAssignmentOf(p, run.values);
    if (found && compareRestoreObjectives(restoreObjective(p, found), restoreObjective(p, best)) < 0) best = found;
    const value = restoreObjective(p, best)[part];
    bound[part] = run.status === 'optimal' ? value : Math.max(bound[part], Math.min(run.bound, value));
  };
  await solveStage({ stage: 1 }, opts.missedOnly ? left() : left() / 2);
  if (opts.missedOnly) return done(best, bound, null, 'mip');
  const missed = restoreObjective(p, best).missed;
  // Stage 2's bound holds only among orders that miss no more than the proven stage-1 optimum.
  if (meets(missed, bound.missed)) await solveStage({ stage: 2, maxMissed: missed }, left());
  else stages.push({ stage: 2, status: 'time-limit', gap: Infinity, seconds: 0 });
  return done(best, bound, null, 'mip');
}
