/** The view of a write refused as stale (HTTP 412): theirs beside mine, with reload or apply-mine. */
import { FieldValue } from '../components/FieldValue.js';
import { fieldChanges, flatFields } from '../fieldDiff.js';
import { useI18n } from '../i18n/index.js';
import type { ObjectOut as Obj } from '../../../src/contracts/index.js';

/** What the server has now, when our If-Match was stale. */
export interface Conflict {
  readonly theirs: Obj;
  readonly etag: string | null;
  readonly patch: Record<string, unknown>;
}

/** A write refused as stale: what I changed beside what is stored now, with reload or apply-mine. */
export function ConflictView({ kind, base, conflict, busy, onReload, onOverwrite }: { kind: string; base: Obj; conflict: Conflict; busy: boolean; onReload: () => void; onOverwrite: () => void }) {
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
