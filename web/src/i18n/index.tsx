/**
 * Translations and locale formats. German where the browser prefers it, English otherwise;
 * the choice is kept per browser. Every visible string comes from the dictionaries.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { choices, type ChoiceSetName } from '../../../src/model/choices.js';
import { localeOf, type Language } from '../../../src/model/locales.js';
import de from './de.js';
import en from './en.js';

export type Lang = Language;
export type Key = keyof typeof de;
const dictionaries: Record<Lang, Record<Key, string>> = { de, en };
const LANG_KEY = 'verbund.lang';

/** The language: the user's choice, else German if the browser prefers German. */
export function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === 'de' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** What components use to speak the user's language. */
export interface I18n {
  readonly lang: Lang;
  /** The locale dates and numbers are written and read in (`de-DE`, `en-US`: src/model/locales.ts). */
  readonly locale: string;
  readonly setLang: (l: Lang) => void;
  /** The text of a key, with `{name}` placeholders filled. */
  readonly t: (key: Key, params?: Record<string, string | number>) => string;
  /** A date or date-time (ISO) as a date in the locale. */
  readonly date: (iso: string | null | undefined) => string;
  /** A date-time (ISO) in the locale, to the minute, in the browser's time zone. */
  readonly dateTime: (iso: string | null | undefined) => string;
  /**
   * A counted text: `key.one` or `key.other` by the language's plural rule for `n`
   * (`1 Element`, `2 Elemente`), with `{n}` and the other placeholders filled.
   */
  readonly tn: (key: PluralKey, n: number, params?: Record<string, string | number>) => string;
  /** A field's label in the language (`target_availability` → "Verfügbarkeitsziel"); the name if it has none. */
  readonly field: (name: string) => string;
  /** The API's error code in the language; the server's English message if the code is unknown. */
  readonly apiError: (code: string, fallback: string) => string;
  /** Month and year of an instant (ms since the epoch), e.g. for chart axes. */
  readonly month: (ms: number) => string;
  readonly number: (n: number, digits?: number) => string;
  readonly percent: (share: number, digits?: number) => string;
  /** The label of a choice value (status, type, role, …) in the language. */
  readonly choice: (set: ChoiceSetName, value: string | undefined) => string;
}

/** Keys of counted texts: those with a `.one` and an `.other` form. */
export type PluralKey = { [K in Key]: K extends `${infer B}.one` ? (`${B}.other` extends Key ? B : never) : never }[Key];

const Ctx = createContext<I18n | null>(null);

/** Provides the language to the app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
    const locale = localeOf(lang);
    const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const plural = new Intl.PluralRules(locale);
    const dict = dictionaries[lang] as Record<string, string>;
    const monthFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const fmts = new Map<number, Intl.NumberFormat>();
    const nf = (d: number) => {
      let f = fmts.get(d);
      if (!f) fmts.set(d, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: d })));
      return f;
    };
    document.documentElement.lang = lang;
    const fill = (text: string, params?: Record<string, string | number>) => {
      let out = text;
      if (params) for (const [k, v] of Object.entries(params)) out = out.replaceAll(`{${k}}`, String(v));
      return out;
    };
    return {
      lang,
      locale,
      setLang: (l) => {
        localStorage.setItem(LANG_KEY, l);
        setLangState(l);
      },
      t: (key, params) => fill(dictionaries[lang][key] ?? key, params),
      tn: (key, n, params) => fill(dict[`${key}.${plural.select(n) === 'one' ? 'one' : 'other'}`] ?? key, { n: nf(0).format(n), ...params }),
      field: (name) => dict[`field.${name}`] ?? name,
      apiError: (code, fallback) => dict[`apiError.${code}`] ?? fallback,
      date: (iso) => (iso ? dateFmt.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '–'),
      dateTime: (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : '–'),
      month: (ms) => monthFmt.format(new Date(ms)),
      number: (n, d = 0) => nf(d).format(n),
      percent: (share, d = 1) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: d }).format(share),
      choice: (set, value) => (value === undefined ? '–' : (choices[set].find((c) => c.value === value)?.label[lang] ?? value)),
    };
  }, [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The language of the app. */
export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The colour of a choice value. */
export function choiceColour(set: ChoiceSetName, value: string | undefined): string {
  return choices[set].find((c) => c.value === value)?.colour ?? '#767676';
}

export { choices };
