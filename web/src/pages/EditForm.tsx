/**
 * The typed edit form of an object: selects for choices, searchable pickers for references,
 * number fields with units that read German and English input, lists for lists. It writes a
 * change set of one change (a JSON merge patch with If-Match); a field is removed only by its
 * Remove button. A 412 (someone else wrote meanwhile) shows theirs beside mine, with reload and
 * "apply mine to the new state". See docs/ui.md, "Editing".
 */
import { useId, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { ErrorBox } from '../components/common.js';
import { DateInput } from '../components/DateField.js';
import { fieldSpecs, requiredFields, type FieldSpec } from '../fields.js';
import { flatFields } from '../fieldDiff.js';
import { useI18n } from '../i18n/index.js';
import type { Kind } from '../../../src/model/kinds.js';
import { today, tomorrow, useApp } from '../state.js';
import type { ObjectOut as Obj, WriteMeta } from '../../../src/contracts/index.js';
import { ConflictView, type Conflict } from './ConflictView.js';
import { patchOf, toDraft, type DraftError, type DraftValue } from './editDraft.js';
import { Input, NumberInput, Row } from './FieldInputs.js';

/** The statuses a write may give its change set (a cancelled one changes nothing). */
type WriteStatus = NonNullable<WriteMeta['status']>;


export function EditForm({ obj, etag, onDone }: { obj: Obj; etag: string | null; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { user, plan, at } = useApp();
  const formId = useId();
  const kind = obj.kind as Kind;
  const specs = fieldSpecs[kind] ?? [];
  const original = obj as unknown as Record<string, unknown>;
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() => Object.fromEntries(specs.map((s) => [s.name, toDraft(s, original[s.name], lang)])));
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  // A planner writes the future only (the API refuses a planner's change at or before now): tomorrow by default.
  const [meta, setMeta] = useState<{ effective: string; status: WriteStatus; title: string; plan: string }>({ effective: user.role === 'planner' ? tomorrow() : today(), status: user.role === 'planner' ? 'scheduled' : 'done', title: '', plan });
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
      await api.patchObject(
        obj.id,
        patch,
        {
          effective: meta.effective,
          status: meta.status,
          ...(meta.title && { title: meta.title }),
          ...(meta.status === 'proposed' && meta.plan && { plan: meta.plan }),
        },
        ifMatch,
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const now = await api.object(obj.id, { at, plan });
        setConflict({ theirs: now.body, etag: now.etag, patch });
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNote('');
    // A date field holding a text that is no date says so at the field; nothing is sent.
    const wrong = e.currentTarget.querySelector<HTMLInputElement>('input:invalid');
    if (wrong) return wrong.focus();
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
        <label htmlFor={`${formId}-effective`}>{t('object.effective')}</label>
        <DateInput id={`${formId}-effective`} name="changeset.effective" value={meta.effective} onChange={(effective) => setMeta({ ...meta, effective })} required />
        <label>
          {t('col.status')}
          <select name="changeset.status" value={meta.status} onChange={(e) => setMeta({ ...meta, status: e.target.value as WriteStatus })}>
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
