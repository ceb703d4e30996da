/**
 * The phase bar: the phase of a big job (validate, write) and how far it is, on stderr,
 * shown only on a terminal and only for big jobs.
 */

/** Draws how far one phase of a job is (`phase`, `done` of `total`); `stop` clears it. */
export type PhaseBar = ((phase: string, done: number, total: number) => void) & { stop(): void };

/** A reporter that draws a bar when `stream` is a TTY and the job has at least `threshold` items. */
export async function phaseBar(threshold: number, total: number, stream: NodeJS.WriteStream = process.stderr): Promise<PhaseBar | undefined> {
  if (!stream.isTTY || total < threshold) return undefined;
  const mod = await import('cli-progress');
  // A CommonJS package: its exports arrive as the default export when bundled.
  const { SingleBar, Presets } = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const bar = new SingleBar({ stream, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true, fps: 10 }, Presets.shades_classic);
  let current = '';
  const report = ((phase: string, done: number, max: number) => {
    if (phase !== current) {
      if (current) bar.stop();
      bar.start(max, done, { phase: phase.padEnd(8) });
      current = phase;
    } else bar.update(done);
  }) as PhaseBar;
  report.stop = () => {
    if (current) bar.stop();
  };
  return report;
}
