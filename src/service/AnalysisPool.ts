/**
 * A pool of worker threads for the heavy analyses (docs/api.md, "Heavy analyses"), so that
 * no request blocks the thread that answers the others. Built on piscina: a bounded queue
 * (OVERLOADED when full), a deadline per analysis (DEADLINE_EXCEEDED), cancellation by an
 * AbortSignal (the client went away) — a cancelled or late analysis's thread is terminated
 * and replaced, so the work really stops.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { VerbundError } from '../model/errors.js';
import type { RestoreSolution } from '../planning/solveRestore.js';
import type { WaveSolution } from '../planning/solveWaves.js';
import { errorIn, type ErrorOut } from './errorData.js';
import { ThreadWork, type AnalysisRunner, type RestoreTask, type ResultOf, type SnapshotTask, type TimelineTask, type WaveTask } from './analysisTask.js';
import type { WorkerMessage } from './analysisWorker.js';
import type { Snapshot } from './Snapshot.js';
import type { TimelineCheckReport } from './timelineCheckReport.js';

/** How the pool is sized and bounded. */
export interface AnalysisPoolOptions {
  /** Worker threads; default the number of cores. */
  readonly threads?: number | undefined;
  /** Analyses that may wait for a thread; default 4 per thread. More get OVERLOADED. */
  readonly queue?: number | undefined;
  /** Longest an analysis may take, waiting included, in milliseconds; default 120 s. */
  readonly deadlineMs?: number | undefined;
  /**
   * Told of a thread that failed outside any analysis (it could not start, or threw between
   * two tasks); the pool replaces the thread. Default: a line on stderr.
   */
  readonly onThreadError?: ((e: Error) => void) | undefined;
  /**
   * Keep every thread for the server's life (`serve`, warming at start): the estate versions
   * they hold stay decoded. Default false: a thread idle for a minute ends.
   */
  readonly keepThreads?: boolean | undefined;
}

/** The defaults of {@link AnalysisPoolOptions} (documented in docs/api.md). */
export const poolDefaults = { queuePerThread: 4, deadlineMs: 120_000 } as const;

