import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli } from './helpers/cli.js';
import { parse } from 'yaml';
import { apiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';
import { netboxDemo, netboxDemoMap } from './helpers/netboxFixture.js';
import { startNetboxReplay, type Replay } from './helpers/netboxReplay.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-nblive-'));
const TOKEN = '0123456789abcdef0123456789abcdef01234567';
const tokenFile = join(tmp, 'token');
writeFileSync(tokenFile, `${TOKEN}\n`);
let n = 0;
const freshDb = (): string => join(tmp, `live${++n}.db`);
const replays: Replay[] = [];
after(async () => {
  for (const r of replays) await r.close();
});
const replay = async (opts: Omit<Parameters<typeof startNetboxReplay>[0], 'token'> = {}): Promise<Replay> => {
  const r = await startNetboxReplay({ token: TOKEN, ...opts });
  replays.push(r);
  return r;
};

describe('import netbox --url (live, against a replay of the recorded NetBox)', () => {
  test('pages through every endpoint and maps exactly what --from maps; the token is never printed or stored', async () => {
    const nb = await replay({ maxPageSize: 50 });
    const live = freshDb();
    const r = await cli('--db', live, 'import', 'netbox', '--url', `${nb.url}/`, '--token-file', tokenFile, '--at', '2026-03-01T08:00:00Z');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /NetBox 4\.2\.9 at http:\/\/127\.0\.0\.1:\d+, pulled .*72 devices, 64 links, 22 risk-groups/);
    // 912 front ports at 50 a page: 19 pages, each found through `next`.
    const frontPages = nb.requests.filter((q) => q.path.startsWith('/api/dcim/front-ports/'));
    assert.equal(frontPages.length, 19);
    assert.deepEqual(frontPages.map((q) => new URL(q.path, nb.url).searchParams.get('offset')), Array.from({ length: 19 }, (_, i) => String(i * 50)));
    for (const q of nb.requests) assert.equal(q.headers.authorization, `Token ${TOKEN}`);
    const recordedDb = freshDb();
    assert.equal((await cli('--db', recordedDb, 'import', 'netbox', '--from', netboxDemo, '--at', '2026-03-01T08:00:00Z')).code, 0);
    const fromLive = JSON.parse((await cli('--db', live, 'export', '--format', 'json')).stdout);
    const fromFiles = JSON.parse((await cli('--db', recordedDb, 'export', '--format', 'json')).stdout);
    const { initial: liveHeader, ...liveObjects } = fromLive;
    const { initial: fileHeader, ...fileObjects } = fromFiles;
    assert.deepEqual(liveObjects, fileObjects);
    assert.equal(liveHeader.id, fileHeader.id);
    assert.match(liveHeader.notes, /Pulled from NetBox 4\.2\.9 at http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(!(r.stdout + r.stderr).includes(TOKEN), 'the token is not printed');
    for (const f of [live, `${live}-wal`]) {
      try {
        assert.ok(!readFileSync(f).includes(TOKEN), `${f} does not hold the token`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  });

  test('a failing request (503) is retried', async () => {
    const nb = await replay({ failRequests: [2, 3] });
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--url', nb.url, '--token-file', tokenFile, '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dry run: the sync would write 204 added/);
  });

  test('401: a wrong token is NETBOX_REFUSED, and neither token is printed', async () => {
    const nb = await replay();
    const wrong = join(tmp, 'wrong');
    writeFileSync(wrong, 'not-the-token-4242');
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--url', nb.url, '--token-file', wrong, '--json');
    assert.equal(r.code, 2);
    const body = JSON.parse(r.stdout);
    assert.equal(body.error.code, 'NETBOX_REFUSED');
    assert.match(body.error.message, /NetBox answered 401 for \/api\/status\/: the token is missing, wrong or expired/);
    assert.ok(!(r.stdout + r.stderr).includes('not-the-token-4242') && !(r.stdout + r.stderr).includes(TOKEN));
  });

  test('403 on one endpoint names it', async () => {
    const nb = await replay({ forbidden: ['dcim.cables'] });
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--url', nb.url, '--token-file', tokenFile);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NetBox answered 403 for \/api\/dcim\/cables\/\?limit=1000&offset=0: the token's user may not read this/);
  });

  test('404: a URL that is not the base of a NetBox', async () => {
    const nb = await replay();
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--url', `${nb.url}/netbox`, '--token-file', tokenFile);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NetBox answered 404 for http:\/\/127\.0\.0\.1:\d+\/netbox\/api\/status\/: is --url the base URL of a NetBox\?/);
  });

  test('an unknown major version is refused before anything else is read', async () => {
    const nb = await replay({ version: '3.7.8' });
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--url', nb.url, '--token-file', tokenFile);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NetBox 3\.7\.8 is of major version 3; the import knows 4\.x/);
    assert.equal(nb.requests.length, 1);
  });

  test('nothing listening: NETBOX_UNREACHABLE after the retries (exit 3)', async () => {
    const nb = await replay();
    const url = nb.url;
    await nb.close();
    replays.splice(replays.indexOf(nb), 1);
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--url', url, '--token-file', tokenFile);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /NetBox http:\/\/127\.0\.0\.1:\d+\/api\/status\/: ECONNREFUSED.*\(after 4 attempts\)/);
  });
});

describe('POST /api/v1/import/netbox', () => {
  const sqlite = dialects.find((d) => d.name === 'sqlite')!;
  test('an operator pulls and writes one change set; again writes nothing; the token is not answered or stored; a planner may not', async () => {
    const nb = await replay({ maxPageSize: 200 });
    const f = await apiFixture(sqlite, { netboxUrls: [nb.url] });
    try {
      const map = parse(readFileSync(netboxDemoMap, 'utf8'));
      const payload = { url: nb.url, token: TOKEN, map };
      assert.deepEqual(JSON.parse((await f.call('operator', { url: '/api/v1/import/netbox' })).body), { urls: [nb.url] });
      // The same NetBox written differently (with /api/) is the same allowed one.
      assert.equal((await f.call('operator', { method: 'POST', url: '/api/v1/import/netbox', payload: { ...payload, url: `${nb.url}/api/`, dry_run: true } })).statusCode, 200);
      const before = nb.requests.length;
      const planner = await f.call('planner', { method: 'POST', url: '/api/v1/import/netbox', payload });
      assert.equal(planner.statusCode, 403);
      assert.equal(nb.requests.length, before, 'a caller without the role never reaches NetBox');
      const r = await f.call('operator', { method: 'POST', url: '/api/v1/import/netbox', payload });
      assert.equal(r.statusCode, 201, r.body);
      const body = JSON.parse(r.body);
      assert.equal(body.objects.device, 72);
      assert.equal(body.objects.application, 2);
      assert.ok(!r.body.includes(TOKEN));
      const cs = JSON.parse((await f.call('viewer', { url: `/api/v1/changesets/${body.changeset}` })).body);
      assert.equal(cs.author, 'netbox sync', JSON.stringify(cs).slice(0, 300));
      assert.equal(cs.recordedBy, 'operator');
      const again = await f.call('operator', { method: 'POST', url: '/api/v1/import/netbox', payload });
      assert.equal(again.statusCode, 200);
      assert.equal(JSON.parse(again.body).changeset, undefined);
      assert.equal(JSON.parse(again.body).diff.changes, 0);
      const exported = await f.call('admin', { url: '/api/v1/export' });
      assert.ok(!exported.body.includes(TOKEN), 'the token is stored nowhere in the timeline');
      const bad = await f.call('operator', { method: 'POST', url: '/api/v1/import/netbox', payload: { ...payload, map: { roles: { router: 'toaster' } } } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /roles\.router/);
    } finally {
      await f.cleanup();
    }
  });
});
describe('POST /api/v1/import/netbox fetches no address the server was not started with', () => {
  const sqlite = dialects.find((d) => d.name === 'sqlite')!;
  test('another address, or any when none is configured: NETBOX_NOT_ALLOWED and no request leaves the server', async () => {
    const nb = await replay();
    // A second server that must never be asked (an address inside the operator's network).
    const inner = await replay();
    const configured = await apiFixture(sqlite, { netboxUrls: [nb.url] });
    const none = await apiFixture(sqlite);
    try {
      for (const [f, allowed] of [[configured, nb.url], [none, undefined]] as const) {
        const r = await f.call('operator', { method: 'POST', url: '/api/v1/import/netbox', payload: { url: inner.url, token: TOKEN, dry_run: true } });
        assert.equal(r.statusCode, 403, r.body);
        const error = JSON.parse(r.body).error;
        assert.equal(error.code, 'NETBOX_NOT_ALLOWED');
        assert.match(error.message, allowed ? new RegExp(`not one of the NetBox instances this server may pull: ${allowed}`) : /pulls from no NetBox: .*--netbox-url/);
        assert.equal(JSON.parse((await f.call('operator', { url: '/api/v1/import/netbox' })).body).urls.length, allowed ? 1 : 0);
      }
      assert.equal(inner.requests.length, 0, 'the server never contacted an address it was not started with');
      assert.equal(nb.requests.length, 0);
    } finally {
      await configured.cleanup();
      await none.cleanup();
    }
  });
});

