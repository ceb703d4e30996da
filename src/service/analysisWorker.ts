/**
 * Worker-thread entry of the analysis pool (docs/api.md, "Heavy analyses"). Keeps the last
 * estate versions it was sent, decoded and projected, so that the next question about the
 * same version costs only the analysis; results memoized per version (the whole estate's
 * survivability) serve every later question on this thread.
 */
import { decodeEstate, Snapshot } from './Snapshot.js';
import { errorOut, type ErrorOut } from './errorData.js';
import { runRestoreTask, runTask, runTimelineTask, runWaveTask, type RestoreTask, type SnapshotTask, type TimelineTask, type WaveTask } from './analysisTask.js';
import type { Problem } from '../model/errors.js';
import type { TimeKey } from '../timeline/time.js';
import { lowerThreadPriority } from './lowerThreadPriority.js';

// Light requests first: the request thread keeps its priority, the analyses yield to it.
lowerThreadPriority();

/** What the pool posts: a snapshot task with its estate version, or a task that needs none. */
export type WorkerMessage =
  | { readonly task: SnapshotTask; readonly key: string; readonly at: TimeKey; readonly plan: string | null; readonly problems: Problem[]; readonly estate: SharedArrayBuffer }
  | { readonly task: TimelineTask | WaveTask | RestoreTask };

/**
 * Estate versions kept per thread, by the size of their JSON: several small estates, one of
 * state scale (docs/api.md, "Heavy analyses": memory stays bounded).
 */
const KEEP_BYTES = 64 * 1024 * 1024;
const versions = new Map<string, { snap: Snapshot; bytes: number }>();

function snapshotOf(m: Extract<WorkerMessage, { key: string }>): Snapshot {
  let kept = versions.get(m.key);
  if (kept) versions.delete(m.key);
  else kept = { snap: Snapshot.of(m.key, m.at, m.plan, decodeEstate(m.estate), m.problems), bytes: m.estate.byteLength };
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
    return runTask(snapshotOf(m as Extract<WorkerMessage, { key: string }>), m.task);
  } catch (e) {
    return errorOut(e) satisfies ErrorOut;
  }
}
