/**
 * The inputs of the edit form, one per kind of field (docs/ui.md, "Editing"): numbers in either
 * language with their unit, choices, reference pickers, lists, dependencies and date ranges, and
 * the labelled row that carries a field's problems and its Remove / Keep button.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { api } from '../api.js';
import { DateInput } from '../components/DateField.js';
import { NamedLink } from '../components/FieldValue.js';
import type { FieldSpec, NumberSpec } from '../fields.js';
import { useI18n } from '../i18n/index.js';
import { parseNumber } from '../numbers.js';
import { useApp } from '../state.js';
import { choices as allChoices, type ChoiceSetName } from '../../../src/model/choices.js';
import type { Kind } from '../../../src/model/kinds.js';
import type { DepDraft, DraftValue, RangeDraft } from './editDraft.js';

/** What a row hands its input: the input's id, its error description and whether it is disabled. */
export interface InputProps {
  readonly id: string;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
  readonly disabled: boolean;
  readonly name: string;
  /** For an input without its own <label> (the add box of a list, labelled by its legend). */
  readonly ariaLabel?: string;
}

/** A labelled row: the input, the field's problems (announced with it) and Remove / Keep. */
export function Row({ path, label, errors, removable, removed, onToggleRemoved, list, children }: { path: string; label: string; errors: string[]; removable: boolean; removed: boolean; onToggleRemoved: (p: string) => void; list?: boolean; children: (p: InputProps) => ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const errId = `${id}-err`;
  const props: InputProps = { id, invalid: errors.length > 0, describedBy: errors.length ? errId : removed ? `${id}-rm` : undefined, disabled: removed, name: path };
  const Wrap = list ? 'fieldset' : 'div';
  return (
    <Wrap className={`field${removed ? ' removed' : ''}`} data-field={path}>
      {list ? <legend>{label}</legend> : <label htmlFor={id}>{label}</label>}
      <div className="field-input">
        {children(props)}
        {removable && (
          <button type="button" className="link-button" onClick={() => onToggleRemoved(path)} aria-label={removed ? `${t('edit.undoRemove')}: ${label}` : t('edit.removeField', { field: label })}>
            {removed ? t('edit.undoRemove') : t('edit.removeField', { field: '' }).trim()}
          </button>
        )}
      </div>
      {removed && (
        <span id={`${id}-rm`} className="field-note">
          {t('edit.willBeRemoved')}
        </span>
      )}
      {errors.length > 0 && (
        <span id={errId} className="field-error" data-field={path}>
          {errors.join('; ')}
        </span>
      )}
    </Wrap>
  );
}

const aria = (p: InputProps) => ({ id: p.id, name: p.name, disabled: p.disabled, 'aria-invalid': p.invalid, 'aria-describedby': p.describedBy, 'aria-label': p.ariaLabel });
/** The same for a date field, which adds its own description (the form's date format) to the field's. */
const dateAria = (p: InputProps) => ({ id: p.id, name: p.name, disabled: p.disabled, 'aria-invalid': p.invalid, describedBy: p.describedBy, 'aria-label': p.ariaLabel });

/** A number typed in either language, with its unit and, for a share, the percentage it means. */
export function NumberInput({ spec, value, onChange, ...p }: InputProps & { spec: NumberSpec; value: string; onChange: (v: string) => void }) {
  const { lang, t, percent } = useI18n();
  const n = parseNumber(value, lang);
  return (
    <span className="number-input">
      <input {...aria(p)} inputMode={spec.integer ? 'numeric' : 'decimal'} value={value} onChange={(e) => onChange(e.target.value)} />
      {spec.unit && <span className="unit">{spec.unit}</span>}
      {spec.share && n !== undefined && <span className="unit">{t('edit.asPercent', { value: percent(n, 4) })}</span>}
    </span>
  );
}

/** The input of a field that is not a group. */
export function Input({ spec, draft, onChange, label, ...p }: InputProps & { spec: FieldSpec; draft: DraftValue; onChange: (v: DraftValue) => void; label: string }) {
  const { t, choice } = useI18n();
  switch (spec.type) {
    case 'number':
      return <NumberInput {...p} spec={spec} value={draft as string} onChange={onChange} />;
    case 'choice':
      return (
        <select {...aria(p)} value={draft as string} onChange={(e) => onChange(e.target.value)}>
          {(draft as string) === '' && <option value="">{t('edit.none')}</option>}
          {choicesOf(spec.set).map((v) => (
            <option key={v} value={v}>
              {choice(spec.set, v)}
            </option>
          ))}
        </select>
      );
    case 'ref':
      return <RefPicker {...p} kinds={spec.kinds} value={draft as string} onChange={onChange} />;
    case 'date':
      return <DateInput {...dateAria(p)} value={draft as string} onChange={onChange} optional />;
    case 'multiline':
      return <textarea {...aria(p)} value={draft as string} onChange={(e) => onChange(e.target.value)} rows={3} />;
    case 'refs':
    case 'texts':
      return <ListInput {...p} spec={spec} items={draft as string[]} onChange={onChange} label={label} />;
    case 'deps':
      return <DepsInput {...p} kinds={spec.kinds} items={draft as DepDraft[]} onChange={onChange} label={label} />;
    case 'date-ranges':
      return <RangesInput {...p} items={draft as RangeDraft[]} onChange={onChange} label={label} />;
    default:
      return <input {...aria(p)} value={draft as string} onChange={(e) => onChange(e.target.value)} />;
  }
}

const choicesOf = (set: ChoiceSetName) => allChoices[set].map((c) => c.value);

/**
 * A reference typed or picked: suggestions by name or id from the list routes of the kinds the
 * field may point to (the first 20 that match what is typed), shown as "name" for the id.
 */
function RefPicker({ kinds, value, onChange, ...p }: InputProps & { kinds: readonly Kind[]; value: string; onChange: (v: string) => void }) {
  const { at, plan } = useApp();
  const listId = `${p.id}-options`;
  const [options, setOptions] = useState<{ id: string; name?: string | undefined }[]>([]);
  const kindsKey = kinds.join(',');
  useEffect(() => {
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      const q = value.trim().toLowerCase();
      Promise.all(kindsKey.split(',').map((k) => api.list(k as Kind, { at, plan, q, limit: 20 }, ctl.signal))).then(
        (pages) => setOptions(pages.flatMap((pg) => pg.items.map((o) => ({ id: o.id, name: o.name })))),
        () => undefined,
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [value, kindsKey, at, plan]);
  return (
    <>
      <input {...aria(p)} list={listId} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name ?? o.id}
          </option>
        ))}
      </datalist>
    </>
  );
}

