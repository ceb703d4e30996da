/**
 * Ordering a list route (`?sort=field`, `?sort=-field`) on the server, as the UI's list pages
 * page through it: checked against an independent sort of the whole list (numbers by value,
 * texts by German collation, absent values last, ties by id), across pages, with filters and
 * search, and a field the kind cannot be ordered by refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

type Item = Record<string, unknown> & { id: string };
const sqlite = dialects.find((d) => d.name === 'sqlite')!;

describe('list routes: server-side order', () => {
  let f: ApiFixture;
  const list = async (url: string) => {
    const r = await f.call('viewer', { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return JSON.parse(r.body) as { items: Item[]; total: number };
  };
  before(async () => {
    f = await apiFixture(sqlite);
  });
  after(async () => f?.cleanup());

  /** The reference order: an independent comparison on the whole list. */
  const reference = (items: Item[], field: string, desc: boolean) => {
    const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
    const present = items.filter((o) => o[field] !== undefined);
    const absent = items.filter((o) => o[field] === undefined).sort((a, b) => (a.id < b.id ? -1 : 1));
    present.sort((a, b) => {
      const x = a[field];
      const y = b[field];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return (desc ? -c : c) || (a.id < b.id ? -1 : 1);
    });
    return [...present, ...absent].map((o) => o.id);
  };

  for (const [route, field] of [['sites', 'name'], ['links', 'length_km'], ['applications', 'status'], ['devices', 'role']] as const) {
    for (const desc of [false, true]) {
      test(`/${route}?sort=${desc ? '-' : ''}${field}, page by page`, async () => {
        const all = (await list(`/api/v1/${route}?limit=1000`)).items;
        const expected = reference(all, field, desc);
        const got: string[] = [];
        for (let offset = 0; offset < all.length; offset += 7) got.push(...(await list(`/api/v1/${route}?sort=${desc ? '-' : ''}${field}&limit=7&offset=${offset}`)).items.map((o) => o.id));
        assert.deepEqual(got, expected);
      });
    }
  }

  test('order with a filter and a search', async () => {
    const r = await list('/api/v1/devices?site=lemgo-dc&q=cluster&sort=-name');
    assert.ok(r.total >= 2);
    assert.deepEqual(r.items.map((o) => o.id), reference(r.items, 'name', true));
  });

  test('a field the kind has no order for is refused at the parameter', async () => {
    const r = await f.call('viewer', { method: 'GET', url: '/api/v1/sites?sort=location' });
    assert.equal(r.statusCode, 400);
    assert.match(JSON.parse(r.body).error.code, /INVALID_INPUT/);
  });
});
