/**
 * Restore order after a disaster: the MIP against a brute-force oracle on tiny random
 * inputs (same optimum, a feasible order), greedy never better than the optimum and always
 * feasible, dependency cycles restored together, precise infeasibility.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { VerbundError } from '../src/model/errors.js';
import { buildRestoreProblem, restoreObjective, type RestoreAssignment, type RestoreInput, type RestoreObjective, type RestoreProblem } from '../src/planning/RestoreProblem.js';
import { hoursRelaxation, solveRestore } from '../src/planning/solveRestore.js';
import { bruteForceRestore, restoreScore, restoreViolations } from './helpers/restoreOracle.js';

function slotsById(p: RestoreProblem, a: RestoreAssignment): Map<string, number> {
  return new Map(p.input.apps.map((app, i) => [app.id, a[p.groupOf[i]!]!]));
}

const criticality = fc.constantFrom(undefined, 'critical', 'high', 'medium', 'low');
const hours = fc.constantFrom(undefined, 1, 2, 3, 5, 8);

/** Up to 5 affected applications, 4 slots (some after a shift break), random everything else. */
const tinyInput = fc
  .record({
    apps: fc.array(fc.record({ failed: fc.boolean(), vcpu: fc.integer({ min: 0, max: 8 }), rto: hours, crit: criticality }), { minLength: 1, maxLength: 5 }),
    deps: fc.array(fc.record({ from: fc.nat(4), to: fc.nat(4) }), { maxLength: 5 }),
    usages: fc.array(fc.record({ app: fc.nat(4), users: fc.integer({ min: 0, max: 300 }), rto: hours, crit: criticality }), { maxLength: 5 }),
    maxApps: fc.constantFrom(1, 2, 3, Infinity),
    maxVcpu: fc.constantFrom(8, 12, 20, Infinity),
    slots: fc.constantFrom([1, 2, 3, 4], [2, 4, 6, 8], [1, 2, 9, 10]),
  })
  .map(({ apps, deps, usages, maxApps, maxVcpu, slots }): RestoreInput => {
    const n = apps.length;
    const id = (i: number): string => `a${i % n}`;
    // At least one failed application, as in every real scenario.
    const failed = apps.map((a, i) => a.failed || i === 0);
    return {
      apps: apps.map((a, i) => ({
        id: id(i),
        failed: failed[i]!,
        vcpu: a.vcpu,
        deps: [...new Set(deps.filter((d) => d.from % n === i && d.to % n !== i).map((d) => id(d.to)))],
        rto_h: a.rto,
        criticality: a.crit,
      })),
      usages: usages.map((u, j) => ({ id: `u${j}`, tenant: `t${j % 2}`, application: id(u.app), users: u.users, rto_h: u.rto, criticality: u.crit })),
      slots: slots.slice(0, n),
      maxApps,
      maxVcpu,
    };
  });

async function solveOrNull(input: RestoreInput, solver: 'mip' | 'greedy'): Promise<{ p: RestoreProblem; a: RestoreAssignment; objective: RestoreObjective; optimal: boolean; bound: RestoreObjective } | null> {
  const p = buildRestoreProblem(input);
  try {
    const r = await solveRestore(p, { solver, timeLimit: 10 });
    return { p, a: r.assignment, objective: r.objective, optimal: r.optimal, bound: r.bound };
  } catch (e) {
    if (e instanceof VerbundError && e.code === 'PLAN_INFEASIBLE') return null;
    throw e;
  }
}

/** a ≥ b lexicographically (missed deadlines first, then hours). */
function lexAtLeast(a: RestoreObjective, b: RestoreObjective): boolean {
  return a.missed > b.missed || (a.missed === b.missed && a.hours >= b.hours);
}

