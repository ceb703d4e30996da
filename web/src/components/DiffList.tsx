/** What a diff added, removed and changed, as one list (the timeline's diff, a NetBox sync's difference). */
import { fieldChanges } from '../fieldDiff.js';
import { useI18n } from '../i18n/index.js';
import { ObjLink } from './common.js';
import { FieldValue, NamedLink, specAt } from './FieldValue.js';

/** The parts of a diff the list shows. */
export interface DiffItems {
  readonly added: readonly { id: string; kind: string; name?: string | undefined }[];
  readonly removed: readonly { id: string; kind: string; name?: string | undefined }[];
  readonly changed: readonly { id: string; kind: string; fields: readonly { field: string; from?: unknown; to?: unknown }[] }[];
}

/** The list; `linked`: the objects exist at the view's date, so they link to their pages; `max` items per part. */
export function DiffList({ diff, linked = true, max = Infinity }: { diff: DiffItems; linked?: boolean; max?: number }) {
  const { t, field } = useI18n();
  const kind = (k: string) => t(`kind.${k}` as 'kind.site');
  return (
    <ul className="compact">
      {diff.added.slice(0, max).map((o) => (
        <li key={`a-${o.id}`}>
          <span className="good">+</span> {kind(o.kind)} {linked ? <ObjLink id={o.id} label={o.name ?? o.id} /> : (o.name ?? o.id)}
        </li>
      ))}
      {diff.removed.slice(0, max).map((o) => (
        <li key={`r-${o.id}`}>
          <span className="bad">−</span> {kind(o.kind)} {o.name ?? o.id}
        </li>
      ))}
      {diff.changed.slice(0, max).map((c) => (
        <li key={`c-${c.id}`}>
          ~ {kind(c.kind)} {linked ? <NamedLink id={c.id} /> : c.id}:{' '}
          {/* Groups (capacity, size, …) by the fields that changed, as the object's history shows them. */}
          {c.fields
            .flatMap((f) => fieldChanges({ [f.field]: f.from }, { [f.field]: f.to }))
            .map((f, i) => (
              <span key={f.field}>
                {i > 0 && '; '}
                {f.field.split('.').map(field).join(' › ')}: <ShortValue kind={c.kind} path={f.field} value={f.before} /> → <ShortValue kind={c.kind} path={f.field} value={f.after} />
              </span>
            ))}
        </li>
      ))}
      {diff.added.length + diff.removed.length + diff.changed.length === 0 && <li className="muted">{t('none')}</li>}
    </ul>
  );
}

/** Items of a list shown before the count of the rest; characters of a text before it is cut. */
const MAX_ITEMS = 5;
const MAX_CHARS = 60;

/** A value as the object's page shows it, shortened: a diff line stays one line's worth per field. */
function ShortValue({ kind, path, value }: { kind: string; path: string; value: unknown }) {
  const { t, number } = useI18n();
  if (value === undefined || value === null) return <span className="muted">{t('edit.none')}</span>;
  const spec = specAt(kind, path);
  if (Array.isArray(value) && value.length > MAX_ITEMS) {
    return (
      <>
        <FieldValue kind={kind} path={path} value={value.slice(0, MAX_ITEMS)} /> … (+{number(value.length - MAX_ITEMS)})
      </>
    );
  }
  // Free text and fields the form does not know: cut, as the whole value is on the object's page.
  if (!spec || spec.type === 'text' || spec.type === 'multiline') {
    if (typeof value === 'number') return <>{number(value, 6)}</>;
    const s = typeof value === 'string' ? value : JSON.stringify(value);
    return <>{s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 3)}…` : s}</>;
  }
  return <FieldValue kind={kind} path={path} value={value} />;
}
