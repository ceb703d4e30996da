/**
 * Worker-thread entry of the server's writer (TimelineWriter): opens the store once, with a
 * connection of its own, and carries out the writes it is sent, several at a time as the
 * request thread would: a mutation (writeTimeline), or an estate file as the API received
 * it, read here into change sets and written (EstateService). A catalogue error comes back
 * as data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type Store, type StoreLocation } from '../store/openStore.js';
import { errorOut } from './errorData.js';
import { EstateService, type ImportOptions } from './EstateService.js';
import { writeTimeline, type TimelineMutation, type WriteOptions, type WriteResult } from './writeTimeline.js';

/** How a write is made, without what cannot cross threads (progress callbacks). */
export type PlainWriteOptions = Omit<WriteOptions, 'onPhase'>;

/** One write the thread is sent. */
export type WriteJob =
  | { readonly op: 'mutation'; readonly mutation: TimelineMutation; readonly opts: PlainWriteOptions }
  /** An estate file (as JSON text: cheaper to pass than a cloned object) to import, or change sets to add. */
  | { readonly op: 'import'; readonly text: string; readonly importOptions: Omit<ImportOptions, 'onPhase'>; readonly opts: PlainWriteOptions }
  | { readonly op: 'changesets'; readonly text: string; readonly opts: PlainWriteOptions };

/** What the writer posts: one job, numbered for the answer. */
export interface WriteMessage {
  readonly n: number;
  readonly job: WriteJob;
}

const store: Promise<Store> = openStore(workerData as StoreLocation);
// Opened before the first write (warm): a failure is that write's answer, not the thread's end.
store.catch(() => undefined);

async function run(job: WriteJob): Promise<WriteResult> {
  const s = await store;
  if (job.op === 'mutation') return writeTimeline(s, job.mutation, job.opts);
  const service = new EstateService(s, job.opts.user, { mayChangePast: job.opts.mayChangePast, replay: job.opts.replay });
  const file: unknown = JSON.parse(job.text);
  return job.op === 'import' ? service.importFile(file, job.importOptions) : service.addChangeSetsFile(file);
}

parentPort!.on('message', async ({ n, job }: WriteMessage) => {
  try {
    parentPort!.postMessage({ n, ok: await run(job) });
  } catch (e) {
    try {
      parentPort!.postMessage({ n, ...errorOut(e) });
    } catch {
      parentPort!.postMessage({ n, internal: e instanceof Error ? e.message : String(e) });
    }
  }
});
