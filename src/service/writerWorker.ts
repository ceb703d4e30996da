/**
 * Worker-thread entry of the server's writer (TimelineWriter): opens the store once, with a
 * connection of its own, and carries out the writes it is sent (writeTimeline), several at
 * a time as the request thread would. A catalogue error comes back as data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type Store, type StoreLocation } from '../store/openStore.js';
import { errorOut } from './errorData.js';
import { writeTimeline, type TimelineMutation, type WriteOptions } from './writeTimeline.js';

/** What the writer posts: one write, numbered for the answer. */
export interface WriteMessage {
  readonly n: number;
  readonly mutation: TimelineMutation;
  readonly opts: Omit<WriteOptions, 'onPhase'>;
}

const store: Promise<Store> = openStore(workerData as StoreLocation);

parentPort!.on('message', async ({ n, mutation, opts }: WriteMessage) => {
  try {
    parentPort!.postMessage({ n, ok: await writeTimeline(await store, mutation, opts) });
  } catch (e) {
    try {
      parentPort!.postMessage({ n, ...errorOut(e) });
    } catch {
      parentPort!.postMessage({ n, internal: e instanceof Error ? e.message : String(e) });
    }
  }
});
