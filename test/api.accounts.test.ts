/**
 * Accounts through the API and the CLI: sign-in with an HttpOnly SameSite=Strict cookie
 * and CSRF protection, sign-out, rate-limited sign-in, the one-time admin setup, tokens
 * (revoked, expired, disabled users), passwords hashed with scrypt.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/api/buildApp.js';
import { AccountService, secretHash } from '../src/service/AccountService.js';
import { accountDb } from '../src/store/accountRepository.js';
import { apiFixture, PASSWORD, type ApiFixture } from './helpers/api.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';

const json = (body: string): any => JSON.parse(body); // eslint-disable-line @typescript-eslint/no-explicit-any

for (const dialect of dialects) {
  describe(`API accounts (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let f: ApiFixture;
    before(async () => {
      f = await apiFixture(dialect, { loginLimit: 5 });
    });
    after(() => f?.cleanup());

    // Every sign-in from another address, so that only the per-user limit applies.
    let address = 0;
    const login = async (name: string, password = PASSWORD) => f.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password }, remoteAddress: `10.0.${Math.floor(++address / 250)}.${address % 250}` });

    test('sign-in sets an HttpOnly SameSite=Strict cookie; unsafe requests need the CSRF token', async () => {
      const r = await login('planner');
      assert.equal(r.statusCode, 200, r.body);
      const cookie = r.cookies.find((c) => c.name === 'verbund_session')!;
      assert.ok(cookie.httpOnly);
      assert.equal(cookie.sameSite, 'Strict');
      const { csrfToken, user } = json(r.body);
      assert.deepEqual(user, { name: 'planner', role: 'planner', tenant: null });
      const cookies = { verbund_session: cookie.value };
      const me = json((await f.app.inject({ url: '/api/v1/me', cookies })).body);
      assert.equal(me.name, 'planner');
      assert.equal(me.csrfToken, csrfToken, 'a reloaded page gets its CSRF token from the session');
      assert.equal(json((await f.call('planner', { url: '/api/v1/me' })).body).csrfToken, null, 'a bearer token has none');
      const payload = { changesets: [{ id: 'cs-cookie', title: 'by cookie', effective: '2031-01-01', status: 'scheduled', changes: [] }] };
      const noCsrf = await f.app.inject({ method: 'POST', url: '/api/v1/changesets', cookies, payload });
      assert.equal(noCsrf.statusCode, 403);
      const wrongCsrf = await f.app.inject({ method: 'POST', url: '/api/v1/changesets', cookies, payload, headers: { 'x-csrf-token': 'x'.repeat(csrfToken.length) } });
      assert.equal(wrongCsrf.statusCode, 403);
      const ok = await f.app.inject({ method: 'POST', url: '/api/v1/changesets', cookies, payload, headers: { 'x-csrf-token': csrfToken } });
      assert.equal(ok.statusCode, 201, ok.body);
      const out = await f.app.inject({ method: 'DELETE', url: '/api/v1/session', cookies, headers: { 'x-csrf-token': csrfToken } });
      assert.equal(out.statusCode, 204);
      assert.equal((await f.app.inject({ url: '/api/v1/me', cookies })).statusCode, 401, 'the session has ended');
    });

    test('users change their own password with the current one; it ends their sessions', async () => {
      await new AccountService(f.store).addUser({ name: 'changer', role: 'viewer', password: PASSWORD });
      const r = await login('changer');
      const { csrfToken } = json(r.body);
      const cookies = { verbund_session: r.cookies.find((c) => c.name === 'verbund_session')!.value };
      const change = (current: string) =>
        f.app.inject({ method: 'POST', url: '/api/v1/me/password', cookies, headers: { 'x-csrf-token': csrfToken }, payload: { current, password: 'a new long password' } });
      const wrong = await change('not my password');
      assert.equal(wrong.statusCode, 400);
      assert.equal(json(wrong.body).error.details[0].field, 'current');
      assert.equal((await login('changer')).statusCode, 200, 'a wrong current password changes nothing');
      assert.equal((await change(PASSWORD)).statusCode, 204);
      assert.equal((await f.app.inject({ url: '/api/v1/me', cookies })).statusCode, 401, 'the session has ended');
      assert.equal((await login('changer')).statusCode, 401, 'the old password no longer works');
      assert.equal((await login('changer', 'a new long password')).statusCode, 200);
    });

    test('a wrong password and an unknown user answer alike; sign-in is rate-limited per user and address', async () => {
      const wrong = await login('viewer', 'wrong password!');
      const unknown = await login('nobody-here', 'wrong password!');
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(json(wrong.body), json(unknown.body));
      // The per-address limit counts every name; this one counts one name from one address.
      const fromOne = (password: string) => f.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'viewer', password }, remoteAddress: '10.8.8.8' });
      for (let i = 0; i < 5; i++) assert.equal((await fromOne('wrong password!')).statusCode, 401); // 5 attempts: the limit
      const limited = await fromOne('wrong password!');
      assert.equal(limited.statusCode, 429);
      assert.equal(json(limited.body).error.code, 'RATE_LIMITED');
      assert.equal((await fromOne(PASSWORD)).statusCode, 429, 'even the right password waits');
      assert.equal((await login('viewer')).statusCode, 200, 'from another address the user still signs in');
    });

    test('sign-in is rate-limited per address', async () => {
      const from = (name: string) => f.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password: 'wrong password!' }, remoteAddress: '10.9.9.9' });
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await from(`guess-${i}`)).statusCode);
      assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.equal(codes[6], 429);
    });

    test('revoked and expired tokens, disabled users: 401', async () => {
      const accounts = new AccountService(f.store);
      const t = await accounts.createToken('operator', { name: 'short' });
      const me = (token: string) => f.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal((await me(t.token)).statusCode, 200);
      assert.equal((await f.call('admin', { method: 'DELETE', url: `/api/v1/tokens/${t.id}` })).statusCode, 204);
      assert.equal((await me(t.token)).statusCode, 401, 'revoked through the server: at once');
      const other = await accounts.createToken('operator');
      assert.equal((await me(other.token)).statusCode, 200);
      await accounts.revokeToken(other.id);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await me(other.token)).statusCode, 401, 'revoked by another process: within a second');
      const soon = await new AccountService(f.store, () => new Date(Date.now() - 2 * 86_400_000)).createToken('operator', { expiresDays: 1 });
      assert.equal((await me(soon.token)).statusCode, 401, 'expired yesterday');
      await accounts.addUser({ name: 'leaver', role: 'viewer', password: PASSWORD });
      const lt = await accounts.createToken('leaver');
      assert.equal((await me(lt.token)).statusCode, 200);
      assert.equal((await f.call('admin', { method: 'PATCH', url: '/api/v1/users/leaver', payload: { disabled: true } })).statusCode, 200);
      assert.equal((await me(lt.token)).statusCode, 401);
      assert.equal((await login('leaver')).statusCode, 401);
      assert.equal((await me('vb_garbage')).statusCode, 401);
      assert.equal((await f.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } })).statusCode, 401);
      const stored = await accountDb(f.store.db).selectFrom('api_token').select('hash').where('id', '=', t.id).executeTakeFirstOrThrow();
      assert.equal(stored.hash, secretHash(t.token), 'stored as its SHA-256, never in clear');
      const user = await accountDb(f.store.db).selectFrom('account').select('password_hash').where('name', '=', 'leaver').executeTakeFirstOrThrow();
      assert.match(user.password_hash!, /^scrypt\$\d+\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    });

    test('admins manage users and tokens through the API', async () => {
      const add = await f.call('admin', { method: 'POST', url: '/api/v1/users', payload: { name: 'kaemmerei-lemgo', role: 'tenant', tenant: 'lemgo', password: PASSWORD } });
      assert.equal(add.statusCode, 201, add.body);
      assert.equal((await f.call('admin', { method: 'POST', url: '/api/v1/users', payload: { name: 'x', role: 'tenant', tenant: 'no-such-org' } })).statusCode, 404);
      assert.equal((await f.call('admin', { method: 'POST', url: '/api/v1/users', payload: { name: 'kaemmerei-lemgo', role: 'viewer' } })).statusCode, 409);
      const tok = json((await f.call('admin', { method: 'POST', url: '/api/v1/tokens', payload: { user: 'kaemmerei-lemgo', expiresDays: 30 } })).body);
      assert.match(tok.token, /^vb_/);
      const listed = json((await f.call('admin', { method: 'GET', url: '/api/v1/tokens?user=kaemmerei-lemgo' })).body).items;
      assert.deepEqual(listed.map((t: { id: string }) => t.id), [tok.id]);
      assert.ok(!JSON.stringify(listed).includes(tok.token), 'a listed token never shows its secret');
      const usages = json((await f.app.inject({ url: '/api/v1/usages', headers: { authorization: `Bearer ${tok.token}` } })).body);
      assert.ok(usages.items.every((u: { tenant: string }) => u.tenant === 'lemgo'));
      assert.equal((await f.call('admin', { method: 'PATCH', url: '/api/v1/users/kaemmerei-lemgo', payload: { disabled: true } })).statusCode, 200);
      assert.equal((await f.app.inject({ url: '/api/v1/usages', headers: { authorization: `Bearer ${tok.token}` } })).statusCode, 401);
    });

    test('the one-time setup token creates the first admin, once', async () => {
      const { store, cleanup } = await dialect.fresh();
      try {
        const accounts = new AccountService(store);
        assert.equal(await accounts.hasAdmin(), false);
        const { token } = await accounts.createSetupToken();
        const app = await buildApp({ store });
        const setup = (t: string, name: string) => app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token: t, name, password: PASSWORD } });
        assert.equal((await setup('setup_wrong', 'root')).statusCode, 401);
        const r = await setup(token, 'root');
        assert.equal(r.statusCode, 201, r.body);
        assert.equal(json(r.body).role, 'admin');
        assert.equal((await setup(token, 'root2')).statusCode, 401, 'used once');
        const second = await accounts.createSetupToken(); // another server's, printed at the same start
        assert.equal((await setup(second.token, 'root3')).statusCode, 401, 'no second admin by setup');
        assert.deepEqual((await accounts.listUsers()).map((u) => u.name), ['root']);
        assert.equal(await accounts.hasAdmin(), true);
        const expired = await new AccountService(store, () => new Date(Date.now() - 2 * 3_600_000)).createSetupToken();
        assert.equal((await setup(expired.token, 'late')).statusCode, 401, 'valid one hour');
        await app.close();
      } finally {
        await cleanup();
      }
    });
  });
}

describe('user and token commands', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbund-accounts-'));
    db = join(dir, 'x.db');
    assert.equal((await cli('--db', db, 'import', join(import.meta.dirname, '..', 'examples', 'owl-it'))).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('add, list, disable, token create/list/revoke', async () => {
    assert.equal((await cli('--db', db, 'user', 'add', 'anna', '--role', 'planner')).code, 0);
    const tenant = await cli('--db', db, 'user', 'add', 'kaemmerei-lemgo', '--role', 'tenant', '--tenant', 'lemgo');
    assert.equal(tenant.code, 0, tenant.stderr);
    assert.equal((await cli('--db', db, 'user', 'add', 'bob', '--role', 'tenant')).code, 2, 'a tenant needs --tenant');
    assert.equal((await cli('--db', db, 'user', 'add', 'eve', '--role', 'emperor')).code, 2);
    const list = await cli('--db', db, 'user', 'list');
    assert.match(list.stdout, /anna\s+planner/);
    assert.match(list.stdout, /kaemmerei-lemgo\s+tenant\s+lemgo/);
    const created = await cli('--db', db, 'token', 'create', 'anna', '--expires', '30');
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^vb_[\w-]{43}$/);
    const tokens = await cli('--db', db, '--json', 'token', 'list', '--of', 'anna');
    const [info] = JSON.parse(tokens.stdout) as { id: string; expiresAt: string }[];
    assert.ok(info!.expiresAt);
    assert.ok(!tokens.stdout.includes(token));
    assert.equal((await cli('--db', db, 'token', 'revoke', info!.id)).code, 0);
    assert.equal((await cli('--db', db, 'token', 'revoke', info!.id)).code, 2, 'revoked already');
    assert.match((await cli('--db', db, 'user', 'disable', 'anna')).stdout, /disabled/);
    assert.equal((await cli('--db', db, 'user', 'passwd', 'anna')).code, 2, 'no terminal and no --password-stdin');
  });
});
