/**
 * Solves the restore order: greedy first (fast, and the MIP's start), then the HiGHS MIP in
 * two lexicographic stages (missed deadlines, then hours; see restoreModel.ts) within a time
 * limit, unless told otherwise. The MIP only ever replaces the greedy order by a better one.
 * The answer says honestly what is proven: optimal, or the gap to a bound (the solver's, or
 * for greedy alone the bound of every demand at its earliest slot).
 */
import type { RestorePlanRequest } from '../contracts/requests/plans.js';
import type { Solver } from '../contracts/requests/shared.js';
import { VerbundError } from '../model/errors.js';
import { greedyRestore } from './greedyRestore.js';
import { runMip, type MipModel } from './highsSolver.js';
import type { StageOutcome } from './mipWaves.js';
import { buildRestoreModel, restoreAssignmentOf, restoreColumns, type RestoreStage } from './restoreModel.js';
import { compareRestoreObjectives, restoreLowerBound, restoreObjective, type RestoreAssignment, type RestoreObjective, type RestoreProblem } from './RestoreProblem.js';

/** Options of {@link solveRestore}: the request's solver and seconds for the MIP (both stages), both given. */
export type RestoreSolveOptions = Readonly<Required<Pick<RestorePlanRequest, 'solver' | 'timeLimit'>>> & {
  /** Stop after stage 1 (the missed deadlines); the hours stay those of the start order. */
  readonly missedOnly?: boolean | undefined;
};

/** An order and how good it is known to be. */
export interface RestoreSolution {
  readonly assignment: RestoreAssignment;
  readonly objective: RestoreObjective;
  readonly greedy: RestoreObjective;
  /** `mip`, or `greedy` (asked for, or the model too large for the MIP). */
  readonly solver: Solver;
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
  const done = (assignment: RestoreAssignment, bound: RestoreObjective, note: string | null, solver: Solver): RestoreSolution => {
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
  const value = (part: keyof RestoreObjective): number => restoreObjective(p, best)[part];
  // The hours of every order, relaxed (the LP without the missed-weight row): a lower bound of
  // the optimum's hours whatever its missed weight, so the gap is honest even when stage 1
  // is not proven. Cheap next to the MIP (its costs rise with every slot, unlike stage 1's).
  let hoursLp: StageOutcome | null = null;
  if (!opts.missedOnly && !meets(value('hours'), bound.hours)) {
    const lp = await hoursRelaxation(p, left() / 4);
    if (lp.value !== null) bound.hours = Math.max(bound.hours, Math.min(lp.value, value('hours')));
    hoursLp = { stage: 2, status: 'time-limit', gap: relativeGap(value('hours'), bound.hours), seconds: lp.seconds, bound: lp.value === null ? 'dependency closures (the LP relaxation ran out of time)' : 'LP relaxation over every order' };
  }
  const solveStage = async (stage: RestoreStage, seconds: number): Promise<void> => {
    const part = stage.stage === 1 ? 'missed' : 'hours';
    if (meets(value(part), bound[part])) {
      stages.push({ stage: stage.stage, status: 'bound', gap: 0, seconds: 0 });
      return;
    }
    const run = await runMip(buildRestoreModel(p, stage), restoreColumns(p, best), seconds);
    const found = run.values && restoreAssignmentOf(p, run.values);
    if (found && compareRestoreObjectives(restoreObjective(p, found), restoreObjective(p, best)) < 0) best = found;
    // Weights are whole numbers: so is every order's missed weight, and so may be its bound.
    const proven = part === 'missed' ? Math.ceil(run.bound - 1e-6) : run.bound;
    bound[part] = run.status === 'optimal' ? value(part) : Math.max(bound[part], Math.min(proven, value(part)));
    const optimal = run.status === 'optimal' || meets(value(part), bound[part]);
    stages.push({ stage: stage.stage, status: optimal ? 'optimal' : run.status, gap: optimal ? 0 : relativeGap(value(part), bound[part]), seconds: run.seconds });
  };
  // Stage 2 runs only once stage 1 is proven, which takes most of the time when it happens
  // at all: stage 1 gets three quarters of what is left.
  await solveStage({ stage: 1 }, opts.missedOnly ? left() : left() * 0.75);
  if (opts.missedOnly) return done(best, bound, null, 'mip');
  const missed = value('missed');
  // Stage 2's MIP holds only among orders that miss no more than the proven stage-1 optimum;
  // otherwise the hours keep the LP's bound over every order.
  if (meets(missed, bound.missed)) await solveStage({ stage: 2, maxMissed: missed }, left());
  else stages.push(hoursLp ? { ...hoursLp, gap: relativeGap(value('hours'), bound.hours) } : { stage: 2, status: 'time-limit', gap: relativeGap(value('hours'), bound.hours), seconds: 0 });
  return done(best, bound, null, 'mip');
}

/** (value − bound) / value: the share of the value the bound does not prove necessary. */
function relativeGap(value: number, bound: number): number {
  if (!Number.isFinite(bound)) return Infinity;
  return value <= 0 ? 0 : Math.max(0, (value - bound) / value);
}

/**
 * The least weighted hours of any order, relaxed: the LP of stage 2 without its missed-weight
 * row. A lower bound of the hours of every order (null if not solved within `seconds`).
 */
export function hoursRelaxation(p: RestoreProblem, seconds: number): Promise<{ value: number | null; seconds: number }> {
  return lpBound(buildRestoreModel(p, { stage: 2, maxMissed: Infinity }), seconds);
}

/** The optimum of a model's LP relaxation (a lower bound of the MIP), or null if not solved in time. */
async function lpBound(m: MipModel, seconds: number): Promise<{ value: number | null; seconds: number }> {
  const run = await runMip({ ...m, integrality: new Int32Array(m.numCols) }, null, seconds);
  if (run.status !== 'optimal' || !run.values) return { value: null, seconds: run.seconds };
  let value = m.offset;
  for (let c = 0; c < m.numCols; c++) value += m.colCost[c]! * run.values[c]!;
  // The simplex's feasibility tolerance: a hair less is still a bound.
  return { value: value - 1e-7 * Math.max(1, Math.abs(value)), seconds: run.seconds };
}
