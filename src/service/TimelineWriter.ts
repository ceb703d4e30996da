/**
 * The server's writes in a thread of their own (docs/api.md, "Writes off the request
 * thread"): one worker thread with its own connection to the store validates and writes
 * every change of the timeline, so that the thread answering requests never waits for a
 * write — not for its reads and checks, not for a big import's replay, not for SQLite's
 * synchronous commit to disk (better-sqlite3 blocks its thread for each statement). The
 * write is the same one transaction, acknowledged only once committed.
 */
import { Worker } from 'node:worker_threads';
import { VerbundError } from '../model/errors.js';
import type { StoreLocation } from '../store/openStore.js';
import { errorIn, type ErrorOut } from './errorData.js';
import type { ImportOptions, OffThreadWriter } from './EstateService.js';
import type { WriteJob, WriteMessage } from './writerWorker.js';
import type { TimelineMutation, WriteOptions, WriteResult } from './writeTimeline.js';

/** What the thread answers. */
type Answer = { readonly n: number } & ({ readonly ok: WriteResult } | ErrorOut | { readonly internal: string });

/** A writer thread over one store, started on the first write. */
export class TimelineWriter implements OffThreadWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (r: WriteResult) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(private readonly location: StoreLocation) {}

  /** Writes through the thread: writeTimeline's result or error (progress is not reported). */
  write(mutation: TimelineMutation, opts: WriteOptions): Promise<WriteResult> {
    const { onPhase: _, ...plain } = opts;
    return this.run({ op: 'mutation', mutation, opts: plain });
  }

  /**
   * Reads an estate file as the API received it (parsed JSON) into change sets and writes
   * them, both in the thread: an import of the whole file, or change sets to add. Only its
   * JSON text crosses over.
   */
  writeFile(file: unknown, opts: WriteOptions, importOptions?: ImportOptions): Promise<WriteResult> {
    const { onPhase: _, ...plain } = opts;
    const text = JSON.stringify(file);
    if (!importOptions) return this.run({ op: 'changesets', text, opts: plain });
    const { onPhase: __, ...rest } = importOptions;
    return this.run({ op: 'import', text, importOptions: rest, opts: plain });
  }

  private run(job: WriteJob): Promise<WriteResult> {
    const worker = this.start();
    const n = this.next++;
    return new Promise<WriteResult>((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      // Only while it has writes to do does the thread keep the process alive.
      worker.ref();
      worker.postMessage({ n, job } satisfies WriteMessage);
    });
  }

  /** Starts the thread (and opens its connection) before the first write needs it; idle, it does not keep the process alive. */
  warm(): void {
    this.start().unref();
  }

  /** Ends the thread once its writes are done. */
  async close(): Promise<void> {
    while (this.pending.size) await new Promise((resolve) => setTimeout(resolve, 20));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // From the sources (tests, tsx) the entry is a loader shim; built, dist/writerWorker.js.
    const fromSource = import.meta.url.endsWith('.ts');
    const worker = new Worker(new URL(fromSource ? './writerWorkerFromSource.mjs' : './writerWorker.js', import.meta.url), { workerData: this.location });
    worker.on('message', (a: Answer) => {
      const p = this.pending.get(a.n);
      if (!p) return;
      this.pending.delete(a.n);
      if (!this.pending.size) worker.unref();
      if ('ok' in a) p.resolve(a.ok);
      else if ('error' in a) p.reject(errorIn(a));
      else p.reject(new Error(a.internal));
    });
    // A thread that dies takes its writes with it (none committed half: each is one transaction); the next write starts another.
    const fail = (e: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new VerbundError('INTERNAL', `the writer thread ended (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
