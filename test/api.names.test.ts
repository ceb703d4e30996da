/**
 * `GET /api/v1/names`: the names of many objects in one request, scoped like the object reads —
 * checked against `GET /objects/{id}` one id at a time for staff and for two tenants (a tenant
 * must not learn the name of an object it cannot read), at dates and with a plan. On SQLite and
 * PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture, type Caller } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const json = (body: string): any => JSON.parse(body); // eslint-disable-line @typescript-eslint/no-explicit-any

for (const dialect of dialects) describe(`API: names in a batch (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
  let f: ApiFixture;
  let ids: string[];
  before(async () => {
    f = await apiFixture(dialect);
    const kinds = ['sites', 'devices', 'applications', 'organizations', 'usages', 'links'];
    ids = [];
    for (const k of kinds) ids.push(...json((await f.call('viewer', { method: 'GET', url: `/api/v1/${k}?limit=40` })).body).items.map((o: { id: string }) => o.id));
    ids.push('no-such-object');
  });
  after(() => f?.cleanup());

  const batch = async (as: Caller | 'tenant2', list: readonly string[], view = '') => {
    const r = await f.call(as, { method: 'GET', url: `/api/v1/names?ids=${list.map(encodeURIComponent).join(',')}${view}` });
    assert.equal(r.statusCode, 200, r.body);
    return json(r.body).names as Record<string, string | null>;
  };

  for (const as of ['viewer', 'tenant', 'tenant2'] as const) {
    test(`${as}: exactly the names GET /objects/{id} answers, nothing of what it cannot read`, async () => {
      const expected: Record<string, string | null> = {};
      for (const id of ids) {
        const r = await f.call(as, { method: 'GET', url: `/api/v1/objects/${encodeURIComponent(id)}` });
        if (r.statusCode === 200) expected[id] = json(r.body).name ?? null;
        else assert.equal(r.statusCode, 404, r.body);
      }
      const got: Record<string, string | null> = {};
      for (let i = 0; i < ids.length; i += 100) Object.assign(got, await batch(as, ids.slice(i, i + 100)));
      assert.deepEqual(got, expected);
      if (as !== 'viewer') assert.ok(Object.keys(got).length < ids.length - 1, 'a tenant sees only part of the estate');
    });
  }

  test('a view: names as they were at a date', async () => {
    const at = '2017-01-01';
    const expected: Record<string, string | null> = {};
    for (const id of ids.slice(0, 60)) {
      const r = await f.call('viewer', { method: 'GET', url: `/api/v1/objects/${encodeURIComponent(id)}?at=${at}` });
      if (r.statusCode === 200) expected[id] = json(r.body).name ?? null;
    }
    assert.deepEqual(await batch('viewer', ids.slice(0, 60), `&at=${at}`), expected);
  });

  test('a plan: names as the plan has them (staff at the baseline read the version index, a plan its view)', async () => {
    const view = '&at=2028-01-01&plan=joint-finance';
    const expected: Record<string, string | null> = {};
    for (const id of ids.slice(0, 80)) {
      const r = await f.call('viewer', { method: 'GET', url: `/api/v1/objects/${encodeURIComponent(id)}?${view.slice(1)}` });
      if (r.statusCode === 200) expected[id] = json(r.body).name ?? null;
    }
    assert.deepEqual(await batch('viewer', ids.slice(0, 80), view), expected);
  });

  test('bad input: too many ids, a malformed id, none; signed out', async () => {
    const many = Array.from({ length: 201 }, (_, i) => `x${i}`);
    const r = await f.call('viewer', { method: 'GET', url: `/api/v1/names?ids=${many.join(',')}` });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(json(r.body).error.message, /at most 200/);
    const bad = await f.call('viewer', { method: 'GET', url: '/api/v1/names?ids=ok,Not%20An%20Id' });
    assert.equal(bad.statusCode, 400);
    assert.match(json(bad.body).error.message, /"Not An Id"/);
    assert.equal((await f.call('viewer', { method: 'GET', url: '/api/v1/names' })).statusCode, 400);
    assert.equal((await f.call('anonymous', { method: 'GET', url: '/api/v1/names?ids=lemgo' })).statusCode, 401);
  });
});