/** Runs analyses in worker threads. */
export class AnalysisPool implements AnalysisRunner {
  readonly parallelism: number;
  readonly deadlineMs: number;
  private pool: Piscina<WorkerMessage, unknown>;
  private readonly capacity: number;
  private readonly onThreadError: (e: Error) => void;
  private closing = false;
  /** Analyses posted and not yet answered: running and waiting. */
  private active = 0;
  /** Counters of {@link ThreadWork}, shared with every thread. */
  private readonly work = new Int32Array(new SharedArrayBuffer(Object.keys(ThreadWork).length * Int32Array.BYTES_PER_ELEMENT));
  /** Set by {@link release}: the threads are replaced as soon as no analysis is posted. */
  private releasing = false;
  /** The threads started with the pool and kept (see {@link AnalysisPoolOptions.keepThreads}). */
  private readonly minThreads: number;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.parallelism = Math.max(1, opts.threads ?? availableParallelism());
    this.deadlineMs = opts.deadlineMs ?? poolDefaults.deadlineMs;
    // Bounded here, not by piscina's maxQueue: piscina keeps cancellable tasks (ours all are)
    // in a queue of their own that maxQueue does not count.
    this.capacity = this.parallelism + (opts.queue ?? poolDefaults.queuePerThread * this.parallelism);
    // Without a listener, piscina's 'error' event would end the whole server; one failed
    // thread is only that thread (its tasks, if any, fail on their own).
    this.onThreadError = opts.onThreadError ?? ((e: Error) => process.stderr.write(`analysis thread failed: ${e.stack ?? e.message}\n`));
    this.minThreads = opts.keepThreads ? this.parallelism : 0;
    this.pool = this.threads();
  }

  private threads(): Piscina<WorkerMessage, unknown> {
    // From the sources (tests, tsx) the entry is a loader shim; built, dist/analysisWorker.js
    // beside the chunk that holds this code.
    const fromSource = import.meta.url.endsWith('.ts');
    const pool = new Piscina<WorkerMessage, unknown>({
      filename: new URL(fromSource ? './analysisWorkerFromSource.mjs' : './analysisWorker.js', import.meta.url).href,
      minThreads: this.minThreads,
      maxThreads: this.parallelism,
      // Threads that idle for a minute are ended (with the estates they hold).
      idleTimeout: 60_000,
      // The analyses yield the cores to the thread that answers light requests.
      niceIncrement: 5,
      workerData: { work: this.work.buffer },
    });
    pool.on('error', this.onThreadError);
    return pool;
  }

  /**
   * Lets go of the threads once no analysis is posted (now, or when the last one in flight is
   * answered): new threads start with the next analysis. After a question as large as the
   * availability of every service of a state, a thread keeps hundreds of megabytes that its
   * allocator does not give back; an ended thread gives back all of it. The next analysis
   * pays for reading the estate into its new thread again (about a second at state scale).
   */
  release(): void {
    this.releasing = true;
    if (this.active === 0) this.replaceThreads();
  }

  private replaceThreads(): void {
    this.releasing = false;
    if (this.closing) return;
    const old = this.pool;
    this.pool = this.threads();
    // Nothing is posted to it any more, and nothing runs on it.
    old.destroy().catch(this.onThreadError);
  }

  run<T extends SnapshotTask>(snap: Snapshot, task: T, signal?: AbortSignal): Promise<ResultOf<T>> {
    return this.post({ task, key: snap.key, at: snap.at, plan: snap.plan, problems: snap.problems, estate: snap.encoded() }, signal) as Promise<ResultOf<T>>;
  }

  /**
   * Runs a task on every thread (one copy each, held until all have started), for what it
   * leaves there: the version decoded and projected, its memoized verdicts. One promise per
   * copy, settled when it ran; the results are dropped.
   */
  everyThread(snap: Snapshot, task: SnapshotTask): Promise<void>[] {
    const everyThread = { gate: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT), threads: this.parallelism };
    const message = { task, key: snap.key, at: snap.at, plan: snap.plan, problems: snap.problems, estate: snap.encoded(), everyThread };
    return Array.from({ length: this.parallelism }, () => this.post(message).then(() => {}));
  }

  /** What the threads did so far that later questions reuse (see {@link ThreadWork}). */
  threadWork(): Record<keyof typeof ThreadWork, number> {
    return { decoded: Atomics.load(this.work, ThreadWork.decoded), verdicts: Atomics.load(this.work, ThreadWork.verdicts) };
  }

  timeline(task: TimelineTask, signal?: AbortSignal): Promise<TimelineCheckReport> {
    return this.post({ task }, signal) as Promise<TimelineCheckReport>;
  }

  waves(task: WaveTask, signal?: AbortSignal): Promise<WaveSolution> {
    return this.post({ task }, signal) as Promise<WaveSolution>;
  }

  restore(task: RestoreTask, signal?: AbortSignal): Promise<RestoreSolution> {
    return this.post({ task }, signal) as Promise<RestoreSolution>;
  }

  /** Analyses running on a thread (or on one that is starting), and waiting for one. */
  load(): { running: number; waiting: number } {
    const running = Math.min(this.active, this.parallelism);
    return { running, waiting: this.active - running };
  }

  /** Ends every thread now: analyses in flight fail with UNAVAILABLE (the server is stopping). */
  async close(): Promise<void> {
    this.closing = true;
    await this.pool.destroy();
  }

  private async post(message: WorkerMessage, signal?: AbortSignal): Promise<unknown> {
    if (this.closing) throw new VerbundError('UNAVAILABLE');
    if (this.active >= this.capacity) throw new VerbundError('OVERLOADED');
    // A timer of our own, not AbortSignal.timeout: that one does not keep the process alive,
    // and the threads do not either, so a caller awaiting the analysis would be dropped.
    const late = new AbortController();
    const timer = setTimeout(() => late.abort(), this.deadlineMs);
    let result: unknown;
    this.active++;
    try {
      result = await this.pool.run(message, { signal: signal ? AbortSignal.any([signal, late.signal]) : late.signal });
    } catch (e) {
      throw this.failure(e, late.signal);
    } finally {
      this.active--;
      clearTimeout(timer);
      if (this.releasing && this.active === 0) this.replaceThreads();
    }
    if (result && typeof result === 'object' && 'error' in result) throw errorIn(result as ErrorOut);
    return result;
  }

  private failure(e: unknown, deadline: AbortSignal): VerbundError {
    const message = (e as Error)?.message ?? '';
    if (this.closing) return new VerbundError('UNAVAILABLE');
    if (deadline.aborted) return new VerbundError('DEADLINE_EXCEEDED', `the analysis did not finish within ${this.deadlineMs / 1000} s; ask a narrower question (a tenant, an application, a site) or raise --analysis-timeout`);
    if ((e as Error)?.name === 'AbortError') return new VerbundError('UNAVAILABLE', 'the analysis was cancelled: the client went away');
    return e instanceof VerbundError ? e : new VerbundError('INTERNAL', `the analysis thread failed: ${message}`);
  }
}
