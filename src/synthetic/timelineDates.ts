/**
 * The dates of the synthetic timeline: its fixed anchors and the Saturdays its change sets
 * fall on (cut-overs happen on weekends).
 */
import type { Random } from '../util/Random.js';

/** Date of the initial change set: the estate when the association was founded. */
export const INITIAL_DATE = '2018-01-01';
/**
 * Change sets before this date are `done`, later ones `scheduled`. Fixed rather than
 * "today" so that the same seed always gives the same file.
 */
export const REFERENCE_DATE = '2026-12-01';
/** The last date of the generated baseline; the plan starts after it. */
export const LAST_BASELINE = '2028-02-28';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** The Saturday on or after `ms`, as YYYY-MM-DD: cut-overs happen on weekends. */
function saturday(ms: number): string {
  const d = new Date(ms);
  const wait = (6 - d.getUTCDay() + 7) % 7;
  return new Date(ms + wait * DAY).toISOString().slice(0, 10);
}

/** `count` increasing Saturdays spread evenly between two dates. */
export function spreadDates(rng: Random, from: string, to: string, count: number): string[] {
  const a = Date.parse(from);
  const span = Date.parse(to) - a;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = a + ((i + 0.5 + rng.range(-0.25, 0.25)) * span) / count;
    let date = saturday(at);
    const prev = out[out.length - 1];
    if (prev !== undefined && date <= prev) date = saturday(Date.parse(prev) + DAY);
    out.push(date);
  }
  return out;
}