/** A list of references (picked) or texts (typed), each removable, with an Add. */
function ListInput({ spec, items, onChange, label, ...p }: InputProps & { spec: FieldSpec; items: string[]; onChange: (v: string[]) => void; label: string }) {
  const { t } = useI18n();
  const [next, setNext] = useState('');
  const add = () => {
    const v = next.trim();
    if (v && !items.includes(v)) onChange([...items, v]);
    setNext('');
  };
  return (
    <div className="list-input">
      {items.length > 0 && (
        <ul>
          {items.map((it) => (
            <li key={it}>
              {spec.type === 'refs' ? <NamedLink id={it} /> : it}{' '}
              <button type="button" className="link-button" disabled={p.disabled} onClick={() => onChange(items.filter((x) => x !== it))} aria-label={t('remove', { id: it })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: catches Enter from the input inside (add without the button); the span itself takes no focus */}
      <span className="add-row" onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}>
        {spec.type === 'refs' ? (
          <RefPicker {...p} name={`${p.name}.add`} ariaLabel={t('edit.search', { field: label })} kinds={spec.kinds} value={next} onChange={setNext} />
        ) : (
          <input {...aria({ ...p, ariaLabel: label })} name={`${p.name}.add`} value={next} onChange={(e) => setNext(e.target.value)} />
        )}
        <button type="button" disabled={p.disabled} onClick={add} aria-label={t('edit.addItem', { field: label })}>
          {t('add')}
        </button>
      </span>
    </div>
  );
}

/** Dependencies: an application each, with its optional coupling. */
function DepsInput({ kinds, items, onChange, label, ...p }: InputProps & { kinds: readonly Kind[]; items: DepDraft[]; onChange: (v: DepDraft[]) => void; label: string }) {
  const { t, choice, field } = useI18n();
  const [next, setNext] = useState('');
  const add = () => {
    const v = next.trim();
    if (v && !items.some((d) => d.application === v)) onChange([...items, { application: v, coupling: '' }]);
    setNext('');
  };
  return (
    <div className="list-input">
      {items.length > 0 && (
        <ul>
          {items.map((d, i) => (
            <li key={d.application}>
              <NamedLink id={d.application} />{' '}
              <select
                aria-label={`${field('coupling')}: ${d.application}`}
                disabled={p.disabled}
                value={d.coupling}
                onChange={(e) => onChange(items.map((x, j) => (j === i ? { ...x, coupling: e.target.value } : x)))}
              >
                <option value="">{t('edit.none')}</option>
                {choicesOf('coupling').map((c) => (
                  <option key={c} value={c}>
                    {choice('coupling', c)}
                  </option>
                ))}
              </select>{' '}
              <button type="button" className="link-button" disabled={p.disabled} onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={t('remove', { id: d.application })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: catches Enter from the input inside (add without the button); the span itself takes no focus */}
      <span className="add-row" onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}>
        <RefPicker {...p} name={`${p.name}.add`} ariaLabel={t('edit.search', { field: label })} kinds={kinds} value={next} onChange={setNext} />
        <button type="button" disabled={p.disabled} onClick={add} aria-label={t('edit.addItem', { field: label })}>
          {t('add')}
        </button>
      </span>
    </div>
  );
}

/** Blackouts: from, to (a date, or --MM-DD every year) and a reason. */
function RangesInput({ items, onChange, label, ...p }: InputProps & { items: RangeDraft[]; onChange: (v: RangeDraft[]) => void; label: string }) {
  const { t, field } = useI18n();
  const setAt = (i: number, k: keyof RangeDraft, v: string) => onChange(items.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  return (
    <div className="list-input">
      <ul>
        {items.map((r, i) => (
          <li key={i} className="range-row">
            {(['from', 'to', 'reason'] as const).map((k) => (
              <input key={k} aria-label={`${label} ${i + 1}: ${field(k)}`} disabled={p.disabled} value={r[k]} placeholder={k === 'reason' ? '' : 'JJJJ-MM-TT / --MM-TT'} onChange={(e) => setAt(i, k, e.target.value)} />
            ))}
            <button type="button" className="link-button" disabled={p.disabled} onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={t('remove', { id: `${label} ${i + 1}` })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" disabled={p.disabled} onClick={() => onChange([...items, { from: '', to: '', reason: '' }])} aria-label={t('edit.addItem', { field: label })}>
        {t('add')}
      </button>
    </div>
  );
}
