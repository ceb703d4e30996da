/**
 * Phase timings on stderr when VERBUND_TIMING is set: where a big import spends its time,
 * without a profiler. Costs one branch when off.
 */
const enabled = Boolean(process.env.VERBUND_TIMING);
let last = performance.now();

/** Prints the time since the previous mark, labelled. */
export function mark(label: string): void {
  if (!enabled) return;
  const now = performance.now();
  process.stderr.write(`timing: ${label} ${(now - last).toFixed(0)} ms\n`);
  last = now;
}
