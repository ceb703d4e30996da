/**
 * Restore-order benchmark (`npm run bench:restore`): random disaster instances of 20, 60 and
 * 150 affected applications (three in four failed, up to 3 dependencies each on earlier
 * ones, 1–4 usages of 5–500 users, RTOs of 4–72 h, 2 applications and 96 vCPU per 2-hour
 * slot in shifts 06–22), solved by greedy and by the two-stage HiGHS MIP started from it.
 * Prints per size the time of each, both objectives (missed weight; weighted hours), the
 * lower bound and the MIP's stages with their gap.
 *
 * Environment: BENCH_SIZES (default 20,60,150), BENCH_TIME_LIMIT (MIP seconds, default 30).
 */
import { describeStage } from '../src/planning/mipWaves.js';
import { buildRestoreProblem, type RestoreInput, type RestoreObjective } from '../src/planning/RestoreProblem.js';
import { restoreSlots } from '../src/planning/restoreSlots.js';
import { solveRestore } from '../src/planning/solveRestore.js';

const sizes = (process.env.BENCH_SIZES ?? '20,60,150').split(',').map(Number);
const timeLimit = Number(process.env.BENCH_TIME_LIMIT ?? 30);

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function instance(n: number, seed: number): RestoreInput {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const apps = Array.from({ length: n }, (_, i) => ({
    id: `app-${i}`,
    failed: r() < 0.75,
    vcpu: pick([4, 8, 16, 32, 48]),
    deps: [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => (i > 0 ? `app-${Math.floor(r() * i)}` : '')).filter(Boolean))],
    rto_h: pick([4, 8, 12, 24, 48, 72, undefined]),
    criticality: pick(['critical', 'high', 'medium', 'low', undefined]),
  }));
  const usages = apps.flatMap((a, i) => Array.from({ length: 1 + Math.floor(r() * 4) }, (_, j) => ({ id: `u-${i}-${j}`, tenant: `t-${j}`, application: a.id, users: 5 + Math.floor(r() * 495) })));
  const slots = restoreSlots(Date.parse('2026-11-06T18:30:00Z'), 60, 2, [[6, 22]], n).hours;
  return { apps, usages, slots, maxApps: 2, maxVcpu: 96 };
}

const fmt = (o: RestoreObjective): string => `${o.missed} missed / ${o.hours} h`;
console.log(`restore-order benchmark: node ${process.version}, MIP time limit ${timeLimit} s`);
const rows: string[][] = [];
for (const n of sizes) {
  const p = buildRestoreProblem(instance(n, n));
  let t = performance.now();
  const greedy = await solveRestore(p, { solver: 'greedy', timeLimit });
  const greedyMs = performance.now() - t;
  t = performance.now();
  const mip = await solveRestore(p, { solver: 'mip', timeLimit });
  const mipMs = performance.now() - t;
  rows.push([String(n), String(p.groups.length), String(p.demands.length), `${greedyMs.toFixed(1)} ms`, fmt(greedy.objective), `${(mipMs / 1000).toFixed(2)} s`, fmt(mip.objective), fmt(mip.bound), mip.optimal ? 'optimal' : mip.stages.map(describeStage).join('; ')]);
  console.log(`  ${n} applications done`);
}
const head = ['apps', 'groups', 'demands', 'greedy', 'greedy order', 'MIP', 'MIP order', 'bound', 'MIP status'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]): string => r.map((c, i) => c.padEnd(width[i]!)).join('  ');
console.log();
console.log(line(head));
console.log(line(width.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
