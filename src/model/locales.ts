/**
 * The locale each language formats and reads dates and numbers in — the web UI's dates,
 * date fields, numbers and percentages, and the continuity report. German is `de-DE`
 * (`03.12.2026`, `1.234,5`, `99,5 %`); English is US English, `en-US` (`12/03/2026`,
 * `1,234.5`, `99.5%`): an English reader expects the month first. Each language writes and
 * reads one form (ISO `2026-12-03` is read in both), so a typed date means what the field shows.
 */

/** A language of the UI and the reports. */
export type Language = 'de' | 'en';

/** The BCP 47 locale of a language (`de` → `de-DE`, `en` → `en-US`). */
export function localeOf(lang: Language): string {
  return lang === 'de' ? 'de-DE' : 'en-US';
}
