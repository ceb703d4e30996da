/**
 * Dates as the user reads and writes them: in the order and with the separators of the
 * language's locale (`03.12.2026` in German, `12/03/2026` in English: src/model/locales.ts,
 * the locale the UI formats every date in), and ISO (`2026-12-03`) in any language. Pure, so a test checks it
 * against Intl's own formatting.
 */

/** `YYYY-MM-DD` of a valid calendar day, or null. */
function iso(y: number, m: number, d: number): string | null {
  if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCFullYear(y); // years below 100 are not 19xx
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The order of day, month and year in the locale's short date (`['day','month','year']` for de-DE). */
export function partOrder(locale: string): ('day' | 'month' | 'year')[] {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2026, 11, 3)))
    .flatMap((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type] : []));
}

/**
 * A date typed in the locale's order (`3.12.2026` in de-DE, `12/3/26` in en-US) or as ISO (`2026-12-03`):
 * `YYYY-MM-DD`, or null when it is no date. A two-digit year is 20xx. `complete` asks for a
 * four-digit year (while typing, `3.12.20` is not yet the date meant).
 */
export function parseDate(text: string, locale: string, complete = false): string | null {
  const s = text.trim();
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const parts = s.split(/\s*[./-]\s*|\s+/);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,4}$/.test(p))) return null;
  const order = partOrder(locale);
  const at = (k: 'day' | 'month' | 'year') => parts[order.indexOf(k)]!;
  const yearText = at('year');
  if (yearText.length === 3 || yearText.length === 1 || (complete && yearText.length !== 4)) return null;
  if (at('day').length > 2 || at('month').length > 2) return null;
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return iso(year, Number(at('month')), Number(at('day')));
}

/** `YYYY-MM-DD` in the locale's short form (`03.12.2026`). */
export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The day `days` after (or before) a `YYYY-MM-DD`. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A time of day as typed: `8:00`, `20:00`, `8.00`, `8`, and with a 12-hour clock's `AM`/`PM`
 * (`8:00 PM`, `8 pm`) in any language: `HH:MM`, or null when it is no time of day.
 */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (minute > 59) return null;
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** `HH:MM` as the locale writes a time of day (`20:00` in de-DE, `08:00 PM` in en-US). */
export function formatTime(hhmm: string, locale: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 1, h, m)));
}
