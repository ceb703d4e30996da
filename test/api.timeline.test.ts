/**
 * The timeline as the web UI reads it, a date at a time: `GET /timeline` (the dates where a
 * view changes) against the change sets themselves, `GET /changesets?effective` (one date's
 * change sets), and `GET /diff` — read from the version index for the baseline — against a
 * brute-force comparison of the two whole estates, for every pair of neighbouring dates,
 * reversed and far apart, of the OWL-IT example (baseline and a plan) and of a generated
 * estate. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { EstateService } from '../src/service/EstateService.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

type Header = { id: string; effectiveKey: string; status: string; plan: string | null };

/** What changed between two instants, by comparing every object of the two estates. */
async function bruteDiff(service: EstateService, from: string, to: string, plan?: string) {
  const [a, b] = [(await service.estate({ at: from, plan })).estate, (await service.estate({ at: to, plan })).estate];
  const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
  const added = [...b.values()].filter((o) => !a.has(o.id)).sort(byId);
  const removed = [...a.values()].filter((o) => !b.has(o.id)).sort(byId);
  const changed: { id: string; kind: string; fields: { field: string; from: unknown; to: unknown }[] }[] = [];
  for (const o of b.values()) {
    const old = a.get(o.id);
    if (!old) continue;
    const fields = [...new Set([...Object.keys(old), ...Object.keys(o)])]
      .filter((k) => JSON.stringify((old as Record<string, unknown>)[k]) !== JSON.stringify((o as Record<string, unknown>)[k]))
      .map((k) => ({ field: k, from: (old as Record<string, unknown>)[k], to: (o as Record<string, unknown>)[k] }));
    if (fields.length) changed.push({ id: o.id, kind: o.kind, fields });
  }
  return { added, removed, changed: changed.sort(byId) };
}

/** The objects of a diff as JSON compares them (absent fields stay absent). */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

/** Pairs of instants to diff: each date and the one before, reversed, and the first and last. */
function pairsOf(dates: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 1; i < dates.length; i++) pairs.push([dates[i - 1]!, dates[i]!]);
  pairs.push([dates[dates.length - 1]!, dates[0]!], [dates[0]!, dates[dates.length - 1]!], [dates[1]!, dates[dates.length - 2]!]);
  return pairs;
}

for (const dialect of dialects) {
  describe(`timeline a date at a time (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let f: ApiFixture;
    let service: EstateService;
    const get = async (url: string) => {
      const r = await f.call('viewer', { method: 'GET', url });
      return { status: r.statusCode, body: JSON.parse(r.body) };
    };
    before(async () => {
      f = await apiFixture(dialect);
      service = new EstateService(f.store, 'test');
    });
    after(() => f?.cleanup());

    for (const plan of [undefined, 'joint-finance']) {
      test(`GET /timeline: the view's dates with their change sets, as GET /changesets lists them${plan ? ` (plan ${plan})` : ''}`, async () => {
        const all = (await get('/api/v1/changesets?limit=1000')).body.items as Header[];
        const mine = all.filter((h) => h.status === 'done' || h.status === 'scheduled' || (plan && h.plan === plan && h.status === 'proposed'));
        const expected = [...new Set(mine.map((h) => h.effectiveKey))].sort().map((at) => ({ at, changesets: mine.filter((h) => h.effectiveKey === at).length }));
        const r = await get(`/api/v1/timeline${plan ? `?plan=${plan}` : ''}`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, { plan: plan ?? null, dates: expected });
        for (const { at } of expected) {
          const one = (await get(`/api/v1/changesets?effective=${encodeURIComponent(at)}&limit=1000`)).body.items as Header[];
          assert.deepEqual(one.map((h) => h.id), all.filter((h) => h.effectiveKey === at).map((h) => h.id), at);
        }
      });

      test(`GET /diff of neighbouring, reversed and distant dates equals comparing the whole estates${plan ? ` (plan ${plan})` : ''}`, async () => {
        const dates = ((await get(`/api/v1/timeline${plan ? `?plan=${plan}` : ''}`)).body.dates as { at: string }[]).map((d) => d.at);
        assert.ok(dates.length > 5);
        for (const [from, to] of pairsOf(dates)) {
          const r = await get(`/api/v1/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${plan ? `&plan=${plan}` : ''}`);
          assert.equal(r.status, 200, r.body.error?.message);
          const expected = await bruteDiff(service, from, to, plan);
          assert.deepEqual({ added: r.body.added, removed: r.body.removed, changed: r.body.changed }, plain(expected), `${from} → ${to}`);
          assert.deepEqual([r.body.from, r.body.to], [from, to]);
        }
      });
    }

    test('a date is its midnight; a bad date and an unknown plan are refused', async () => {
      const day = (await get('/api/v1/changesets?effective=2018-09-29&limit=1000')).body.items as Header[];
      assert.deepEqual(day.map((h) => h.effectiveKey), day.map(() => '2018-09-29T00:00:00.000Z'));
      assert.ok(day.length > 0);
      const bad = await get('/api/v1/changesets?effective=yesterday');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'INVALID_DATE');
      assert.equal((await get('/api/v1/timeline?plan=no-such-plan')).status, 404);
    });

    test('a generated estate (creations, updates and deletions at every date): each step of the service’s diff equals the brute force', async () => {
      const { store, cleanup } = await dialect.fresh();
      try {
        const generated = new EstateService(store, 'test');
        const read = toEstateDocument(JSON.parse(JSON.stringify(generateEstate({ preset: 'small', seed: 3 }))), 'generated.json');
        assert.deepEqual(read.problems, []);
        await generated.importDocument(read.doc, {}, read.problems);
        const dates = (await generated.timelineDates()).map((d) => d.at);
        assert.ok(dates.length > 5);
        let objects = 0;
        for (const [from, to] of pairsOf(dates)) {
          const d = await generated.diff(from, to);
          const expected = await bruteDiff(generated, from, to);
          assert.deepEqual(plain({ added: d.added, removed: d.removed, changed: d.changed }), plain(expected), `${from} → ${to}`);
          objects += d.added.length + d.removed.length + d.changed.length;
        }
        assert.ok(objects > 0, 'the steps change something');
      } finally {
        await cleanup();
      }
    });
  });
}

