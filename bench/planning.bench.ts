/**
 * Planning benchmark (`npm run bench:planning`): generated move instances of 100, 1,000 and
 * 5,000 applications (about 3 dependencies each, one in ten tight; year-end and election
 * blackouts; target capacity that grows after 120 days), planned by the greedy planner and
 * by the HiGHS MIP started from the greedy plan. Prints per size the time of each, the
 * waves, end date and split application-days side by side, and the MIP's status and gap per
 * stage (1: waves and end date, 2: split days).
 *
 * Environment: BENCH_SIZES (default 100,1000,5000), BENCH_TIME_LIMIT (MIP seconds, default
 * 60), BENCH_MIP_MAX (largest size the MIP runs on, default 5000).
 */
import { buildWaveProblem } from '../src/planning/buildWaveProblem.js';
import { dateOf } from '../src/planning/calendar.js';
import { greedyWaves } from '../src/planning/greedyWaves.js';
import { describeStage, mipWaves } from '../src/planning/mipWaves.js';
import { objectiveOf, type WaveObjective } from '../src/planning/WaveProblem.js';
import { waveInstance, yearEndTrap } from '../test/helpers/waveInstances.js';

const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const timeLimit = Number(process.env.BENCH_TIME_LIMIT ?? 60);
const mipMax = Number(process.env.BENCH_MIP_MAX ?? 5000);

const fmt = (o: WaveObjective | null): string => (o ? `${o.waves} waves to ${dateOf(o.endDay)}, ${o.splitDays} app-days` : 'no plan');
const ms = (t: number): string => (t < 1000 ? `${t.toFixed(1)} ms` : `${(t / 1000).toFixed(2)} s`);

console.log(`planning benchmark: node ${process.version}, MIP time limit ${timeLimit} s`);
const rows: string[][] = [];
// Goals (docs/planning.md, "Bounds"): the 7-application trap proven optimal in < 1 s; 1,000
// applications: stage 1 proven or within 2 % in < 30 s.
for (const n of [0, ...sizes]) {
  const input = n === 0 ? yearEndTrap() : waveInstance({ apps: n, seed: 1 });
  let t = performance.now();
  const { problem } = buildWaveProblem(input);
  const buildMs = performance.now() - t;
  // Greedy: median of three runs.
  const times: number[] = [];
  let greedy = greedyWaves(problem);
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    greedy = greedyWaves(problem);
    times.push(performance.now() - t);
  }
  const greedyMs = times.sort((a, b) => a - b)[1]!;
  const greedyObj = greedy.assignment ? objectiveOf(problem, greedy.assignment) : null;
  let mipCell = ['-', '(skipped)', '-'];
  if (n <= mipMax) {
    t = performance.now();
    const mip = await mipWaves(problem, { timeLimit, start: greedy.assignment });
    const mipMs = performance.now() - t;
    const stages = mip.stages.map((s) => `${describeStage(s).replace(/; bound: .*/, '')} (${s.seconds.toFixed(1)} s)`).join('; ');
    for (const s of mip.stages) console.log(`  ${n || 'trap'} stage ${s.stage} bound: ${s.bound}`);
    mipCell = [ms(mipMs), fmt(mip.objective), stages];
  }
  rows.push([n === 0 ? '7 (trap)' : String(n), String(problem.groups.length), String(problem.days.length), String(problem.splits.length), ms(buildMs), ms(greedyMs), fmt(greedyObj), ...mipCell]);
  console.log(`  ${n === 0 ? 'the 7-application trap' : `${n} applications`} done`);
}
const head = ['apps', 'groups', 'days', 'split edges', 'build', 'greedy', 'greedy plan', 'MIP', 'MIP plan', 'MIP stages'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]): string => r.map((c, i) => c.padEnd(width[i]!)).join('  ');
console.log();
console.log(line(head));
console.log(line(width.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
