/**
 * A thread of the analysis pool that fails outside any analysis (it cannot start, or throws
 * between two tasks) is that thread's failure, not the server's: piscina reports it as an
 * 'error' event, which without a listener ends the process (a CI run lost its server to it).
 * The pool reports it and answers the next analysis on a new thread.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRestoreProblem } from '../src/planning/RestoreProblem.js';
import { AnalysisPool } from '../src/service/AnalysisPool.js';

const problem = buildRestoreProblem({ apps: [{ id: 'a', failed: true, vcpu: 4, deps: [], rto_h: 4 }], usages: [], slots: [0, 2, 4, 6], maxApps: 1, maxVcpu: 8 });
const task = { op: 'solveRestore', problem, options: { solver: 'greedy', timeLimit: 1 } } as const;

test('a thread that fails between analyses is reported and replaced; the pool answers the next one', async () => {
  const failures: Error[] = [];
  const pool = new AnalysisPool({ threads: 1, onThreadError: (e) => failures.push(e) });
  try {
    const first = await pool.restore(task);
    const threads = (pool as unknown as { pool: { threads: import('node:worker_threads').Worker[] } }).pool.threads;
    assert.equal(threads.length, 1, 'one idle thread');
    // What the worker thread reports when code of its own throws outside a task.
    threads[0]!.emit('error', new Error('thrown between two tasks'));
    assert.deepEqual(
      failures.map((e) => e.message),
      ['thrown between two tasks'],
    );
    assert.deepEqual(await pool.restore(task), first, 'the next analysis is answered, by a new thread');
  } finally {
    await pool.close();
  }
});
