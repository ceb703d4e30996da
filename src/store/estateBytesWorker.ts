/**
 * Worker-thread entry of readEstateOffThread: reads one estate (readEstateBytes) and posts it
 * back, then ends. A failure comes back as its message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readEstateBytes } from './readEstateBytes.js';

const { file, at } = workerData as { file: string; at: string };
try {
  parentPort!.postMessage({ ok: readEstateBytes(file, at) });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message ?? String(e) });
}
