/**
 * Team mode (PostgreSQL): two servers on one database (two connection pools, as two
 * processes would have). Not on SQLite: two SQLite connections in one process deadlock
 * (better-sqlite3 waits for a lock synchronously, so the holder's transaction can never
 * resume); SQLite is one server per file. A write on one is visible on the other with the next request; concurrent writers
 * holding the same ETag never both win; concurrent writers of different objects all land.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/buildApp.js';
import { openStore, type Store } from '../src/store/openStore.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

for (const dialect of dialects.filter((d) => d.name === 'postgres')) {
  describe(`two servers on one database (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let a: ApiFixture;
    let storeB: Store;
    let b: FastifyInstance;
    const asOperator = (app: FastifyInstance, o: { method: 'GET' | 'PATCH' | 'POST'; url: string; payload?: object; headers?: Record<string, string> }) =>
      app.inject({ ...o, headers: { authorization: `Bearer ${a.tokens.operator}`, ...o.headers } });

    before(async () => {
      a = await apiFixture(dialect);
      storeB = await openStore(a.location);
      b = await buildApp({ store: storeB });
    });
    after(async () => {
      await b?.close();
      await storeB?.close();
      await a?.cleanup();
    });

    test('a write on one server is visible on the other with the next request, analyses included', async () => {
      const before = JSON.parse((await asOperator(b, { method: 'GET', url: '/api/v1/check?at=2031-01-01' })).body).summary.services;
      const w = await asOperator(a.app, {
        method: 'POST',
        url: '/api/v1/changesets',
        payload: { changesets: [{ id: 'cs-team-usage', title: 'new usage', effective: '2030-06-01', status: 'scheduled', changes: [{ create: { id: 'u-team', kind: 'usage', tenant: 'lemgo', application: 'finanzwesen-lippe', sites: ['lemgo-rathaus'], users: 3 } }] }] },
      });
      assert.equal(w.statusCode, 201, w.body);
      assert.equal((await asOperator(b, { method: 'GET', url: '/api/v1/objects/u-team?at=2031-01-01' })).statusCode, 200);
      assert.equal(JSON.parse((await asOperator(b, { method: 'GET', url: '/api/v1/check?at=2031-01-01' })).body).summary.services, before + 1, 'the cached analysis of B saw the write of A');
    });

    test('the same ETag on both servers: exactly one update wins', async () => {
      const etag = (await asOperator(a.app, { method: 'GET', url: '/api/v1/objects/detmold' })).headers.etag as string;
      const results = await Promise.all(
        [a.app, b, a.app, b].map((app, i) => asOperator(app, { method: 'PATCH', url: '/api/v1/objects/detmold', payload: { fields: { notes: `writer ${i}` } }, headers: { 'if-match': etag } })),
      );
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412, 412, 412]);
    });

    test('concurrent writers of different objects on both servers: every write lands, none lost', async () => {
      const ids = Array.from({ length: 12 }, (_, i) => `team-org-${i}`);
      const results = await Promise.all(
        ids.map((id, i) => asOperator(i % 2 ? b : a.app, { method: 'POST', url: '/api/v1/objects', payload: { object: { id, kind: 'organization', name: id, type: 'vendor' }, changeset: { effective: '2030-01-01' } } })),
      );
      assert.deepEqual(results.map((r) => r.statusCode), ids.map(() => 201));
      for (const app of [a.app, b]) {
        const list = JSON.parse((await asOperator(app, { method: 'GET', url: '/api/v1/organizations?q=team-org&limit=100&at=2030-02-01' })).body);
        assert.equal(list.total, ids.length);
      }
    });
  });
}
