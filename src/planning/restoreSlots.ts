/**
 * Restore slots: the clock after the disaster cut into slots of equal length, of which only
 * those that start inside a staff shift can restore anything (docs/continuity.md). Shift
 * hours are read in the UTC offset written in the start (`…T08:00+01:00`), so that a German
 * team writes its own local hours.
 */
import { VerbundError } from '../model/errors.js';

/** Candidate slots: hours from the start to each slot's end, and each slot's end as an instant. */
export interface RestoreSlots {
  readonly hours: number[];
  readonly ends: string[];
}

/** Parses `06-14,14-22` (hours of the day; `00-24` is around the clock) into [from, to) pairs. */
export function parseShifts(spec: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$/.exec(part);
    const from = m ? Number(m[1]) + Number(m[2] ?? 0) / 60 : NaN;
    const to = m ? Number(m[3]) + Number(m[4] ?? 0) / 60 : NaN;
    if (!m || !(from >= 0 && to <= 24 && from < to)) throw new VerbundError('USAGE', `--shifts: "${part}" is no shift; write HH-HH or HH:MM-HH:MM within a day, e.g. 06-14,14-22 (00-24: around the clock)`);
    out.push([from, to]);
  }
  if (!out.length) throw new VerbundError('USAGE', '--shifts: name at least one shift');
  return out;
}

/** The UTC offset in minutes written at the end of a date-time (0 for Z or a date). */
export function offsetMinutes(written: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(written.trim());
  return m && /T|\s/.test(written) ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The first `count` slots that start within a shift, from `startMs` on. */
export function restoreSlots(startMs: number, offset: number, slotHours: number, shifts: readonly [number, number][], count: number): RestoreSlots {
  const hours: number[] = [];
  const ends: string[] = [];
  const slotMs = slotHours * 3_600_000;
  // Shifts repeat daily: if a whole week of slots has none, no later one will.
  const giveUp = Math.ceil((7 * 24) / slotHours) + count;
  for (let j = 0; hours.length < count; j++) {
    if (j > giveUp && hours.length === 0) throw new VerbundError('USAGE', `no ${slotHours}-hour slot starts within the shifts; widen --shifts or shorten --slot-hours`);
    const begin = startMs + j * slotMs;
    const local = (((begin / 3_600_000 + offset / 60) % 24) + 24) % 24;
    if (!shifts.some(([from, to]) => local >= from - 1e-9 && local < to - 1e-9)) continue;
    hours.push((j + 1) * slotHours);
    ends.push(new Date(begin + slotMs).toISOString());
  }
  return { hours, ends };
}
