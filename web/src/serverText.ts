/**
 * Texts the server wrote (plan and change-set titles it generated, `plan joint`'s notes, warnings)
 * in the user's language: the API answers them as a code with parameters beside the English
 * text (docs/api.md, "Texts the server writes"); the text under `server.<code>` is filled with
 * the parameters — dates and numbers in the locale (`date`, `dates`, `end`, `at` hold dates). Without a code, or for a code this UI does
 * not know, the English text is shown.
 */
import type { ServerText } from '../../src/contracts/index.js';
import { useI18n, type Key } from './i18n/index.js';

/** A server text as the API answers it. */
export type { ServerText };

/** The parameters that hold dates (ids may contain a date too: those stay as they are). */
const DATE_PARAMS = new Set(['date', 'dates', 'end', 'at']);
/** ISO dates (and date-times) inside a date parameter: shown as the language writes dates. */
const DATES = /\b\d{4}-\d{2}-\d{2}(?:T[0-9:.]+Z)?\b/g;

/** A function that shows a server text in the language, `fallback` (the English text) without one. */
export function useServerText(): (text: ServerText | null | undefined, fallback: string) => string {
  const { t, date, number } = useI18n();
  return (text, fallback) => {
    if (!text) return fallback;
    const key = `server.${text.code}` as Key;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(text.params)) params[k] = typeof v === 'number' ? number(v, 2) : DATE_PARAMS.has(k) ? v.replace(DATES, (d) => date(d)) : v;
    const out = t(key, params);
    return out === key ? fallback : out;
  };
}
