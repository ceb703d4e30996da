/**
 * Runs {@link mipWaves} in a worker thread, so that a server answering other requests is not
 * blocked for the solver's time limit. The same answer as in-process: the problem and the
 * result are plain data and typed arrays, copied by structured clone.
 */
import { Worker } from 'node:worker_threads';
import type { MipOptions, MipResult } from './mipWaves.js';
import type { WaveProblem } from './WaveProblem.js';

/** Solves in a worker thread; progress arrives as messages. */
export function mipWavesInWorker(p: WaveProblem, opts: MipOptions): Promise<MipResult> {
  // From the sources (tests, tsx) the worker is a .ts file that needs tsx's loader; in the
  // built CLI it is dist/waveWorker.js beside the chunk that holds this code.
  const fromSource = import.meta.url.endsWith('.ts');
  const workerData = { problem: p, timeLimit: opts.timeLimit, start: opts.start ?? null };
  // A worker thread does not inherit the parent's module hooks: from the sources it first
  // registers tsx's loader itself, then imports the TypeScript entry.
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./waveWorker.ts', import.meta.url).href)}); })`, { eval: true, workerData })
    : new Worker(new URL('./waveWorker.js', import.meta.url), { workerData });
  return new Promise((resolve, reject) => {
    let done = false;
    worker.on('message', (m: { type: 'progress'; stage: 1 | 2; seconds: number; gap: number } | { type: 'done'; result: MipResult }) => {
      if (m.type === 'progress') opts.onProgress?.(m.stage, m.seconds, m.gap);
      else {
        done = true;
        resolve(m.result);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!done) reject(new Error(`the solver's worker thread stopped (exit code ${code}) before answering`));
    });
  });
}
