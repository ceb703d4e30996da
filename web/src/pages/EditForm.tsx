/**
 * The typed edit form of an object: selects for choices, searchable pickers for references,
 * number fields with units that read German and English input, lists for lists. It writes a
 * change set of one change (a JSON merge patch with If-Match); a field is removed only by its
 * Remove button. A 412 (someone else wrote meanwhile) shows theirs beside mine, with reload and
 * "apply mine to the new state". See docs/ui.md, "Editing".
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, get, request, type Page } from '../api.js';
import { ErrorBox } from '../components/common.js';
import { FieldValue, NamedLink } from '../components/FieldValue.js';
import { fieldSpecs, listOf, requiredFields, type FieldSpec, type NumberSpec } from '../fields.js';
import { fieldChanges, flatFields } from '../fieldDiff.js';
import { useI18n } from '../i18n/index.js';
import { parseNumber } from '../numbers.js';
import { choices as allChoices, type ChoiceSetName } from '../../../src/model/choices.js';
import type { Kind } from '../../../src/model/kinds.js';
import { today, tomorrow, useApp } from '../state.js';
import type { Obj } from '../types.js';
import { patchOf, toDraft, type DepDraft, type DraftError, type DraftValue, type RangeDraft } from './editDraft.js';

/** What the server has now, when our If-Match was stale. */
interface Conflict {
  readonly theirs: Obj;
  readonly etag: string | null;
  readonly patch: Record<string, unknown>;
}

