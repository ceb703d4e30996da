/**
 * The combinatorial bounds of the wave planner (docs/planning.md, "Bounds") are valid — never
 * above the brute-force optimum on tiny random inputs — and strong enough that the planner
 * claims `optimal` where they prove it: the finance year-end trap, whose capacity arrives
 * late, is proven at once (the bound before this change said nothing about capacity).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildWaveProblem, type WaveInput } from '../src/planning/buildWaveProblem.js';
import { dateOf, dayOf } from '../src/planning/calendar.js';
import { mipWaves } from '../src/planning/mipWaves.js';
import { splitBound, stageOneBound } from '../src/planning/waveBounds.js';
import { waveInstance, yearEndTrap } from './helpers/waveInstances.js';
import { bruteForce } from './helpers/wavePlanOracle.js';

describe('wave bounds', () => {
  test('property: the bounds never exceed the brute-force optimum (waves, then end; split days at that end)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 3, max: 5 }), fc.integer({ min: 1, max: 3 }), (seed, apps, waves) => {
        const base = waveInstance({ apps, seed, waves, start: '2026-12-05', horizon: 35 });
        // Capacity that arrives within the horizon (two weeks in): groups that only fit later, a bound that must respect it.
        const sum = base.moving.reduce((s, a) => s + a.size.vcpu, 0);
        const start = dayOf(base.start);
        const input: WaveInput = { ...base, capacity: [{ day: start, free: { vcpu: sum * 0.5, ram_gb: Infinity, storage_tb: Infinity } }, { day: start + 14, free: { vcpu: sum * 1.3, ram_gb: Infinity, storage_tb: Infinity } }] };
        const best = bruteForce(input);
        if (!best) return;
        const { problem } = buildWaveProblem(input);
        const lb = stageOneBound(problem);
        assert.ok(lb.waves <= best.waves, `waves ${lb.waves} > ${best.waves}`);
        if (lb.waves === best.waves) assert.ok(lb.endDay <= dayOf(best.end), `end ${dateOf(lb.endDay)} > ${best.end} (${lb.how.join('; ')})`);
        assert.ok(splitBound(problem, dayOf(best.end)).value <= best.splitDays, 'split days');
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  test('the year-end trap: stage 1 is proven by the bounds (3 waves, the last when the new cluster arrives), the plan is optimal', async () => {
    const { problem } = buildWaveProblem(yearEndTrap());
    const lb = stageOneBound(problem);
    assert.equal(lb.waves, 3);
    assert.equal(dateOf(lb.endDay), '2028-03-04');
    assert.match(lb.how.join('; '), /7 applications \/ --max-apps 3/);
    const r = await mipWaves(problem, { timeLimit: 20, start: null });
    assert.equal(r.optimal, true);
    assert.equal(r.objective!.waves, 3);
    assert.equal(dateOf(r.objective!.endDay), '2028-03-04');
    assert.match(r.stages[0]!.bound ?? "", /≥ 3 waves, the last not before 2028-03-04/);
  });
});
