/**
 * Numbers in CSV cells, read by a declared convention (docs/file-format.md, "CSV"):
 * `de` — German Excel: decimal comma, `.` between thousands; `en` — decimal point, `,`
 * between thousands; `auto` — a cell is read only if both conventions agree or just one
 * applies, so that `"1,200"` (1.2 or 1200?) is refused rather than guessed.
 */

/** The number convention of a CSV file. */
export type CsvLocale = 'de' | 'en' | 'auto';

/** The CSV locales a user may name. */
export const csvLocales = ['de', 'en', 'auto'] as const;

const patterns = {
  // Plain (1234,5) or grouped by three (1.234,5); no exponent in German spreadsheets.
  de: /^[-+]?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$/,
  // Plain (1234.5, 1.5e3) or grouped by three (1,234.5).
  en: /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][-+]?\d+)?$/,
} as const;

/** A cell read under one convention, or undefined if it is no number there. */
function readAs(cell: string, locale: 'de' | 'en'): number | undefined {
  if (!patterns[locale].test(cell)) return undefined;
  const plain = locale === 'de' ? cell.replaceAll('.', '').replace(',', '.') : cell.replaceAll(',', '');
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}

/** A cell's number, or why it is none (to report with its row and column). */
export function readCsvNumber(cell: string, locale: CsvLocale): { value: number } | { error: string } {
  if (locale !== 'auto') {
    const n = readAs(cell, locale);
    if (n !== undefined) return { value: n };
    return { error: `"${cell}" is not a number in the ${locale === 'de' ? 'German (1.234,5)' : 'English (1,234.5)'} notation of --csv-locale ${locale}` };
  }
  const de = readAs(cell, 'de');
  const en = readAs(cell, 'en');
  if (de !== undefined && en !== undefined && de !== en) {
    return { error: `"${cell}" is ambiguous: ${en} with a decimal point, ${de} with a decimal comma; say which with --csv-locale en or --csv-locale de` };
  }
  const n = de ?? en;
  return n === undefined ? { error: `"${cell}" is not a number` } : { value: n };
}

/**
 * The separator of a CSV file from its header row (field names never contain `;` or `,`),
 * and a hint when it contradicts the locale named.
 */
export function csvSeparator(text: string, locale: CsvLocale): { delimiter: ';' | ','; hint?: string } {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  const semicolons = header.split(';').length - 1;
  const commas = header.split(',').length - 1;
  if (locale === 'de') return commas > 0 && semicolons === 0 ? { delimiter: ';', hint: "the header has ',' but no ';' — is this an English CSV? use --csv-locale en" } : { delimiter: ';' };
  if (locale === 'en') return semicolons > 0 && commas === 0 ? { delimiter: ',', hint: "the header has ';' — is this a German Excel export? use --csv-locale de" } : { delimiter: ',' };
  return { delimiter: semicolons > commas ? ';' : ',' };
}
