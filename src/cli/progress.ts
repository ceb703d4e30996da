/**
 * A progress bar on stderr, shown only on a terminal and only for big jobs.
 */

/** Reports progress of one phase. */
export type ProgressReporter = ((phase: string, done: number, total: number) => void) & { stop(): void };

/** A reporter that draws a bar when stderr is a TTY and the job has at least `threshold` items. */
export async function progressBar(threshold: number, total: number): Promise<ProgressReporter | undefined> {
  if (!process.stderr.isTTY || total < threshold) return undefined;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let current = '';
  const report = ((phase: string, done: number, max: number) => {
    if (phase !== current) {
      if (current) bar.stop();
      bar.start(max, done, { phase: phase.padEnd(8) });
      current = phase;
    } else bar.update(done);
  }) as ProgressReporter;
  report.stop = () => {
    if (current) bar.stop();
  };
  return report;
}
