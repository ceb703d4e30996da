/**
 * Calendar arithmetic of planning on whole UTC days: day numbers, weekdays, blackouts
 * (dated, or annual `--MM-DD` ranges that may wrap the year end).
 */
import { VerbundError } from '../model/errors.js';

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Day number (days since 1970-01-01) of `YYYY-MM-DD` or of a time key's date. */
export function dayOf(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Parses `sat` or `fri,sat` (also `mon-fri`) into weekday numbers; USAGE error naming the option. */
export function parseWeekdays(spec: string, option = '--days'): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [from, to] = part.split('-');
    const a = WEEKDAYS.indexOf(from?.slice(0, 3) as (typeof WEEKDAYS)[number]);
    const b = to === undefined ? a : WEEKDAYS.indexOf(to.slice(0, 3) as (typeof WEEKDAYS)[number]);
    if (a < 0 || b < 0) throw new VerbundError('USAGE', `${option}: "${part}" is no weekday (mon, tue, wed, thu, fri, sat, sun)`);
    for (let d = a; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === b) break;
    }
  }
  if (!out.size) throw new VerbundError('USAGE', `${option}: name at least one weekday`);
  return [...out].sort();
}

/** Name of a weekday number. */
export function weekdayName(d: number): string {
  return WEEKDAYS[d]!;
}

/** A blackout as written on an application: dates, or annual `--MM-DD`. */
export interface Blackout {
  readonly from: string;
  readonly to: string;
  readonly reason?: string | undefined;
}

/** Whether a day falls in a blackout (both ends inclusive). */
export function inBlackout(day: number, b: Blackout): boolean {
  if (!b.from.startsWith('--') || !b.to.startsWith('--')) {
    const from = b.from.startsWith('--') ? -Infinity : dayOf(b.from);
    const to = b.to.startsWith('--') ? Infinity : dayOf(b.to);
    return day >= from && day <= to;
  }
  const md = dateOf(day).slice(5);
  const from = b.from.slice(2);
  const to = b.to.slice(2);
  // An annual range such as --12-15 … --01-31 wraps the year end.
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

/** Human form of a blackout: `15 Dec – 31 Jan every year (reason)`. */
export function describeBlackout(b: Blackout): string {
  const part = (s: string): string => (s.startsWith('--') ? `--${s.slice(2)}` : s);
  const annual = b.from.startsWith('--') && b.to.startsWith('--');
  return `${part(b.from)} … ${part(b.to)}${annual ? ' every year' : ''}${b.reason ? ` (${b.reason})` : ''}`;
}