export function EditForm({ obj, etag, onDone }: { obj: Obj; etag: string | null; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { user, plan, at } = useApp();
  const kind = obj.kind as Kind;
  const specs = fieldSpecs[kind] ?? [];
  const original = obj as unknown as Record<string, unknown>;
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() => Object.fromEntries(specs.map((s) => [s.name, toDraft(s, original[s.name], lang)])));
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  // A planner writes the future only (the API refuses a planner's change at or before now): tomorrow by default.
  const [meta, setMeta] = useState({ effective: user.role === 'planner' ? tomorrow() : today(), status: user.role === 'planner' ? 'scheduled' : 'done', title: '', plan });
  const [error, setError] = useState<unknown>();
  const [invalid, setInvalid] = useState<Record<string, DraftError>>({});
  const [conflict, setConflict] = useState<Conflict>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const present = flatFields(original);
  const problems = error instanceof ApiError ? error.details : [];
  const errorsAt = (path: string): string[] => [
    ...(invalid[path] ? [t(`edit.${invalid[path]}`)] : []),
    ...problems.filter((p) => p.field === path || p.field?.startsWith(`${path}.`) || (p.path && p.path.join('.') === path)).map((p) => p.message),
  ];
  const located = (p: { field?: string | undefined; path?: readonly (string | number)[] | undefined }) => specs.some((s) => p.field === s.name || p.field?.startsWith(`${s.name}.`) || p.path?.[0] === s.name);
  const general = problems.filter((p) => !located(p));

  const write = async (patch: Record<string, unknown>, ifMatch: string | null) => {
    setBusy(true);
    setError(undefined);
    setConflict(undefined);
    try {
      await request('PATCH', `/objects/${encodeURIComponent(obj.id)}`, {
        body: {
          fields: patch,
          changeset: {
            effective: meta.effective,
            status: meta.status,
            ...(meta.title && { title: meta.title }),
            ...(meta.status === 'proposed' && meta.plan && { plan: meta.plan }),
          },
        },
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const now = await request<Obj>('GET', `/objects/${encodeURIComponent(obj.id)}`, { query: { at, plan } });
        setConflict({ theirs: now.body, etag: now.etag, patch });
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote('');
    const { patch, errors } = patchOf(specs, original, drafts, removed, lang);
    setInvalid(errors);
    if (Object.keys(errors).length > 0) return;
    if (Object.keys(patch).length === 0) return setNote(t('edit.noChange'));
    void write(patch, etag);
  };

  const toggleRemoved = (path: string) => {
    const next = new Set(removed);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setRemoved(next);
  };
  const set = (name: string, v: DraftValue) => setDrafts((d) => ({ ...d, [name]: v }));

  if (conflict) return <ConflictView kind={kind} base={obj} conflict={conflict} busy={busy} onReload={onDone} onOverwrite={() => void write(conflict.patch, conflict.etag)} />;

  return (
    <form className="grid-form edit-form" onSubmit={submit} aria-labelledby="h-edit" noValidate>
      <h2 id="h-edit">{t('object.editTitle')}</h2>
      {specs.map((spec) => (
        <FieldEditor
          key={spec.name}
          spec={spec}
          draft={drafts[spec.name]!}
          onChange={(v) => set(spec.name, v)}
          had={(path) => present.has(path)}
          required={requiredFields[kind].has(spec.name)}
          removed={removed}
          onToggleRemoved={toggleRemoved}
          errorsAt={errorsAt}
        />
      ))}
      <fieldset>
        <legend>{t('object.changesetLegend')}</legend>
        <label>
          {t('object.effective')}
          <input name="changeset.effective" type="date" value={meta.effective} onChange={(e) => setMeta({ ...meta, effective: e.target.value })} required />
        </label>
        <label>
          {t('col.status')}
          <select name="changeset.status" value={meta.status} onChange={(e) => setMeta({ ...meta, status: e.target.value })}>
            {user.role !== 'planner' && <option value="done">{t('status.done')}</option>}
            <option value="scheduled">{t('status.scheduled')}</option>
            <option value="proposed">{t('status.proposed')}</option>
          </select>
        </label>
        {meta.status === 'proposed' && (
          <label>
            {t('plan')}
            <input name="changeset.plan" value={meta.plan} onChange={(e) => setMeta({ ...meta, plan: e.target.value })} required />
          </label>
        )}
        <label>
          {t('object.title')}
          <input name="changeset.title" value={meta.title} onChange={(e) => setMeta({ ...meta, title: e.target.value })} />
        </label>
      </fieldset>
      {error !== undefined && <ErrorBox error={error instanceof ApiError ? new ApiError(error.status, error.code, error.message, general) : error} />}
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('object.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** One field's input(s), its problems and its Remove button. */
function FieldEditor({
  spec,
  draft,
  onChange,
  had,
  required,
  removed,
  onToggleRemoved,
  errorsAt,
}: {
  spec: FieldSpec;
  draft: DraftValue;
  onChange: (v: DraftValue) => void;
  had: (path: string) => boolean;
  required: boolean;
  removed: ReadonlySet<string>;
  onToggleRemoved: (path: string) => void;
  errorsAt: (path: string) => string[];
}) {
  const { field } = useI18n();
  const label = field(spec.name);
  const removable = (path: string) => !required && had(path);
  if (spec.type === 'group')
    return (
      <fieldset className="field-group">
        <legend>{label}</legend>
        {spec.fields.map((f) => {
          const path = `${spec.name}.${f.name}`;
          const d = draft as Record<string, string>;
          return (
            <Row key={path} path={path} label={field(f.name)} errors={errorsAt(path)} removable={removable(path)} removed={removed.has(path)} onToggleRemoved={onToggleRemoved}>
              {(p) =>
                f.type === 'number' ? (
                  <NumberInput {...p} spec={f} value={d[f.name] ?? ''} onChange={(v) => onChange({ ...d, [f.name]: v })} />
                ) : (
                  <Input {...p} spec={f} draft={d[f.name] ?? ''} onChange={(v) => onChange({ ...d, [f.name]: v as string })} label={field(f.name)} />
                )
              }
            </Row>
          );
        })}
      </fieldset>
    );
  return (
    <Row path={spec.name} label={label} errors={errorsAt(spec.name)} removable={removable(spec.name)} removed={removed.has(spec.name)} onToggleRemoved={onToggleRemoved} list={Array.isArray(draft)}>
      {(p) => <Input {...p} spec={spec} draft={draft} onChange={onChange} label={label} />}
    </Row>
  );
}

/** What a row hands its input: the input's id, its error description and whether it is disabled. */
interface InputProps {
  readonly id: string;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
  readonly disabled: boolean;
  readonly name: string;
  /** For an input without its own <label> (the add box of a list, labelled by its legend). */
  readonly ariaLabel?: string;
}

/** A labelled row: the input, the field's problems (announced with it) and Remove / Keep. */
function Row({ path, label, errors, removable, removed, onToggleRemoved, list, children }: { path: string; label: string; errors: string[]; removable: boolean; removed: boolean; onToggleRemoved: (p: string) => void; list?: boolean; children: (p: InputProps) => ReactNode }) {
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

/** A number typed in either language, with its unit and, for a share, the percentage it means. */
function NumberInput({ spec, value, onChange, ...p }: InputProps & { spec: NumberSpec; value: string; onChange: (v: string) => void }) {
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
function Input({ spec, draft, onChange, label, ...p }: InputProps & { spec: FieldSpec; draft: DraftValue; onChange: (v: DraftValue) => void; label: string }) {
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
      return <input {...aria(p)} type="date" value={draft as string} onChange={(e) => onChange(e.target.value)} />;
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
      Promise.all(kindsKey.split(',').map((k) => get<Page<Obj>>(`/${listOf(k as Kind)}`, { at, plan, q, limit: 20 }, ctl.signal))).then(
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

/** A write refused as stale: what I changed beside what is stored now, with reload or apply-mine. */
function ConflictView({ kind, base, conflict, busy, onReload, onOverwrite }: { kind: string; base: Obj; conflict: Conflict; busy: boolean; onReload: () => void; onOverwrite: () => void }) {
  const { t, field } = useI18n();
  const theirs = conflict.theirs as unknown as Record<string, unknown>;
  const before = base as unknown as Record<string, unknown>;
  const mine = flatFields(Object.fromEntries(Object.entries(conflict.patch).map(([k, v]) => [k, v === null ? undefined : v])) as Record<string, unknown>);
  for (const [k, v] of Object.entries(conflict.patch)) if (v === null) mine.set(k, null);
  const theirChanges = new Set(fieldChanges(before, theirs).map((c) => c.field));
  const rows = [...new Set([...mine.keys(), ...theirChanges])];
  const baseFlat = flatFields(before);
  const theirsFlat = flatFields(theirs);
  return (
    <section className="conflict" aria-labelledby="h-conflict">
      <h2 id="h-conflict">{t('conflict.title')}</h2>
      <p role="alert">{t('conflict.intro')}</p>
      <table>
        <caption>{t('conflict.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('conflict.field')}</th>
            <th scope="col">{t('conflict.base')}</th>
            <th scope="col">{t('conflict.theirs')}</th>
            <th scope="col">{t('conflict.mine')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f} className={theirChanges.has(f) && mine.has(f) ? 'clash' : undefined}>
              <th scope="row">{f.split('.').map(field).join(' › ')}</th>
              <td>
                <FieldValue kind={kind} path={f} value={baseFlat.get(f)} />
              </td>
              <td>
                <FieldValue kind={kind} path={f} value={theirsFlat.get(f)} />
              </td>
              <td>{mine.has(f) ? mine.get(f) === null ? <em>{t('edit.willBeRemoved')}</em> : <FieldValue kind={kind} path={f} value={mine.get(f)} /> : <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button type="button" onClick={onReload}>
          {t('conflict.reload')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={onOverwrite}>
          {t('conflict.overwrite')}
        </button>
      </div>
    </section>
  );
}
