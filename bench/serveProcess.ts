/**
 * Starts the built `verbund serve` (as installed, not through tsx) in its own process on a
 * free port, for the API benchmarks; resolves with its URL once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The package folder. */
export const root = new URL('..', import.meta.url).pathname;

/** Runs `verbund --db DB serve --port 0 [extra options]`; rejects if it exits before listening. */
export function serveProcess(db: string, logLevel = 'warn', extra: readonly string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bin/verbund.js'), '--db', db, 'serve', '--port', '0', '--log-level', logLevel, ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /serves (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}
