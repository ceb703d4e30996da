/**
 * Plans waves: the greedy schedule first (fast, and the MIP's start), then the MIP if asked.
 * The MIP only ever replaces the greedy schedule by a better one. No schedule: a
 * PLAN_INFEASIBLE error that says which group breaks which limit.
 */
import type { WavePlanRequest } from '../contracts/requests/plans.js';
import type { Solver } from '../contracts/requests/shared.js';
import { VerbundError } from '../model/errors.js';
import { dateOf } from './calendar.js';
import { explainInfeasible, type ExplainContext } from './explainInfeasible.js';
import { greedyWaves } from './greedyWaves.js';
import { mipWaves, type SolverTick, type StageOutcome } from './mipWaves.js';
import { objectiveOf, type WaveAssignment, type WaveObjective, type WaveProblem } from './WaveProblem.js';

/** Options of {@link solveWaves}: the request's solver and seconds for the MIP, both given. */
export type SolveOptions = Readonly<Required<Pick<WavePlanRequest, 'solver' | 'timeLimit'>>> & {
  readonly onSolverTick?: SolverTick;
};

/** A schedule and how it was found. */
export interface WaveSolution {
  readonly assignment: WaveAssignment;
  readonly objective: WaveObjective;
  /** The greedy schedule's objective, for comparison (null if greedy found none). */
  readonly greedy: WaveObjective | null;
  readonly solver: Solver;
  /** The MIP's stages; empty for greedy. */
  readonly stages: readonly StageOutcome[];
  /** Proven optimal (both MIP stages optimal). */
  readonly optimal: boolean;
}

/** Solves, or throws PLAN_INFEASIBLE with the reasons. */
export async function solveWaves(p: WaveProblem, ctx: ExplainContext, opts: SolveOptions): Promise<WaveSolution> {
  const reasons = explainInfeasible(p, ctx);
  if (reasons.length) throw new VerbundError('PLAN_INFEASIBLE', `no wave plan satisfies the limits (${reasons.length} reason${reasons.length > 1 ? 's' : ''})`, reasons);
  const greedy = greedyWaves(p);
  const greedyObjective = greedy.assignment ? objectiveOf(p, greedy.assignment) : null;
  if (opts.solver === 'greedy') {
    if (!greedy.assignment) throw noSchedule(p, 'the greedy planner', greedy.unplaced);
    return { assignment: greedy.assignment, objective: greedyObjective!, greedy: greedyObjective, solver: 'greedy', stages: [], optimal: false };
  }
  const mipOptions = { timeLimit: opts.timeLimit, start: greedy.assignment, ...(opts.onSolverTick && { onSolverTick: opts.onSolverTick }) };
  const mip = await mipWaves(p, mipOptions);
  if (!mip.assignment) {
    const proven = mip.stages.some((s) => s.status === 'infeasible');
    throw new VerbundError(
      'PLAN_INFEASIBLE',
      proven
        ? `no wave plan exists between ${dateOf(p.days[0]!)} and ${dateOf(p.days[p.days.length - 1]!)}: the solver proved that blackouts, wave limits and target capacity together leave no schedule (extend --end, allow more --days, raise the limits or the capacity)`
        : `no wave plan found within the time limit of ${opts.timeLimit} s (the greedy planner left ${greedy.unplaced.length} move groups without a wave); raise --time-limit`,
    );
  }
  return { assignment: mip.assignment, objective: mip.objective!, greedy: greedyObjective, solver: 'mip', stages: mip.stages, optimal: mip.optimal };
}

function noSchedule(p: WaveProblem, who: string, unplaced: readonly number[]): VerbundError {
  const names = unplaced.slice(0, 10).map((g) => p.groups[g]!.apps.join('+'));
  return new VerbundError(
    'PLAN_INFEASIBLE',
    `${who} found no wave for ${unplaced.length} move group${unplaced.length > 1 ? 's' : ''} (${names.join(', ')}${unplaced.length > 10 ? ', …' : ''}) between ${dateOf(p.days[0]!)} and ${dateOf(p.days[p.days.length - 1]!)}; try --solver mip, extend --end or relax the limits`,
  );
}
