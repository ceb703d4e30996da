/** Small building blocks shared by the pages. */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/index.js';
import type { Loaded, OnDemandLoad } from '../state.js';
import { Computing } from './Computing.js';
import { DateInput } from './DateField.js';
import { NamedLink, ObjLink } from './links.js';

// The links live in links.tsx (FieldValue.tsx uses them too); pages import them from here.
export { IdList, ObjLink } from './links.js';

/**
 * An error as the user reads it: what its code means in the user's language, then the
 * server's own (English) words with the code, and every problem it lists at its field.
 */
export function ErrorBox({ error }: { error: unknown }) {
  const { t, apiError, field } = useI18n();
  if (error === undefined || error === null) return null;
  if (error instanceof DOMException && error.name === 'AbortError') return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div className="error" role="alert">
      <strong>{e ? apiError(e.code, e.message) : t('error.network')}</strong>{' '}
      {e ? (
        <span className="muted-error">
          ({e.code}: {e.message})
        </span>
      ) : (
        String((error as Error)?.message ?? error)
      )}
      {e && e.details.length > 0 && (
        <ul>
          {e.details.map((d, i) => (
            <li key={i}>
              {d.field !== undefined && <strong>{d.field.split('.').map(field).join(' › ')}: </strong>}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Shows a load's error or a loading note, else its content. */
export function Async<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.error) return <ErrorBox error={state.error} />;
  if (state.data === undefined)
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  return <>{children(state.data)}</>;
}

/** A coloured badge for a choice value. */
export function Badge({ colour, children }: { colour: string; children: ReactNode }) {
  return (
    <span className="badge">
      <span className="dot" style={{ background: colour }} aria-hidden="true" />
      {children}
    </span>
  );
}

/** A figure with a label, for the overview's cards. */
export function Figure({ label, value, note, tone }: { label: string; value: ReactNode; note?: ReactNode; tone?: 'good' | 'bad' | undefined }) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
      {note !== undefined && <div className="figure-note">{note}</div>}
    </div>
  );
}

/** A labelled input with the API's problems for it shown below it (and announced with it). */
export function TextField({ name, label, value, onChange, errors = [], type, ...props }: { name: string; label: string; value: string; onChange: (v: string) => void; errors?: readonly string[] } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'name'>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {type === 'date' ? (
        // A date in the UI's language, not the browser's (DateField.tsx).
        <DateInput id={id} name={name} value={value} onChange={onChange} optional={!props.required} aria-invalid={errors.length > 0} describedBy={errors.length ? `${id}-err` : undefined} {...(props as Omit<typeof props, 'aria-describedby'>)} />
      ) : (
        <input id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={errors.length > 0} aria-describedby={errors.length ? `${id}-err` : undefined} type={type} {...props} />
      )}
      {errors.length > 0 && (
        <span id={`${id}-err`} className="field-error" data-field={name}>
          {errors.join('; ')}
        </span>
      )}
    </div>
  );
}

/**
 * Content of an on-demand load: a button until asked; while it computes, a spinner with the
 * time elapsed and *Cancel* (which aborts the request: the server cancels the analysis); then
 * the error or the content.
 */
export function OnDemand<T>({ state, label, children }: { state: OnDemandLoad<T>; label: string; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.asked && state.loading) return <Computing label={label} onCancel={state.cancel} />;
  if (!state.asked)
    return (
      <p>
        <span className="muted">{t('onDemand.note')}</span>{' '}
        <button type="button" onClick={state.ask}>
          {label}
        </button>
      </p>
    );
  return <Async state={state}>{(d) => (d === null ? null : children(d))}</Async>;
}

/** A table cell with a link to an object: by the label given, else by its name with the id second. */
export function IdCell({ id, label }: { id: string; label?: string | undefined }) {
  return <td>{label === undefined ? <NamedLink id={id} /> : <ObjLink id={id} label={label} />}</td>;
}

/** A column of {@link TableHead}: `num` right-aligns it like its figures; `sort` makes it sortable by that key. */
export type Column = string | { readonly label: string; readonly num?: boolean; readonly hidden?: boolean; readonly sort?: string } | false;

/** The sort order of a table. */
export interface Sort {
  readonly key: string;
  readonly dir: 'ascending' | 'descending';
}

/** A table's column headers; sortable columns are buttons and say their order (aria-sort). */
export function TableHead({ cols, sort, onSort }: { cols: readonly Column[]; sort?: Sort | undefined; onSort?: ((s: Sort) => void) | undefined }) {
  return (
    <thead>
      <tr>
        {cols
          .filter((c) => c !== false)
          .map((c, i) => {
            const col = typeof c === 'string' ? { label: c } : c;
            const active = col.sort !== undefined && sort?.key === col.sort;
            return (
              <th key={i} scope="col" className={col.num ? 'num' : undefined} aria-sort={col.sort === undefined ? undefined : active ? sort!.dir : 'none'}>
                {col.hidden ? (
                  <span className="sr-only">{col.label}</span>
                ) : col.sort !== undefined && onSort ? (
                  <button type="button" className="sort" onClick={() => onSort({ key: col.sort!, dir: active && sort!.dir === 'ascending' ? 'descending' : 'ascending' })}>
                    {col.label}
                    <span aria-hidden="true">{active ? (sort!.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}</span>
                  </button>
                ) : (
                  col.label
                )}
              </th>
            );
          })}
      </tr>
    </thead>
  );
}