describe('restore order', () => {
  test('the MIP finds the brute-force optimum, a feasible order, and says it is optimal', async () => {
    let greedyWorse = 0;
    await fc.assert(
      fc.asyncProperty(tinyInput, async (input) => {
        const best = bruteForceRestore(input);
        const r = await solveOrNull(input, 'mip');
        if (best === null) return assert.equal(r, null, 'the solver found an order where none exists');
        assert.ok(r, `no order found, but the oracle found one of ${best}`);
        const slotOf = slotsById(r.p, r.a);
        assert.deepEqual(restoreViolations(input, slotOf), []);
        const score = restoreScore(input, slotOf);
        assert.deepEqual(score, r.objective);
        assert.deepEqual(score, best, `MIP ${JSON.stringify(score)}, optimum ${JSON.stringify(best)}`);
        assert.equal(r.optimal, true);
        assert.deepEqual(r.bound, best);
        const g = await solveOrNull(input, 'greedy');
        if (lexAtLeast(g!.objective, best) && JSON.stringify(g!.objective) !== JSON.stringify(best)) greedyWorse++;
      }),
      { numRuns: 60, seed: 14 },
    );
    assert.ok(greedyWorse > 0, 'no case where the MIP had to improve on greedy: the property proves nothing about it');
  });

  test("the LP relaxation of the hours is a true lower bound of every order's hours", async () => {
    await fc.assert(
      fc.asyncProperty(tinyInput, async (input) => {
        const best = bruteForceRestore(input);
        if (best === null) return;
        const lp = await hoursRelaxation(buildRestoreProblem(input), 10);
        assert.ok(lp.value !== null, 'the LP of a tiny instance is solved');
        // The lexicographic optimum's hours are at least the least hours of any order.
        assert.ok(lp.value <= best.hours + 1e-6, `LP ${lp.value} above the optimum's hours ${best.hours}`);
      }),
      { numRuns: 60, seed: 1414 },
    );
  });

  test('greedy is feasible, never better than the optimum, and its bound is a true lower bound', async () => {
    await fc.assert(
      fc.asyncProperty(tinyInput, async (input) => {
        const best = bruteForceRestore(input);
        const r = await solveOrNull(input, 'greedy');
        if (best === null) return assert.equal(r, null);
        assert.ok(r);
        const slotOf = slotsById(r.p, r.a);
        assert.deepEqual(restoreViolations(input, slotOf), []);
        assert.ok(lexAtLeast(restoreScore(input, slotOf), best), 'greedy better than the optimum');
        assert.ok(lexAtLeast(best, r.bound), `bound ${JSON.stringify(r.bound)} above the optimum ${JSON.stringify(best)}`);
        if (r.optimal) assert.deepEqual(r.objective, best);
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  test('a dependency cycle is restored in one slot, and a cycle too large for a slot is refused with its members', async () => {
    const input: RestoreInput = {
      apps: [
        { id: 'meldewesen', failed: true, vcpu: 4, deps: ['ausweis'] },
        { id: 'ausweis', failed: true, vcpu: 4, deps: ['meldewesen'] },
        { id: 'portal', failed: true, vcpu: 2, deps: [] },
      ],
      usages: [{ id: 'u1', tenant: 'lemgo', application: 'ausweis', users: 50, rto_h: 4 }],
      slots: [1, 2, 3],
      maxApps: 2,
      maxVcpu: Infinity,
    };
    const p = buildRestoreProblem(input);
    const r = await solveRestore(p, { solver: 'mip', timeLimit: 5 });
    assert.equal(r.assignment[p.groupOf[0]!], r.assignment[p.groupOf[1]!]);
    assert.equal(r.assignment[p.groupOf[0]!], 0, 'the cycle serves 50 users: it goes first');
    assert.deepEqual(restoreObjective(p, r.assignment), r.objective);
    await assert.rejects(
      solveRestore(buildRestoreProblem({ ...input, maxApps: 1 }), { solver: 'mip', timeLimit: 5 }),
      (e: VerbundError) => e.code === 'PLAN_INFEASIBLE' && /meldewesen \+ ausweis|ausweis \+ meldewesen/.test(e.problems[0]!.message) && /dependency cycle/.test(e.problems[0]!.message),
    );
  });

  test('deadlines win over users: a small service with a 1-hour RTO goes before a large one without', async () => {
    const input: RestoreInput = {
      apps: [
        { id: 'personenstand', failed: true, vcpu: 2, deps: [], rto_h: 1, criticality: 'critical' },
        { id: 'bibliothek', failed: true, vcpu: 2, deps: [] },
      ],
      usages: [
        { id: 'u-ps', tenant: 'lemgo', application: 'personenstand', users: 5 },
        { id: 'u-bib', tenant: 'lemgo', application: 'bibliothek', users: 400 },
      ],
      slots: [1, 2],
      maxApps: 1,
      maxVcpu: Infinity,
    };
    const p = buildRestoreProblem(input);
    const r = await solveRestore(p, { solver: 'mip', timeLimit: 5 });
    assert.equal(r.assignment[p.groupOf[0]!], 0);
    assert.equal(r.assignment[p.groupOf[1]!], 1);
  });
});
