/**
 * Wave planning: every plan checked by an independent validator (test/helpers/wavePlanOracle),
 * the MIP against brute force on tiny random inputs and against greedy on larger ones (never
 * worse), precise infeasibility reasons, and the OWL-IT move through the CLI on both
 * dialects: the finance blackout respected, the plan on the timeline, verdicts per wave,
 * accept and drop.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { VerbundError } from '../src/model/errors.js';
import { buildWaveProblem, type WaveInput } from '../src/planning/buildWaveProblem.js';
import { dateOf, dayOf } from '../src/planning/calendar.js';
import { greedyWaves } from '../src/planning/greedyWaves.js';
import { solveWaves } from '../src/planning/solveWaves.js';
import { AnalysisPool } from '../src/service/AnalysisPool.js';
import type { WaveAssignment } from '../src/planning/WaveProblem.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';
import { owlDatabase } from './helpers/owlDatabase.js';
import { assertSchema } from './helpers/schemas.js';
import { waveInstance } from './helpers/waveInstances.js';
import { bruteForce, compareScores, score, violations, type Schedule } from './helpers/wavePlanOracle.js';

function scheduleOf(input: WaveInput, a: WaveAssignment): Schedule {
  const { problem } = buildWaveProblem(input);
  const s = new Map<string, string>();
  problem.groups.forEach((g, gi) => g.apps.forEach((id) => s.set(id, dateOf(problem.days[a[gi]!]!))));
  return s;
}

async function solve(input: WaveInput, solver: 'mip' | 'greedy', timeLimit = 10): Promise<Schedule | VerbundError> {
  const built = buildWaveProblem(input);
  try {
    const r = await solveWaves(built.problem, { couplings: built.couplings, blackouts: new Map(input.moving.map((a) => [a.id, a.blackouts])) }, { solver, timeLimit });
    return scheduleOf(input, r.assignment);
  } catch (e) {
    if (e instanceof VerbundError && e.code === 'PLAN_INFEASIBLE') return e;
    throw e;
  }
}

/** Tiny inputs: up to 5 applications, 5 Saturdays around the year end, random everything else. */
const tinyInput = fc
  .record({
    apps: fc.array(
      fc.record({ vcpu: fc.integer({ min: 1, max: 8 }), ram: fc.integer({ min: 1, max: 8 }), blackout: fc.constantFrom(null, ['--12-15', '--01-31'], ['--12-01', '--12-13'], ['2026-12-20', '2027-01-01']) }),
      { minLength: 1, maxLength: 5 },
    ),
    deps: fc.array(fc.record({ from: fc.nat(4), to: fc.nat(5), tight: fc.boolean() }), { maxLength: 6 }),
    maxApps: fc.integer({ min: 1, max: 4 }),
    maxVcpu: fc.integer({ min: 6, max: 20 }),
    capacity: fc.record({ early: fc.integer({ min: 5, max: 30 }), late: fc.integer({ min: 10, max: 40 }) }),
    fridays: fc.boolean(),
  })
  .map(({ apps, deps, maxApps, maxVcpu, capacity, fridays }): WaveInput => {
    const id = (i: number): string => (i >= apps.length ? 'at-target' : `a${i}`);
    const seen = new Set<string>();
    return {
      start: '2026-12-05',
      end: '2027-01-02',
      weekdays: fridays ? [5, 6] : [6],
      moving: apps.map((a, i) => ({ id: id(i), size: { vcpu: a.vcpu, ram_gb: a.ram, storage_tb: 0 }, blackouts: a.blackout ? [{ from: a.blackout[0]!, to: a.blackout[1]! }] : [] })),
      atTarget: new Set(['at-target']),
      dependencies: deps
        .filter((d) => d.from < apps.length && id(d.from) !== id(d.to) && !seen.has(`${d.from}>${d.to}`) && seen.add(`${d.from}>${d.to}`))
        .map((d) => ({ from: id(d.from), to: id(d.to), coupling: d.tight ? ('tight' as const) : ('loose' as const) })),
      maxApps,
      maxVcpu,
      capacity: [
        { day: dayOf('2026-12-05'), free: { vcpu: capacity.early, ram_gb: Infinity, storage_tb: Infinity } },
        { day: dayOf('2026-12-20'), free: { vcpu: capacity.early + capacity.late, ram_gb: Infinity, storage_tb: Infinity } },
      ],
    };
  });

