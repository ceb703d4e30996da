/**
 * Worker-thread entry of the analysis pool (docs/api.md, "Heavy analyses"). Keeps the last
 * estate versions it was sent, decoded and projected, so that the next question about the
 * same version costs only the analysis; results memoized per version (the whole estate's
 * survivability) serve every later question on this thread. A warm-up task (the server's
 * start) runs on every thread and answers only that it ran.
 */
import { workerData } from 'node:worker_threads';
import { decodeEstate, Snapshot } from './Snapshot.js';
import { errorOut, type ErrorOut } from './errorData.js';
import { runRestoreTask, runTask, runTimelineTask, runWaveTask, ThreadWork, type RestoreTask, type SnapshotTask, type TimelineTask, type WaveTask } from './analysisTask.js';
import type { Problem } from '../model/errors.js';
import type { TimeKey } from '../timeline/time.js';
import { lowerThreadPriority } from './lowerThreadPriority.js';

// Light requests first: the request thread keeps its priority, the analyses yield to it.
lowerThreadPriority();

/**
 * What the pool posts: a snapshot task with its estate version, or a task that needs none. A
 * snapshot task with `everyThread` is one of as many copies as the pool has threads (see
 * {@link AnalysisPool.everyThread}): its result is dropped, what it leaves in the thread is the point.
 */
export type WorkerMessage =
  | {
      readonly task: SnapshotTask;
      readonly key: string;
      readonly at: TimeKey;
      readonly plan: string | null;
      readonly problems: Problem[];
      readonly estate: SharedArrayBuffer;
      readonly everyThread?: { readonly gate: SharedArrayBuffer; readonly threads: number } | undefined;
    }
  | { readonly task: TimelineTask | WaveTask | RestoreTask };

/** The pool's counters, when it gave them (tests may import this module without a pool). */
const work: Int32Array | null = (workerData as { work?: SharedArrayBuffer } | null)?.work ? new Int32Array((workerData as { work: SharedArrayBuffer }).work) : null;

/** How long a copy of an every-thread task waits for the others to start, in milliseconds. */
const GATE_MS = 10_000;

/**
 * Estate versions kept per thread, by the size of their JSON: several small estates, one of
 * state scale (docs/api.md, "Heavy analyses": memory stays bounded).
 */
const KEEP_BYTES = 64 * 1024 * 1024;
const versions = new Map<string, { snap: Snapshot; bytes: number }>();

function snapshotOf(m: Extract<WorkerMessage, { key: string }>): Snapshot {
  let kept = versions.get(m.key);
  if (kept) versions.delete(m.key);
  else {
    kept = { snap: Snapshot.of(m.key, m.at, m.plan, decodeEstate(m.estate), m.problems), bytes: m.estate.byteLength };
    if (work) Atomics.add(work, ThreadWork.decoded, 1);
  }
  // Least recently used first out; the one asked for now always stays.
  let total = kept.bytes;
  for (const v of versions.values()) total += v.bytes;
  for (const [key, v] of versions) {
    if (total <= KEEP_BYTES) break;
    versions.delete(key);
    total -= v.bytes;
  }
  versions.set(m.key, kept); // most recently used last
  return kept.snap.withAt(m.at);
}

/** Runs one task; a catalogue error comes back as data. */
export default async function analysisWorker(m: WorkerMessage): Promise<unknown> {
  try {
    if (m.task.op === 'timelineCheck') return runTimelineTask(m.task);
    if (m.task.op === 'solveWaves') return await runWaveTask(m.task);
    if (m.task.op === 'solveRestore') return await runRestoreTask(m.task);
    const sm = m as Extract<WorkerMessage, { key: string }>;
    if (sm.everyThread) waitForTheOthers(sm.everyThread);
    const snap = snapshotOf(sm);
    const hadVerdicts = snap.memo.survivability !== undefined;
    const result = runTask(snap, sm.task);
    if (work && !hadVerdicts && snap.memo.survivability !== undefined) Atomics.add(work, ThreadWork.verdicts, 1);
    return sm.everyThread ? { ran: true } : result;
  } catch (e) {
    return errorOut(e) satisfies ErrorOut;
  }
}

/**
 * Holds this copy of an every-thread task until every copy has started (or {@link GATE_MS}
 * passed: a thread that could not start): a thread held here takes no other task, so each
 * copy runs on a thread of its own even when the work is quick.
 */
function waitForTheOthers({ gate, threads }: { gate: SharedArrayBuffer; threads: number }): void {
  const started = new Int32Array(gate);
  Atomics.add(started, 0, 1);
  Atomics.notify(started, 0);
  const until = Date.now() + GATE_MS;
  for (let n = Atomics.load(started, 0); n < threads && Date.now() < until; n = Atomics.load(started, 0)) Atomics.wait(started, 0, n, until - Date.now());
}
