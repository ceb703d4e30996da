/**
 * Date and time fields of our own: the native `<input type="date">` (and `datetime-local`,
 * `time`) shows the browser's format, not the UI's (`12/03/2026, 08:00 AM` in a German UI on an
 * English system); these show and read the UI's language (`03.12.2026`, `08:00`; in English
 * `12/03/2026`, `08:00 AM`), and ISO in any language. The arrow keys move a date a day (with
 * Shift a week), Escape restores the value shown, Enter or leaving the field takes what was
 * typed; a text that is no date (no time) is marked at the field and never taken — in a form,
 * the field is invalid (`setCustomValidity`), so the form is not sent with it.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { addDays, formatDate, formatTime, parseDate, parseTime } from '../dates.js';
import { useI18n } from '../i18n/index.js';

/** The props of an input element that a field passes through (id, name, required, aria-*). */
type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'aria-describedby'>;

/** What a field of this file takes: the value (`YYYY-MM-DD`, `HH:MM`; '' for none with `optional`) and where it goes. */
export type LocalFieldProps = {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Empty is allowed (`onChange('')`); otherwise an emptied field is no value. */
  readonly optional?: boolean;
  /** Ids of further descriptions (a form's error at the field). */
  readonly describedBy?: string | undefined;
} & InputProps;

/** How one kind of value is read and written in the language. */
interface Format {
  /** The locale the texts are in: when it changes, the field shows its value anew. */
  readonly locale: string;
  /** The value a text means, or null; `complete` asks for a text that cannot be the start of another (a four-digit year). */
  readonly read: (text: string, complete: boolean) => string | null;
  readonly show: (value: string) => string;
  /** The value moved by the arrow keys (`big`: with Shift), if the kind has steps. */
  readonly step?: (value: string, up: boolean, big: boolean) => string;
  readonly hint: string;
  readonly invalid: string;
}

/** The text input both fields are: it keeps what is typed until it is a value, and says when it is none. */
function LocalInput({ value, onChange, optional = false, describedBy, format, className, ...input }: LocalFieldProps & { readonly format: Format }) {
  const hintId = useId();
  const { read, show, step, hint, invalid, locale } = format;
  const shown = (v: string) => (v === '' ? '' : show(v));
  const [text, setText] = useState(() => shown(value));
  const focused = useRef(false);
  const field = useRef<HTMLInputElement>(null);
  const [bad, setBad] = useState(false);
  // A value set elsewhere (a link, the timeline's "use as the date") or a new language shows at once, unless the user is typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shown` is made anew each render; what it shows changes with the value and the locale
  useEffect(() => {
    if (focused.current) return;
    setText(shown(value));
    setBad(false);
  }, [value, locale]);
  // In a form, a text that is no value keeps it from being sent (set before the next event: a click on Save).
  useLayoutEffect(() => field.current?.setCustomValidity(bad ? invalid : ''), [bad, invalid]);
  const take = (s: string, complete: boolean): string | null => {
    if (s.trim() === '' && optional) {
      if (value !== '') onChange('');
      return '';
    }
    const v = read(s, complete);
    if (v && v !== value) onChange(v);
    return v;
  };
  /** Takes the text typed when the user is done: shown in the language's form, or marked as no value. */
  const done = (): boolean => {
    const v = take(text, false);
    setBad(v === null);
    if (v !== null) setText(shown(v));
    return v !== null && v !== value;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // A value taken only now would reach a form after its submit handler ran: the next Enter sends it.
      if (done()) e.preventDefault();
    } else if (step && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const from = read(text, false) || value;
      if (!from) return;
      e.preventDefault();
      const next = step(from, e.key === 'ArrowUp', e.shiftKey);
      setText(shown(next));
      setBad(false);
      onChange(next);
    } else if (e.key === 'Escape') {
      setText(shown(value));
      setBad(false);
    }
  };
  return (
    <>
      <input
        {...input}
        ref={field}
        className={className ?? 'date-field'}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        title={hint}
        aria-invalid={bad || input['aria-invalid'] === true}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
        onFocus={() => {
          focused.current = true;
        }}
        onChange={(e) => {
          setText(e.target.value);
          // A complete value is taken while typing; anything else when the user is done.
          if (take(e.target.value, true) !== null) setBad(false);
        }}
        onBlur={() => {
          focused.current = false;
          done();
        }}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className={bad ? 'field-error' : 'sr-only'} role={bad ? 'alert' : undefined}>
        {bad ? invalid : hint}
      </span>
    </>
  );
}

/** A date in the language's form (`03.12.2026`, `12/03/2026`) or ISO; `value` and what `onChange` gets are `YYYY-MM-DD`. */
export function DateInput(props: LocalFieldProps) {
  const { t, locale } = useI18n();
  const example = formatDate('2026-12-03', locale);
  const format: Format = {
    locale,
    read: (text, complete) => parseDate(text, locale, complete),
    // A value that is no date (a stored one the model would refuse) is shown as it is.
    show: (v) => (parseDate(v, locale) === v ? formatDate(v, locale) : v),
    step: (v, up, big) => addDays(v, (up ? 1 : -1) * (big ? 7 : 1)),
    hint: t('date.hint', { example }),
    invalid: t('date.invalid', { example }),
  };
  return <LocalInput {...props} size={props.size ?? 10} format={format} />;
}

/** A time of day in the language's form (`08:00`, `08:00 AM`; 24-hour `20:00` in either); `value` and what `onChange` gets are `HH:MM`. */
export function TimeInput(props: LocalFieldProps) {
  const { t, locale } = useI18n();
  const example = formatTime('20:00', locale);
  const format: Format = {
    locale,
    read: (text) => parseTime(text),
    show: (v) => (parseTime(v) === v ? formatTime(v, locale) : v),
    hint: t('time.hint', { example }),
    invalid: t('time.invalid', { example }),
  };
  return <LocalInput {...props} size={props.size ?? 8} className="time-field" format={format} />;
}

/** The header's date field, labelled; `onChange` gets `YYYY-MM-DD`. */
export function DateField({ label, value, onChange, labelClass }: { label: string; value: string; onChange: (iso: string) => void; labelClass?: string }) {
  const id = useId();
  return (
    <span className="date-field-wrap">
      <label htmlFor={id}>
        <span className={labelClass}>{label} </span>
      </label>
      <DateInput id={id} value={value} onChange={onChange} />
    </span>
  );
}
