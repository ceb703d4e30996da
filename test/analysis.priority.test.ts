/**
 * The analysis threads yield the CPU to the request thread (src/service/lowerThreadPriority.ts,
 * docs/api.md "Heavy analyses"): after the pool has run a task, this process has a thread at
 * nice 10 (the pool's) while the calling thread stays at 0. Linux only (`/proc`).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildRestoreProblem } from '../src/planning/RestoreProblem.js';
import { AnalysisPool } from '../src/service/AnalysisPool.js';
import { ANALYSIS_NICE } from '../src/service/lowerThreadPriority.js';

/** The nice value of each thread of this process, by thread id. */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start with field 3, the state; nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[19 - 3]));
  }
  return out;
}

test('the pool runs its analyses at a lower priority than the request thread', { skip: !existsSync('/proc/self/task') && 'no /proc' }, async () => {
  const before = niceByThread();
  assert.equal(before.get(process.pid), 0, 'the main thread runs at nice 0');
  assert.ok(![...before.values()].includes(ANALYSIS_NICE), 'no thread at the analysis priority before the pool starts');
  const pool = new AnalysisPool({ threads: 1 });
  try {
    const problem = buildRestoreProblem({ apps: [{ id: 'a', failed: true, vcpu: 4, deps: [], rto_h: 4 }], usages: [], slots: [0, 2, 4, 6], maxApps: 1, maxVcpu: 8 });
    await pool.restore({ op: 'solveRestore', problem, options: { solver: 'greedy', timeLimit: 1 } });
    const after = niceByThread();
    assert.equal(after.get(process.pid), 0, 'the request thread keeps its priority');
    assert.ok([...after.values()].includes(ANALYSIS_NICE), `a thread at nice ${ANALYSIS_NICE}: ${JSON.stringify([...after])}`);
  } finally {
    await pool.close();
  }
});
