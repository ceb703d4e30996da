/**
 * A date field of our own: the native `<input type="date">` shows the operating system's
 * format (`12/03/2026` in a German UI on an English system); this one shows and reads the
 * UI's language (`03.12.2026`; in English `12/03/2026`), and ISO in any language. The arrow
 * keys move a day (with Shift a week), Escape restores the date shown, Enter or leaving the field takes a typed date; a text
 * that is no date is marked at the field and never sent.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { addDays, formatDate, parseDate } from '../dates.js';
import { useI18n } from '../i18n/index.js';

/** A labelled date field; `onChange` gets `YYYY-MM-DD`. */
export function DateField({ label, value, onChange, labelClass }: { label: string; value: string; onChange: (iso: string) => void; labelClass?: string }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [text, setText] = useState(() => formatDate(value, locale));
  const focused = useRef(false);
  const [bad, setBad] = useState(false);
  // A date set elsewhere (a link, the timeline's "use as the date") or a new language shows at once, unless the user is typing.
  useEffect(() => {
    if (focused.current) return;
    setText(formatDate(value, locale));
    setBad(false);
  }, [value, locale]);
  const take = (s: string, complete: boolean): string | null => {
    const d = parseDate(s, locale, complete);
    if (d && d !== value) onChange(d);
    return d;
  };
  /** Takes the text typed when the user is done: shown in the locale's form, or marked as no date. */
  const done = () => {
    const d = take(text, false);
    setBad(d === null);
    if (d) setText(formatDate(d, locale));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      done();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const next = addDays(parseDate(text, locale) ?? value, (e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 7 : 1));
      setText(formatDate(next, locale));
      setBad(false);
      onChange(next);
    } else if (e.key === 'Escape') {
      setText(formatDate(value, locale));
      setBad(false);
    }
  };
  const hint = t('date.hint', { example: formatDate('2026-12-03', locale) });
  return (
    <span className="date-field-wrap">
      <label htmlFor={id}>
        <span className={labelClass}>{label} </span>
      </label>
      <input
        id={id}
        className="date-field"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={10}
        value={text}
        title={hint}
        aria-invalid={bad}
        aria-describedby={`${id}-hint`}
        onFocus={() => {
          focused.current = true;
        }}
        onChange={(e) => {
          setText(e.target.value);
          // A complete date (a four-digit year) is taken while typing; anything else when the user is done.
          if (take(e.target.value, true) !== null) setBad(false);
        }}
        onBlur={() => {
          focused.current = false;
          done();
        }}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className={bad ? 'field-error' : 'sr-only'} role={bad ? 'alert' : undefined}>
        {bad ? t('date.invalid', { example: formatDate('2026-12-03', locale) }) : hint}
      </span>
    </span>
  );
}
