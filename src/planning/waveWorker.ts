/**
 * Worker-thread entry of the MIP: the solver blocks the thread it runs on, so the server runs
 * it here and stays responsive. Receives the problem, posts progress and the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mipWaves, type MipOptions } from './mipWaves.js';
import type { WaveProblem } from './WaveProblem.js';

const { problem, timeLimit, start } = workerData as { problem: WaveProblem; timeLimit: number; start: MipOptions['start'] };
const result = await mipWaves(problem, {
  timeLimit,
  start,
  onProgress: (stage, seconds, gap) => parentPort!.postMessage({ type: 'progress', stage, seconds, gap }),
});
parentPort!.postMessage({ type: 'done', result });
