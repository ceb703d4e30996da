/**
 * The timeline check of a large view in runs of dates checked side by side (docs/api.md,
 * "Analyses at state scale"): this thread checks the first run while worker threads check
 * the others, each replaying the timeline up to its run and analysing the date before it
 * whole (`timelineCheckReport`'s `part`). The joined runs are the answer of one walk.
 */
import { Worker } from 'node:worker_threads';
import { VerbundError } from '../model/errors.js';
import { errorIn, type ErrorOut } from './errorData.js';
import { mergeTimelineParts, timelineCheckReport, timelineDates, type TimelineCheckReport } from './timelineCheckReport.js';
import type { TimelinePartJob } from './timelinePartWorker.js';
import type { WalkChangeSet } from './walkTimeline.js';

/** Options of {@link timelineCheckSideBySide}. */
export interface SideBySideOptions {
  /** Threads, this one included. */
  readonly threads: number;
  /**
   * Changes the view must hold to be split (default 50,000): every run but the first costs
   * a replay and a whole analysis more, which pays only at the scale of a state.
   */
  readonly minChanges?: number;
}

/** Dates each run should hold at least: a run is a whole analysis more. */
const MIN_DATES_PER_RUN = 4;

/** The timeline check of `included` (the view's change sets in timeline order), in up to `threads` runs side by side. */
export async function timelineCheckSideBySide(included: readonly WalkChangeSet[], plan: string | null, o: SideBySideOptions): Promise<TimelineCheckReport> {
  let changes = 0;
  for (const cs of included) changes += cs.changes.length;
  const runs = Math.min(o.threads, Math.floor(timelineDates(included) / MIN_DATES_PER_RUN));
  if (runs <= 1 || changes < (o.minChanges ?? 50_000)) return timelineCheckReport(included, plan);
  // Started first: a thread gets its change sets (a copy) when it is made, and works while this one does.
  const others = Array.from({ length: runs - 1 }, (_, k) => inThread({ changeSets: included, plan, part: [k + 1, runs] }));
  try {
    const first = timelineCheckReport(included, plan, undefined, { part: [0, runs] });
    return mergeTimelineParts([first, ...(await Promise.all(others.map((t) => t.report)))]);
  } finally {
    for (const t of others) void t.worker.terminate();
  }
}

type Answer = { readonly ok: TimelineCheckReport } | ErrorOut | { readonly internal: string };

function inThread(job: TimelinePartJob): { worker: Worker; report: Promise<TimelineCheckReport> } {
  // From the sources (tests, tsx) the entry is a loader shim; built, dist/timelinePartWorker.js.
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new Worker(new URL(fromSource ? './timelinePartWorkerFromSource.mjs' : './timelinePartWorker.js', import.meta.url), { workerData: job });
  const report = new Promise<TimelineCheckReport>((resolve, reject) => {
    worker.once('message', (a: Answer) => {
      if ('ok' in a) resolve(a.ok);
      else if ('error' in a) reject(errorIn(a));
      else reject(new Error(a.internal));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new VerbundError('INTERNAL', `a thread of the timeline check ended (exit code ${code})`)));
  });
  // Not left unhandled while this thread checks its own run.
  report.catch(() => undefined);
  return { worker, report };
}
