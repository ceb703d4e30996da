/**
 * Reads the baseline estate at an instant from a SQLite file in a worker thread of its own
 * (readEstateBytes): the caller's thread stays free while the rows are read and packed.
 */
import { Worker } from 'node:worker_threads';
import type { TimeKey } from '../timeline/time.js';
import type { EstateBytes } from './readEstateBytes.js';

/** The estate at `at` as bytes, read in a worker thread. */
export function readEstateOffThread(file: string, at: TimeKey): Promise<EstateBytes> {
  // From the sources (tests, tsx) the entry is a loader shim; built, dist/estateBytesWorker.js
  // beside the chunk that holds this code.
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new Worker(new URL(fromSource ? './estateBytesWorkerFromSource.mjs' : './estateBytesWorker.js', import.meta.url), { workerData: { file, at } });
  return new Promise<EstateBytes>((resolve, reject) => {
    worker.once('message', (m: { ok?: EstateBytes; error?: string }) => (m.ok ? resolve(m.ok) : reject(new Error(`reading the estate failed: ${m.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the estate reader ended (exit code ${code}) before answering`)));
  });
}
