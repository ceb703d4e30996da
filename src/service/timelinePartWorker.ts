/**
 * Worker-thread entry of the timeline check side by side (timelineCheckSideBySide): checks
 * the run of dates it is given (`workerData`: a {@link TimelinePartJob}) and posts the
 * report of that run, or the error (a catalogue error as data, anything else as its text).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VerbundError } from '../model/errors.js';
import { errorOut } from './errorData.js';
import { timelineCheckReport } from './timelineCheckReport.js';
import type { WalkChangeSet } from './walkTimeline.js';

/** What the thread is started with. */
export interface TimelinePartJob {
  readonly changeSets: readonly WalkChangeSet[];
  readonly plan: string | null;
  readonly part: readonly [number, number];
}

const job = workerData as TimelinePartJob;
try {
  parentPort!.postMessage({ ok: timelineCheckReport(job.changeSets, job.plan, undefined, { part: job.part }) });
} catch (e) {
  parentPort!.postMessage(e instanceof VerbundError ? errorOut(e) : { internal: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
