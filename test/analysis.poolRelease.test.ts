/**
 * After a large question the analysis pool lets its threads go (AnalysisPool.release): at
 * once when nothing is posted, else when the last analysis in flight is answered — never
 * under an analysis. The next analysis is answered by a new thread.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { buildRestoreProblem } from '../src/planning/RestoreProblem.js';
import { AnalysisPool } from '../src/service/AnalysisPool.js';

const problem = buildRestoreProblem({ apps: [{ id: 'a', failed: true, vcpu: 4, deps: [], rto_h: 4 }], usages: [], slots: [0, 2, 4, 6], maxApps: 1, maxVcpu: 8 });
const task = { op: 'solveRestore', problem, options: { solver: 'greedy', timeLimit: 1 } } as const;

const threadsOf = (pool: AnalysisPool): Worker[] => (pool as unknown as { pool: { threads: Worker[] } }).pool.threads;

test('released with nothing in flight: the threads end now; the next analysis runs on a new one', async () => {
  const pool = new AnalysisPool({ threads: 1 });
  try {
    const first = await pool.restore(task);
    const [thread] = threadsOf(pool);
    assert.ok(thread, 'one idle thread');
    const ended = new Promise((resolve) => thread.once('exit', resolve));
    pool.release();
    await ended;
    assert.equal(threadsOf(pool).length, 0, 'no thread until one is needed');
    assert.deepEqual(await pool.restore(task), first);
    assert.notEqual(threadsOf(pool)[0], thread, 'a new thread');
  } finally {
    await pool.close();
  }
});

test('released while analyses run: they are answered, then the threads end', async () => {
  const pool = new AnalysisPool({ threads: 1 });
  try {
    const first = await pool.restore(task);
    const [thread] = threadsOf(pool);
    let exited = false;
    thread!.once('exit', () => (exited = true));
    const running = [pool.restore(task), pool.restore(task)];
    pool.release();
    assert.deepEqual(await Promise.all(running), [first, first]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(exited, 'the thread ended after the last answer');
    assert.deepEqual(await pool.restore(task), first);
  } finally {
    await pool.close();
  }
});
