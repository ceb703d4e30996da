/**
 * Worker-thread entry of the analysis pool (docs/api.md, "Heavy analyses"). Keeps the last
 * estate versions it was sent, decoded and projected, so that the next question about the
 * same version costs only the analysis; results memoized per version (the whole estate's
 * survivability) serve every later question on this thread.
 */
import { decodeEstate, Snapshot } from './Snapshot.js';
import { errorOut, runTask, runTimelineTask, runWaveTask, type ErrorOut, type SnapshotTask, type TimelineTask, type WaveTask } from './analysisTask.js';
import type { Problem } from '../model/errors.js';
import type { TimeKey } from '../timeline/time.js';

/** What the pool posts: a snapshot task with its estate version, or a task that needs none. */
export type WorkerMessage =
  | { readonly task: SnapshotTask; readonly key: string; readonly at: TimeKey; readonly plan: string | null; readonly problems: Problem[]; readonly estate: SharedArrayBuffer }
  | { readonly task: TimelineTask | WaveTask };

/** Estate versions kept per thread: the present and one other (a date or plan being looked at). */
const KEEP = 2;
const versions = new Map<string, Snapshot>();

function snapshotOf(m: Extract<WorkerMessage, { key: string }>): Snapshot {
  let snap = versions.get(m.key);
  if (snap) versions.delete(m.key);
  else snap = Snapshot.of(m.key, m.at, m.plan, decodeEstate(m.estate), m.problems);
  versions.set(m.key, snap); // most recently used last
  while (versions.size > KEEP) versions.delete(versions.keys().next().value!);
  return snap.withAt(m.at);
}

/** Runs one task; a catalogue error comes back as data. */
export default async function analysisWorker(m: WorkerMessage): Promise<unknown> {
  try {
    if (m.task.op === 'timelineCheck') return runTimelineTask(m.task);
    if (m.task.op === 'solveWaves') return await runWaveTask(m.task);
    return runTask(snapshotOf(m as Extract<WorkerMessage, { key: string }>), m.task);
  } catch (e) {
    return errorOut(e) satisfies ErrorOut;
  }
}
