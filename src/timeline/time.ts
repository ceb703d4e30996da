/**
 * Instants on the timeline. Every `effective` and `at` is normalised to one sortable string
 * key, `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC), so that ordering, SQL indexes and comparisons are
 * plain string comparisons in every dialect. A date without time means 00:00 UTC of that day.
 */
import { VerbundError } from '../model/errors.js';

/** A normalised instant: `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export type TimeKey = string;

/** The open end of a version that nothing has replaced yet. */
export const END_OF_TIME: TimeKey = '9999-12-31T23:59:59.999Z';
/** Before every change set. */
export const BEGINNING_OF_TIME: TimeKey = '0001-01-01T00:00:00.000Z';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a date or date-time with offset to a time key, or returns an explanation. */
export function tryParseInstant(input: unknown): TimeKey | { error: string } {
  if (typeof input !== 'string') return { error: `expected a date (YYYY-MM-DD) or date-time, got ${describe(input)}` };
  const s = input.trim();
  let m = DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return { error: `"${input}" is not a real calendar date` };
    return `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`;
  }
  m = DATE_TIME.exec(s);
  if (m) {
    const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    const sec = Number(m[6] ?? '0');
    if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return { error: `"${input}" is not a real date-time` };
    const ms = Date.parse(s.replace(' ', 'T'));
    if (Number.isNaN(ms)) return { error: `"${input}" is not a real date-time` };
    const iso = new Date(ms).toISOString();
    return iso.length === 24 ? iso : { error: `"${input}" is outside the years 0000-9999` };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) {
    return { error: `"${input}" has no time zone: write Z or an offset such as +01:00` };
  }
  return { error: `"${input}" is not a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM[:SS]Z or with offset)` };
}

/** Parses a date or date-time; throws INVALID_DATE naming the field. */
export function parseInstant(input: unknown, field = 'date'): TimeKey {
  const r = tryParseInstant(input);
  if (typeof r !== 'string') throw new VerbundError('INVALID_DATE', `${field}: ${r.error}`);
  return r;
}

/** The current instant as a time key. */
export function nowKey(): TimeKey {
  return new Date().toISOString();
}

/** Writes a key back as input would give it: a date when it is midnight UTC, else ISO. */
export function formatInstant(key: TimeKey): string {
  return key.endsWith('T00:00:00.000Z') ? key.slice(0, 10) : key;
}

/** Shows a key to people: a date when it is midnight UTC, else `YYYY-MM-DD HH:MM UTC`. */
export function displayInstant(key: TimeKey): string {
  if (key.endsWith('T00:00:00.000Z')) return key.slice(0, 10);
  const seconds = key.slice(16, 23) === ':00.000' ? '' : key.slice(16, 19);
  return `${key.slice(0, 10)} ${key.slice(11, 16)}${seconds} UTC`;
}

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Date) return 'a date object';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
