/**
 * Lowers the CPU priority of the calling thread (docs/api.md, "Heavy analyses"). On Linux a
 * thread is a task with a nice value of its own, and `/proc/thread-self` names its id: the
 * analysis threads run at nice 10, so that on a machine with as many busy analysis threads as
 * cores the request thread (nice 0) still gets the CPU when a light request arrives — the
 * scheduler gives a nice-0 task about nine times the share of a nice-10 one. Elsewhere (no
 * `/proc`, or not allowed) nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of the analysis threads. */
export const ANALYSIS_NICE = 10;

/** Sets this thread's nice value to `nice`; false when the platform does not allow it. */
export function lowerThreadPriority(nice = ANALYSIS_NICE): boolean {
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
