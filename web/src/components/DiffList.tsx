/** What a diff added, removed and changed, as one list (the timeline's diff, a NetBox sync's difference). */
import { useI18n } from '../i18n/index.js';
import { ObjLink } from './common.js';

/** The parts of a diff the list shows. */
export interface DiffItems {
  readonly added: readonly { id: string; kind: string; name?: string | undefined }[];
  readonly removed: readonly { id: string; kind: string; name?: string | undefined }[];
  readonly changed: readonly { id: string; kind: string; fields: readonly { field: string; from?: unknown; to?: unknown }[] }[];
}

/** The list; `linked`: the objects exist at the view's date, so they link to their pages; `max` items per part. */
export function DiffList({ diff, linked = true, max = Infinity }: { diff: DiffItems; linked?: boolean; max?: number }) {
  const { t } = useI18n();
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
          ~ {kind(c.kind)} {linked ? <ObjLink id={c.id} /> : c.id}: {c.fields.map((f) => `${f.field}: ${short(f.from)} → ${short(f.to)}`).join('; ')}
        </li>
      ))}
      {diff.added.length + diff.removed.length + diff.changed.length === 0 && <li className="muted">{t('none')}</li>}
    </ul>
  );
}

function short(v: unknown): string {
  if (v === undefined || v === null) return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
