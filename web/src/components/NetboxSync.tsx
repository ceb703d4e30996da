/**
 * The NetBox sync form (operators and admins): pulls a NetBox through
 * POST /api/v1/import/netbox and shows what changed (docs/netbox.md). The token lives in this
 * form's state only, and is cleared after each pull. The NetBox is one of those the server was
 * started with (`serve --netbox-url`): the server fetches no address a user types.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { NetboxSyncResult } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useLoad } from '../state.js';
import { Async, ErrorBox, TextField } from './common.js';
import { DiffList } from './DiffList.js';

export function NetboxSync({ onWritten }: { onWritten: () => void }) {
  const { t, number } = useI18n();
  const urls = useLoad(() => api.netboxUrls(), []);
  const urlId = useId();
  const [url, setUrl] = useState('');
  const first = urls.data?.urls[0];
  useEffect(() => {
    if (first !== undefined) setUrl((u) => u || first);
  }, [first]);
  const [token, setToken] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<NetboxSyncResult>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      const r = await api.netboxSync({ url, token, dry_run: dryRun });
      setAnswer(r);
      if (r.changeset) onWritten();
    } catch (err) {
      setError(err);
    } finally {
      setToken('');
      setBusy(false);
    }
  };
  const d = answer?.diff;
  return (
    <section aria-labelledby="h-netbox">
      <h2 id="h-netbox">{t('netbox.title')}</h2>
      <p className="muted">{t('netbox.intro')}</p>
      <Async state={urls}>
        {({ urls: allowed }) =>
          allowed.length === 0 ? (
            <p className="muted">{t('netbox.none')}</p>
          ) : (
            <form className="grid-form" onSubmit={submit}>
              <div className="field">
                <label htmlFor={urlId}>{t('netbox.url')}</label>
                <select id={urlId} name="netbox-url" value={url} onChange={(e) => setUrl(e.target.value)} required>
                  {allowed.map((u) => (
                    <option key={u} value={u}>
                      {u}
                    </option>
                  ))}
                </select>
              </div>
              <TextField name="netbox-token" label={t('netbox.token')} value={token} onChange={setToken} type="password" autoComplete="off" required />
              <label>
                <input type="checkbox" name="dry-run" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> {t('netbox.dryRun')}
              </label>
              <div className="buttons">
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? t('netbox.busy') : t('netbox.submit')}
                </button>
              </div>
            </form>
          )
        }
      </Async>
      <ErrorBox error={error} />
      {answer && d && (
        <div role="status">
          <p>
            <strong>{t('netbox.summary', { version: answer.version, added: number(d.added.length), removed: number(d.removed.length), changed: number(d.changed.length) })}</strong>{' '}
            <span>{answer.changeset ? t('netbox.written', { id: answer.changeset }) : answer.dryRun ? t('netbox.dry') : t('netbox.nothing')}</span>
          </p>
          {answer.report.skipped.length > 0 && <p className="muted">{t('netbox.skipped', { n: number(answer.report.skipped.length) })}</p>}
          {answer.report.flags.length > 0 && <p className="muted">{t('netbox.flags', { n: number(answer.report.flags.length) })}</p>}
          <DiffList diff={d} linked={answer.changeset !== undefined} max={50} />
        </div>
      )}
    </section>
  );
}
