/**
 * Users and API tokens, for admins (`/accounts`): add a user with a role (a tenant with its
 * organization), disable or enable one, create a token (its secret shown once) and revoke one.
 * Everything goes through the admin routes of the API (docs/api.md).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { roles, type Role } from '../../../src/contracts/accounts.js';
import { api } from '../api.js';
import { Async, ErrorBox, TableHead, type Column } from '../components/common.js';
import { useI18n, type Key } from '../i18n/index.js';
import { useLoad, type Loaded } from '../state.js';

export function Accounts() {
  const { t, dateTime, date } = useI18n();
  const users = useLoad((s) => api.users(s), []);
  const tokens = useLoad((s) => api.tokens(s), []);
  const [error, setError] = useState<unknown>();
  const [secret, setSecret] = useState<{ user: string; token: string } | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
      users.reload();
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <ErrorBox error={error} />
      <section aria-labelledby="h-users">
        <h2 id="h-users">{t('accounts.users')}</h2>
        <ItemTable state={users} cols={[t('signin.name'), t('account.role'), t('account.tenant'), t('col.status'), t('accounts.created'), { label: t('col.action'), hidden: true }]}>
          {(u) => (
            <tr key={u.name}>
              <td>{u.name}</td>
              <td>{t(`role.${u.role}` as Key)}</td>
              <td>{u.tenant ?? '–'}</td>
              <td>{u.disabled ? t('accounts.disabled') : t('accounts.active')}</td>
              <td>{date(u.createdAt)}</td>
              <td>
                <button type="button" onClick={() => void act(() => api.patchUser(u.name, { disabled: !u.disabled }))}>
                  {u.disabled ? t('accounts.enable', { name: u.name }) : t('accounts.disable', { name: u.name })}
                </button>{' '}
                <button type="button" onClick={() => void act(async () => setSecret({ user: u.name, token: (await api.addToken({ user: u.name, name: `ui-${new Date().toISOString().slice(0, 10)}` })).token }))}>
                  {t('accounts.newToken', { name: u.name })}
                </button>
              </td>
            </tr>
          )}
        </ItemTable>
        {secret && (
          <p role="status" className="secret">
            {t('accounts.secret', { user: secret.user })} <code>{secret.token}</code>
          </p>
        )}
        <AddUser onAdded={() => users.reload()} />
      </section>
      <section aria-labelledby="h-tokens">
        <h2 id="h-tokens">{t('accounts.tokens')}</h2>
        <ItemTable state={tokens} cols={[t('accounts.tokenName'), t('signin.name'), t('accounts.created'), t('accounts.expires'), t('col.status'), { label: t('col.action'), hidden: true }]}>
          {(k) => (
            <tr key={k.id}>
              <td>
                {k.name} <span className="muted">({k.id})</span>
              </td>
              <td>{k.user}</td>
              <td>{dateTime(k.createdAt)}</td>
              <td>{k.expiresAt ? date(k.expiresAt) : '–'}</td>
              <td>{k.revokedAt ? `${t('accounts.revoked')} ${dateTime(k.revokedAt)}` : t('accounts.active')}</td>
              <td>
                {!k.revokedAt && (
                  <button type="button" onClick={() => void act(() => api.revokeToken(k.id))}>
                    {t('accounts.revoke', { name: k.name })}
                  </button>
                      )}
                    </td>
                  </tr>
          )}
        </ItemTable>
      </section>
    </>
  );
}

/** A loaded list as a table: its header and one row per item. */
function ItemTable<T>({ state, cols, children }: { state: Loaded<{ items: T[] }>; cols: readonly Column[]; children: (item: T) => ReactNode }) {
  return (
    <Async state={state}>
      {({ items }) => (
        <table>
          <TableHead cols={cols} />
          <tbody>{items.map(children)}</tbody>
        </table>
      )}
    </Async>
  );
}

function AddUser({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [f, setF] = useState<{ name: string; role: Role; tenant: string; password: string }>({ name: '', role: 'viewer', tenant: '', password: '' });
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.addUser({ name: f.name, role: f.role, ...(f.role === 'tenant' && { tenant: f.tenant }), ...(f.password && { password: f.password }) });
      setF({ name: '', role: 'viewer', tenant: '', password: '' });
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="grid-form" onSubmit={(e) => void submit(e)} aria-labelledby="h-add-user">
      <h3 id="h-add-user">{t('accounts.add')}</h3>
      <label>
        {t('signin.name')}
        <input name="user-name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
      </label>
      <label>
        {t('account.role')}
        <select name="user-role" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as Key)}
            </option>
          ))}
        </select>
      </label>
      {f.role === 'tenant' && (
        <label>
          {t('account.tenant')}
          <input name="user-tenant" value={f.tenant} onChange={(e) => setF({ ...f, tenant: e.target.value })} required />
        </label>
      )}
      <label>
        {t('signin.password')}
        <input name="user-password" type="password" autoComplete="new-password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} required />
      </label>
      <ErrorBox error={error} />
      <div className="buttons">
        <button type="submit" className="primary">
          {t('accounts.add')}
        </button>
      </div>
    </form>
  );
}
