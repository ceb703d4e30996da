/** The sign-in page. */
import { useState, type FormEvent } from 'react';
import type { Principal } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { ErrorBox } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';

export function SignIn({ onSignedIn }: { onSignedIn: (u: Principal) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.signIn(name.trim(), password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>Verbund</h1>
      <p>{t('signin.intro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('signin.name')}
          <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('signin.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
      <div className="lang">
        <LanguageSwitch />
      </div>
    </main>
  );
}
