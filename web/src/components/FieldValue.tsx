/**
 * A field's value as the user reads it: numbers in the locale with their unit (shares also as a
 * percentage), choices by their label, references by the object's name with its id second.
 */
import { fieldSpecs, type FieldSpec } from '../fields.js';
import { useI18n } from '../i18n/index.js';
import type { Kind } from '../../../src/model/kinds.js';
import { IdList, NamedLink } from './links.js';

export { NamedLink } from './links.js';

/** The spec of a field or of a group's field (`capacity.power_kw`). */
export function specAt(kind: string, path: string): FieldSpec | undefined {
  const [name, sub] = path.split('.');
  const spec = fieldSpecs[kind as Kind]?.find((f) => f.name === name);
  return sub !== undefined && spec?.type === 'group' ? spec.fields.find((f) => f.name === sub) : spec;
}

/** A field's value of an object of the kind; `path` may name a group's field. */
export function FieldValue({ kind, path, value }: { kind: string; path: string; value: unknown }) {
  const { number, percent, choice, date, field } = useI18n();
  const spec = specAt(kind, path);
  if (value === undefined || value === null) return <span className="muted">–</span>;
  if (!spec) return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number') return <>{String(value)}</>;
      return <>{spec.share ? `${percent(value, 4)} (${number(value, 6)})` : `${number(value, 6)}${spec.unit ? ` ${spec.unit}` : ''}`}</>;
    case 'choice':
      return <>{choice(spec.set, String(value))}</>;
    case 'ref':
      return <NamedLink id={String(value)} />;
    case 'refs':
      return <IdList named ids={Array.isArray(value) ? value.map(String) : [String(value)]} />;
    case 'deps':
      return (
        <>
          {(value as unknown[]).map((d, i) => {
            const dep = typeof d === 'string' ? { application: d } : (d as { application: string; coupling?: string });
            return (
              <span key={`${dep.application}-${i}`}>
                {i > 0 && ', '}
                <NamedLink id={dep.application} />
                {dep.coupling && ` – ${choice('coupling', dep.coupling)}`}
              </span>
            );
          })}
        </>
      );
    case 'group':
      return (
        <>
          {spec.fields
            .filter((f) => (value as Record<string, unknown>)[f.name] !== undefined)
            .map((f, i) => (
              <span key={f.name}>
                {i > 0 && ', '}
                {`${field(f.name)}: `}
                <FieldValue kind={kind} path={`${path}.${f.name}`} value={(value as Record<string, unknown>)[f.name]} />
              </span>
            ))}
        </>
      );
    case 'date':
      return <>{date(String(value))}</>;
    case 'texts':
      return <>{(value as string[]).join(', ')}</>;
    case 'date-ranges':
      return <>{(value as { from: string; to: string; reason?: string }[]).map((r) => `${r.from.startsWith('--') ? r.from.slice(2) : date(r.from)} – ${r.to.startsWith('--') ? r.to.slice(2) : date(r.to)}${r.reason ? ` (${r.reason})` : ''}`).join('; ')}</>;
    default:
      return <>{String(value)}</>;
  }
}
