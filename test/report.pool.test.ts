/**
 * The restore order's solve runs in the analysis pool (docs/api.md, "Heavy analyses"): the
 * pool's answer equals the in-process one; while a MIP solve runs there the calling thread
 * stays free (in process, the same solve blocks it); and over the API a report whose restore
 * scenarios take seconds leaves `/healthz` answering throughout (an order, not a clock:
 * a loaded CI machine stretches every figure).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildRestoreProblem, type RestoreInput } from '../src/planning/RestoreProblem.js';
import { restoreSlots } from '../src/planning/restoreSlots.js';
import { AnalysisPool } from '../src/service/AnalysisPool.js';
import { inProcess, type RestoreTask } from '../src/service/analysisTask.js';
import { EstateService } from '../src/service/EstateService.js';
import { Random } from '../src/util/Random.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

/** A disaster of `n` applications with dependencies and deadlines, two restorable per 2-hour slot. */
function instance(n: number, seed: number): RestoreInput {
  const r = new Random(seed, 'restore-pool');
  const apps = Array.from({ length: n }, (_, i) => ({
    id: `app-${i}`,
    failed: r.chance(0.75),
    vcpu: [4, 8, 16, 32, 48][r.int(0, 4)]!,
    deps: [...new Set(Array.from({ length: r.int(0, 3) }, () => (i > 0 ? `app-${r.int(0, i - 1)}` : '')).filter(Boolean))],
    rto_h: [4, 8, 12, 24, 48, 72][r.int(0, 5)]!,
  }));
  const usages = apps.flatMap((a, i) => Array.from({ length: r.int(1, 4) }, (_, j) => ({ id: `u-${i}-${j}`, tenant: `t-${j}`, application: a.id, users: r.int(5, 500) })));
  const slots = restoreSlots(Date.parse('2026-11-06T18:30:00Z'), 60, 2, [[6, 22]], n).hours;
  return { apps, usages, slots, maxApps: 2, maxVcpu: 96 };
}

/** Runs `work` and returns its value with the longest pause the event loop saw meanwhile. */
async function longestPause<T>(work: () => Promise<T>): Promise<{ value: T; pauseMs: number; ms: number }> {
  let last = performance.now();
  let pauseMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    pauseMs = Math.max(pauseMs, now - last);
    last = now;
  }, 10);
  const t0 = performance.now();
  try {
    const value = await work();
    pauseMs = Math.max(pauseMs, performance.now() - last);
    return { value, pauseMs, ms: performance.now() - t0 };
  } finally {
    clearInterval(tick);
  }
}

describe('restore solves in the analysis pool', () => {
  test('the pool answers as the calling thread does, and leaves it free while the MIP runs', async () => {
    const pool = new AnalysisPool({ threads: 1 });
    try {
      const problem = buildRestoreProblem(instance(150, 150));
      const greedy: RestoreTask = { op: 'solveRestore', problem, options: { solver: 'greedy', timeLimit: 5 } };
      assert.deepEqual(await pool.restore(greedy), await inProcess.restore(greedy));
      const mip: RestoreTask = { op: 'solveRestore', problem, options: { solver: 'mip', timeLimit: 3 } };
      // In this thread the solve holds the event loop (what the report route did before).
      const here = await longestPause(() => inProcess.restore(mip));
      assert.ok(here.pauseMs > 500, `the in-process solve paused the loop only ${here.pauseMs} ms`);
      const there = await longestPause(() => pool.restore(mip));
      assert.ok(there.ms > 1000, `the solve took only ${there.ms} ms: nothing to measure`);
      // Relative to the in-process pause (the solve's length): a shared, loaded machine also
      // pauses a free thread now and then, never for most of a 3-second solve.
      assert.ok(there.pauseMs < Math.min(1000, here.pauseMs / 3), `the loop paused ${there.pauseMs} ms while the pool solved (${here.pauseMs} ms in process)`);
      assert.equal(there.value.solver, 'mip');
    } finally {
      await pool.close();
    }
  });
});

describe('a report over the API never freezes the server', () => {
  let api: ApiFixture;
  before(async () => {
    api = await apiFixture(dialects[0]!);
    // 120 more applications in the Lemgo data center, with dependencies, deadlines and users:
    // losing it gives the report's restore MIP seconds of work.
    const rng = new Random(7, 'report-pool');
    const apps = Array.from({ length: 120 }, (_, i) => ({
      kind: 'application',
      id: `fach-${i}`,
      name: `Fachverfahren ${i}`,
      instances: [rng.chance(0.5) ? 'lem-vmc-a' : 'lem-vmc-b'],
      ...(i > 0 && { depends_on: [...new Set([`fach-${rng.int(0, i - 1)}`, `fach-${rng.int(0, i - 1)}`])] }),
      recovery: { criticality: ['critical', 'high', 'medium'][rng.int(0, 2)], mtd_h: 96, rto_h: [8, 24, 48, 72][rng.int(0, 3)] },
      size: { vcpu: [4, 8, 16][rng.int(0, 2)] },
    }));
    const usages = apps.map((a, i) => ({ kind: 'usage', id: `u-fach-${i}`, tenant: ['lemgo', 'detmold', 'paderborn'][i % 3], application: a.id, sites: ['lemgo-rathaus'], users: rng.int(5, 400) }));
    const r = await new EstateService(api.store, 'test').addChangeSets({
      plans: [],
      changesets: [{ id: 'more-applications', title: 'more applications', effective: '2026-11-01', status: 'done', changes: [...apps, ...usages].map((o) => ({ op: 'create' as const, id: o.id, fields: o })) }],
    });
    assert.equal(r.added.length, 1);
  });
  after(async () => {
    await api.cleanup();
  });

  test('/healthz answers again and again while the report restores', async () => {
    const url = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const auth = { authorization: `Bearer ${api.tokens.viewer}` };
    const t0 = performance.now();
    let done = false;
    const report = fetch(`${url}/api/v1/report?at=2026-11-27&format=md&lang=en`, { headers: auth }).then(async (r) => {
      done = true;
      return { status: r.status, body: await r.text(), ms: performance.now() - t0 };
    });
    let probes = 0;
    while (!done) {
      const h = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) });
      await h.arrayBuffer();
      assert.equal(h.status, 200);
      // Counted only when it answered before the report: a blocked loop answers after it.
      if (!done) probes++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const r = await report;
    assert.equal(r.status, 200, r.body.slice(0, 500));
    assert.match(r.body, /fach-\d+|Fachverfahren/);
    assert.ok(r.ms > 1500 && probes >= 5, `the report took ${r.ms} ms (${probes} probes): too quick to show anything`);
  });
});
