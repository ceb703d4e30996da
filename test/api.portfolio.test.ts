/**
 * The aggregated lists of the API (`GET /portfolio`, `GET /tenants`) against an independent
 * reference built from the plain list routes, as the web UI built it before (every
 * application, usage and device): the rows at several dates and with a plan, the search,
 * filters, orders and pages, the worst availability against `GET /availability`, and who
 * may ask. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture, type Caller } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

type Obj = Record<string, unknown> & { id: string };
interface Row {
  id: string;
  name?: string;
  category?: string;
  product?: string;
  operator?: string;
  status: string;
  instances: { id: string; site: string | null }[];
  sites: string[];
  usages: number;
  tenants: number;
  target_availability?: number;
  availability?: number;
}

const statuses = ['planned', 'legacy', 'migrating', 'migrated', 'joint', 'retired'];

for (const dialect of dialects) {
  describe(`portfolio and tenants (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let f: ApiFixture;
    const get = async (url: string, as: Caller = 'viewer') => {
      const r = await f.call(as, { method: 'GET', url });
      return { status: r.statusCode, body: JSON.parse(r.body) };
    };
    const all = async (kind: string, view: string): Promise<Obj[]> => (await get(`/api/v1/${kind}?limit=1000&${view}`)).body.items;

    /** The rows as the UI computed them from the lists: instances' sites from the devices, tenants from the usages. */
    const reference = async (view: string): Promise<Row[]> => {
      const [apps, usages, devices] = await Promise.all([all('applications', view), all('usages', view), all('devices', view)]);
      const siteOf = new Map(devices.map((d) => [d.id, d.site as string]));
      return apps.map((a) => {
        const mine = usages.filter((u) => u.application === a.id);
        const instances = ((a.instances as string[] | undefined) ?? []).map((id) => ({ id, site: siteOf.get(id) ?? null }));
        const row: Row = {
          id: a.id,
          status: (a.status as string | undefined) ?? 'legacy',
          instances,
          sites: [...new Set(instances.map((i) => i.site).filter((s): s is string => s !== null))],
          usages: mine.length,
          tenants: new Set(mine.map((u) => u.tenant)).size,
        };
        for (const k of ['name', 'category', 'product', 'operator', 'target_availability'] as const) if (a[k] !== undefined) (row as unknown as Record<string, unknown>)[k] = a[k];
        return row;
      });
    };

    before(async () => {
      f = await apiFixture(dialect);
    });
    after(() => f?.cleanup());

    for (const view of ['at=2018-03-01', 'at=2019-06-01', 'at=2028-01-01', 'at=2028-01-01&plan=joint-finance']) {
      test(`every row as the lists say (${view})`, async () => {
        const r = await get(`/api/v1/portfolio?${view}&limit=1000`);
        assert.equal(r.status, 200);
        const expected = await reference(view);
        assert.deepEqual(r.body.items, expected);
        assert.equal(r.body.total, expected.length);
        assert.equal(r.body.applications, expected.length);
        assert.equal(r.body.availability, false);
        const distinct = (k: 'category' | 'product') => [...new Set(expected.map((x) => x[k]).filter((v) => v !== undefined))].sort((a, b) => a!.localeCompare(b!, 'de'));
        assert.deepEqual(r.body.categories, distinct('category'));
        assert.deepEqual(r.body.products, distinct('product'));
      });
    }

    test('the plan changes the rows: joint-finance retires finanzwesen-lippe and moves its usages', async () => {
      const base = (await get('/api/v1/portfolio?at=2028-01-01&q=finanzwesen')).body.items as Row[];
      const plan = (await get('/api/v1/portfolio?at=2028-01-01&plan=joint-finance&q=finanzwesen')).body.items as Row[];
      const lippe = (rows: Row[]) => rows.find((x) => x.id === 'finanzwesen-lippe')!;
      assert.notEqual(lippe(base).status, 'retired');
      assert.equal(lippe(plan).status, 'retired');
      assert.ok(lippe(plan).usages < lippe(base).usages);
    });

    test('a second usage by the same tenant counts as a usage, not as a tenant; the write is seen at once', async () => {
      const before = ((await get('/api/v1/portfolio?at=2031-01-01&q=finanzwesen-lippe')).body.items as Row[])[0]!;
      const w = await f.call('operator', {
        method: 'POST',
        url: '/api/v1/objects',
        payload: { object: { id: 'u-lemgo-finanzwesen-2', kind: 'usage', tenant: 'lemgo', application: 'finanzwesen-lippe', sites: ['lemgo-rathaus'], users: 3 }, changeset: { effective: '2030-06-01' } },
      });
      assert.equal(w.statusCode, 201, w.body);
      const after = ((await get('/api/v1/portfolio?at=2031-01-01&q=finanzwesen-lippe')).body.items as Row[])[0]!;
      assert.deepEqual([after.usages, after.tenants], [before.usages + 1, before.tenants]);
      assert.deepEqual((await get('/api/v1/portfolio?at=2031-01-01&limit=1000')).body.items, await reference('at=2031-01-01'));
      const lemgo = ((await get('/api/v1/tenants?at=2031-01-01')).body.items as { id: string; usages: number; services: number }[]).find((t) => t.id === 'lemgo')!;
      const lemgoBefore = ((await get('/api/v1/tenants?at=2030-01-01')).body.items as { id: string; usages: number; services: number }[]).find((t) => t.id === 'lemgo')!;
      assert.deepEqual([lemgo.usages, lemgo.services], [lemgoBefore.usages + 1, lemgoBefore.services + 1]);
    });

    test('search, filters, every order both ways and the pages agree with an independent filter and sort', async () => {
      const view = 'at=2028-01-01';
      const rows = await reference(view);
      const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
      const keyOf = (x: Row, key: string): string | number | undefined =>
        key === 'name' ? (x.name ?? x.id) : key === 'status' ? statuses.indexOf(x.status) : (x as unknown as Record<string, string | number | undefined>)[key];
      const ordered = (list: Row[], key: string, desc: boolean) => {
        const present = list.filter((x) => keyOf(x, key) !== undefined);
        const absent = list.filter((x) => keyOf(x, key) === undefined);
        present.sort((a, b) => {
          const [x, y] = [keyOf(a, key)!, keyOf(b, key)!];
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
          return (desc ? -c : c) || (a.id < b.id ? -1 : 1);
        });
        return [...present, ...absent.sort((a, b) => (a.id < b.id ? -1 : 1))].map((x) => x.id);
      };
      for (const key of ['id', 'name', 'category', 'product', 'operator', 'status', 'usages', 'tenants', 'target_availability']) {
        for (const desc of [false, true]) {
          const got: string[] = [];
          for (let offset = 0; offset < rows.length; offset += 5) got.push(...(await get(`/api/v1/portfolio?${view}&sort=${desc ? '-' : ''}${key}&limit=5&offset=${offset}`)).body.items.map((x: Row) => x.id));
          assert.deepEqual(got, ordered(rows, key, desc), `sort=${desc ? '-' : ''}${key}`);
        }
      }
      const cases: [string, (x: Row) => boolean][] = [
        ['q=FINANZ', (x) => x.id.includes('finanz') || (x.name ?? '').toLowerCase().includes('finanz') || (x.product ?? '').toLowerCase().includes('finanz')],
        ['q=infoma', (x) => (x.product ?? '').toLowerCase().includes('infoma') || (x.name ?? '').toLowerCase().includes('infoma') || x.id.includes('infoma')],
        ['status=legacy', (x) => x.status === 'legacy'],
        ['status=migrated,joint', (x) => x.status === 'migrated' || x.status === 'joint'],
        [`category=${encodeURIComponent(rows.find((x) => x.category)!.category!)}`, (x) => x.category === rows.find((y) => y.category)!.category],
        [`product=${encodeURIComponent(rows.find((x) => x.product)!.product!)}&status=legacy,migrated`, (x) => x.product === rows.find((y) => y.product)!.product && (x.status === 'legacy' || x.status === 'migrated')],
      ];
      for (const [query, keep] of cases) {
        const r = await get(`/api/v1/portfolio?${view}&${query}&sort=-tenants&limit=1000`);
        const expected = rows.filter(keep);
        assert.ok(expected.length > 0, query);
        assert.deepEqual(r.body.items.map((x: Row) => x.id), ordered(expected, 'tenants', true), query);
        assert.equal(r.body.total, expected.length, query);
        assert.equal(r.body.applications, rows.length, query);
      }
    });

    test('with availability: the worst of its services, as GET /availability says, and ordered by it', async () => {
      const view = 'at=2028-01-01';
      const avail = (await get(`/api/v1/availability?${view}&maxOrder=2`)).body as { services: { application: string; availability: number }[] };
      const worst = new Map<string, number>();
      for (const s of avail.services) worst.set(s.application, Math.min(worst.get(s.application) ?? 1, s.availability));
      const r = await get(`/api/v1/portfolio?${view}&availability=true&sort=availability&limit=1000`);
      assert.equal(r.body.availability, true);
      const items = r.body.items as Row[];
      assert.ok(worst.size > 0);
      for (const x of items) assert.equal(x.availability, worst.get(x.id), x.id);
      const values = items.map((x) => x.availability).filter((v) => v !== undefined) as number[];
      assert.deepEqual(values, [...values].sort((a, b) => a - b));
      assert.ok(items.slice(values.length).every((x) => x.availability === undefined), 'applications without services last');
    });

    test('tenants: every organization with usages, by name, with its usages and services', async () => {
      const view = 'at=2019-06-01';
      const [orgs, usages] = await Promise.all([all('organizations', view), all('usages', view)]);
      const r = await get(`/api/v1/tenants?${view}`);
      assert.equal(r.status, 200);
      const expected = orgs
        .filter((o) => usages.some((u) => u.tenant === o.id))
        .map((o) => {
          const mine = usages.filter((u) => u.tenant === o.id);
          return { id: o.id, name: o.name, usages: mine.length, services: mine.reduce((n, u) => n + (u.sites as string[]).length, 0) };
        })
        .sort((a, b) => String(a.name).localeCompare(String(b.name), 'de'));
      assert.deepEqual(r.body.items, expected);
    });

    test('bad input is refused at its parameter; tenants get 404, anonymous 401', async () => {
      for (const q of ['sort=location', 'limit=0', 'limit=1001', 'availability=maybe', 'colour=red']) {
        const r = await get(`/api/v1/portfolio?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.body.error.code, 'INVALID_INPUT', q);
      }
      assert.equal((await get('/api/v1/portfolio?plan=no-such-plan')).status, 404);
      for (const route of ['/api/v1/portfolio', '/api/v1/tenants']) {
        assert.equal((await get(route, 'tenant')).status, 404, route);
        assert.equal((await get(route, 'anonymous')).status, 401, route);
      }
    });
  });
}