describe('wave planner', () => {
  test('property: on tiny inputs the MIP finds the brute-force optimum (or both find none); greedy plans are valid', async () => {
    await fc.assert(
      fc.asyncProperty(tinyInput, async (input) => {
        const best = bruteForce(input);
        const mip = await solve(input, 'mip');
        if (!best) return assert.ok(mip instanceof VerbundError, 'brute force found no plan, the MIP did');
        assert.ok(!(mip instanceof VerbundError), `MIP found no plan: ${(mip as VerbundError).message}; brute force: ${JSON.stringify(best)}`);
        assert.deepEqual(violations(input, mip), []);
        assert.deepEqual(score(input, mip), best);
        const greedy = await solve(input, 'greedy');
        if (!(greedy instanceof VerbundError)) {
          assert.deepEqual(violations(input, greedy), []);
          assert.ok(compareScores(score(input, mip), score(input, greedy)) <= 0);
        }
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  test('property: on generated instances both plans are valid and the MIP is never worse than greedy', async () => {
    for (const seed of [1, 2]) {
      const input = waveInstance({ apps: 20 + seed * 10, seed, waves: 5 });
      const greedy = await solve(input, 'greedy');
      const mip = await solve(input, 'mip', 2);
      assert.ok(!(greedy instanceof VerbundError) && !(mip instanceof VerbundError), `seed ${seed}: no plan`);
      assert.deepEqual(violations(input, greedy), [], `greedy, seed ${seed}`);
      assert.deepEqual(violations(input, mip), [], `mip, seed ${seed}`);
      assert.ok(compareScores(score(input, mip), score(input, greedy)) <= 0, `seed ${seed}: ${JSON.stringify([score(input, mip), score(input, greedy)])}`);
    }
  });

  test('property: the local search keeps plans valid and never makes them worse', () => {
    for (const seed of [11, 12, 13]) {
      const input = waveInstance({ apps: 150, seed, waves: 6 });
      const { problem } = buildWaveProblem(input);
      const raw = greedyWaves(problem, { improve: false }).assignment!;
      const improved = greedyWaves(problem).assignment!;
      assert.deepEqual(violations(input, scheduleOf(input, improved)), [], `seed ${seed}`);
      assert.ok(compareScores(score(input, scheduleOf(input, improved)), score(input, scheduleOf(input, raw))) <= 0, `seed ${seed}`);
    }
  });

  test('the MIP in a worker thread (as the server runs it) answers as in-process', async () => {
    const input = { ...waveInstance({ apps: 10, seed: 5, waves: 2 }), end: '2027-06-01' };
    const built = buildWaveProblem(input);
    const ctx = { couplings: built.couplings, blackouts: new Map(input.moving.map((a) => [a.id, a.blackouts])) };
    // A generous limit: the instance is proven in well under a second on an idle machine, and the
    // test compares proven optima, not speed (a loaded machine must not make it fail).
    const here = await solveWaves(built.problem, ctx, { solver: 'mip', timeLimit: 60 });
    const pool = new AnalysisPool({ threads: 1 });
    const there = await pool.waves({ op: 'solveWaves', problem: built.problem, context: ctx, options: { solver: 'mip', timeLimit: 60 } }).finally(() => pool.close());
    assert.ok(here.optimal && there.optimal);
    assert.deepEqual(there.objective, here.objective);
    assert.deepEqual(violations(input, scheduleOf(input, there.assignment)), []);
  });

  test('the validator catches broken plans (it can fail)', () => {
    const input = waveInstance({ apps: 40, seed: 7, waves: 4 });
    const { problem } = buildWaveProblem(input);
    const s = new Map(scheduleOf(input, greedyWaves(problem).assignment!));
    const tight = input.dependencies.find((d) => d.coupling === 'tight' && s.has(d.from) && s.has(d.to))!;
    const broken = new Map(s);
    broken.set(tight.from, dateOf(dayOf(s.get(tight.to)!) + 7));
    assert.ok(violations(input, broken).some((v) => v.startsWith(`tight ${tight.from}`)));
    const monday = new Map(s);
    monday.set(input.moving[0]!.id, '2027-01-04');
    assert.ok(violations(input, monday).some((v) => v.includes('disallowed weekday')));
    const missing = new Map(s);
    missing.delete(input.moving[1]!.id);
    assert.ok(violations(input, missing).some((v) => v.includes('does not move')));
  });

  test('infeasible input is explained: which group, which limit', async () => {
    const base = waveInstance({ apps: 12, seed: 3, waves: 3 });
    const tooSmall = await solve({ ...base, maxApps: 1, dependencies: [{ from: 'app-00001', to: 'app-00002', coupling: 'tight' }] }, 'mip');
    assert.ok(tooSmall instanceof VerbundError);
    assert.match(tooSmall.problems[0]!.message, /move group \{app-00001, app-00002\} \(tight couplings app-00001–app-00002\) has 2 applications; a wave takes at most 1 \(--max-apps\)/);
    const blackout = { from: '--01-01', to: '--12-31', reason: 'never' };
    const never = await solve({ ...base, moving: base.moving.map((a, i) => (i === 0 ? { ...a, blackouts: [blackout] } : a)) }, 'greedy');
    assert.ok(never instanceof VerbundError);
    assert.match(never.problems.map((p) => p.message).join('\n'), /app-00000 has no allowed cut-over day .* every one falls in a blackout \(app-00000: --01-01 … --12-31 every year \(never\)\)/);
    const full = await solve({ ...base, capacity: [{ day: dayOf(base.start), free: { vcpu: 10, ram_gb: Infinity, storage_tb: Infinity } }] }, 'mip');
    assert.ok(full instanceof VerbundError);
    assert.match(full.problems.map((p) => p.message).join('\n'), /needs \d+ vcpu at the target; (it never has more than 10 free|it has 10 free on the last cut-over day)/);
  });
});

for (const dialect of dialects) {
  describe(`plan waves on the OWL-IT example (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    const owl = owlDatabase(dialect);
    const args = ['plan', 'waves', '--from', 'paderborn-dc', '--to', 'lemgo-dc', '--start', '2018-12-08', '--days', 'sat', '--max-apps', '3', '--max-vcpu', '96'];

    test('the plan respects the finance blackout and lands on the timeline as proposed change sets', async () => {
      const r = await cli('--db', owl.url, ...args, '--name', 'move-2018', '--json');
      assert.equal(r.code, 0, r.stderr);
      const plan = JSON.parse(r.stdout);
      assertSchema('plan-waves', plan);
      assert.equal(plan.optimal, true);
      const finance = plan.waves.find((w: { applications: string[] }) => w.applications.includes('finanzwesen'));
      // Year-end closing (15 Dec – 31 Jan) and payroll (1 Dec – 15 Jan) keep the finance group out until February.
      assert.equal(finance.date, '2019-02-02');
      assert.deepEqual(finance.applications, ['datenbank-gkd', 'finanzwesen', 'personal-gkd']);
      for (const w of plan.waves) assert.ok(w.applications.length <= 3 && w.size.vcpu <= 96);
      // After the plan every moved application runs in Lemgo only: two instances as in Paderborn, on two clusters
      // that share no UPS (lem-vmc-a on USV A, lem-vmc-b on USV B), not on every cluster there.
      const after = JSON.parse((await cli('--db', owl.url, 'show', 'application', 'finanzwesen', '--at', '2019-02-02', '--plan', 'move-2018', '--json')).stdout);
      assert.deepEqual([...after.instances].sort(), ['lem-vmc-a', 'lem-vmc-b']);
      assert.equal(after.status, 'migrated');
      // Every application of the plan: after its wave, no instance on the source, at least one on the target.
      const devices = JSON.parse((await cli('--db', owl.url, 'show', 'device', '--at', '2019-02-02', '--json')).stdout) as { id: string; site: string }[];
      const siteOf = new Map(devices.map((d) => [d.id, d.site]));
      const apps = JSON.parse((await cli('--db', owl.url, 'show', 'application', '--at', '2019-02-02', '--plan', 'move-2018', '--json')).stdout) as { id: string; instances?: string[] }[];
      const moved = plan.waves.flatMap((w: { applications: string[] }) => w.applications);
      assert.equal(moved.length, 6);
      for (const id of moved) {
        const sites = (apps.find((a) => a.id === id)!.instances ?? []).map((i) => siteOf.get(i));
        assert.ok(!sites.includes('paderborn-dc') && sites.includes('lemgo-dc'), `${id}: ${sites.join(', ')}`);
      }
      const before = JSON.parse((await cli('--db', owl.url, 'show', 'application', 'finanzwesen', '--at', '2019-02-02', '--json')).stdout);
      assert.deepEqual(before.instances, ['pbdc-vmc-1', 'pbdc-vmc-2'], 'the baseline is untouched');
    });

    test('--target-devices maps source devices to target devices; unknown devices are named', async () => {
      const mapped = await cli('--db', owl.url, ...args, '--name', 'mapped', '--dry-run', '--solver', 'greedy', '--target-devices', 'pbdc-vmc-1=lem-vmc-a,pbdc-vmc-2=lem-vmc-b');
      assert.equal(mapped.code, 0, mapped.stderr);
      const r = await cli('--db', owl.url, ...args, '--name', 'mapped-x', '--solver', 'greedy', '--target-devices', 'pbdc-vmc-1=lem-vmc-a,pbdc-vmc-2=lem-vmc-b');
      assert.equal(r.code, 0, r.stderr);
      const fin = JSON.parse((await cli('--db', owl.url, 'show', 'application', 'finanzwesen', '--at', '2019-06-01', '--plan', 'mapped-x', '--json')).stdout);
      assert.deepEqual(fin.instances, ['lem-vmc-a', 'lem-vmc-b']);
      assert.equal((await cli('--db', owl.url, 'plan', 'drop', 'mapped-x')).code, 0);
      const bad = await cli('--db', owl.url, ...args, '--name', 'bad-map', '--target-devices', 'pbdc-vmc-1=nope,lem-vmc-a=lem-vmc-b');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /"nope" is no device at lemgo-dc/);
      assert.match(bad.stderr, /"lem-vmc-a" \(left of =\) is no device at paderborn-dc/);
    });

    test('plan show and the timeline check report the verdict after each wave', async () => {
      const show = JSON.parse((await cli('--db', owl.url, 'plan', 'show', 'move-2018', '--json')).stdout);
      assertSchema('plan-show', show);
      assert.deepEqual(show.steps.map((s: { changeset: string }) => s.changeset), ['move-2018-wave-1', 'move-2018-wave-2']);
      for (const s of show.steps) assert.ok(s.verdict && s.verdict.services > 0);
      assert.ok(show.steps[0].splits.some((d: { from: string; to: string }) => d.from === 'finanzwesen' || d.to === 'finanzwesen'), 'finance waits in Paderborn while its directory has moved');
      assert.deepEqual(show.steps[1].splits, []);
      const check = await cli('--db', owl.url, 'timeline', 'check', '--plan', 'move-2018', '--json');
      const steps = JSON.parse(check.stdout).steps.filter((s: { changesets: { plan: string | null }[] }) => s.changesets.some((c) => c.plan === 'move-2018'));
      assert.equal(steps.length, 2);
    });

    test('accepting waves in the past is refused; --backdate records them as done; drop cancels; a second accept is refused', async () => {
      assert.equal((await cli('--db', owl.url, ...args, '--name', 'move-b', '--solver', 'greedy')).code, 0);
      // The 2018/19 waves lie in the past: scheduling them would rewrite history.
      const refused = await cli('--db', owl.url, 'plan', 'accept', 'move-2018');
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /plan "move-2018" has 2 change sets dated before now \(move-2018-wave-1 on 2019-01-26, move-2018-wave-2 on 2019-02-02\): accepting would rewrite history/);
      const still = JSON.parse((await cli('--db', owl.url, 'changeset', 'list', '--json')).stdout);
      assert.ok(still.filter((c: { plan?: string }) => c.plan === 'move-2018').every((c: { status: string }) => c.status === 'proposed'), 'nothing written');
      const backdated = JSON.parse((await cli('--db', owl.url, 'plan', 'accept', 'move-2018', '--backdate', '--json')).stdout);
      assert.deepEqual(backdated, { plan: 'move-2018', scheduled: [], done: ['move-2018-wave-1', 'move-2018-wave-2'] });
      const sets = JSON.parse((await cli('--db', owl.url, 'changeset', 'list', '--json')).stdout);
      assert.ok(sets.filter((c: { plan?: string }) => c.plan === 'move-2018').every((c: { status: string }) => c.status === 'done'));
      const again = await cli('--db', owl.url, 'plan', 'accept', 'move-2018');
      assert.equal(again.code, 2);
      assert.match(again.stderr, /no proposed change sets left/);
      assert.equal((await cli('--db', owl.url, 'plan', 'drop', 'move-b')).code, 0);
      assert.equal((await cli('--db', owl.url, 'plan', 'show', 'nope')).code, 2);
    });

    test('too small waves: the error names the group and the limit; nothing is written', async () => {
      const r = await cli('--db', owl.url, ...args.slice(0, -4), '--max-apps', '2', '--name', 'too-small');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /move group \{datenbank-gkd, finanzwesen, personal-gkd\} .* has 3 applications; a wave takes at most 2 \(--max-apps\)/);
      assert.equal((await cli('--db', owl.url, 'plan', 'show', 'too-small')).code, 2);
      const badName = await cli('--db', owl.url, ...args, '--name', 'Move 2018');
      assert.equal(badName.code, 2);
      assert.match(badName.stderr, /--name: "Move 2018" is no valid plan id/);
    });
  });
}
