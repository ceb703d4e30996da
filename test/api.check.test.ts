/**
 * `GET /check` in its summary form, filtered and paged (docs/api.md, "Check: summary,
 * filters, pages"); a tenant's check counts only its own services, whatever it asks for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

describe('GET /check', () => {
  let api: ApiFixture;
  before(async () => {
    api = await apiFixture(dialects[0]!);
  });
  after(async () => {
    await api.cleanup();
  });
  const get = async (as: 'viewer' | 'tenant', url: string) => {
    const r = await api.call(as, { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };

  test('the summary form: counts and SPOFs without lists; the same counts as the full form', async () => {
    const full = await get('viewer', '/api/v1/check?breaksLimit=100&network=lists');
    const summary = await get('viewer', '/api/v1/check?form=summary');
    assert.deepEqual(summary.summary, full.summary);
    assert.deepEqual(summary.services, []);
    assert.equal(summary.page.services.total, full.summary.services);
    assert.deepEqual(
      summary.spofs.map((s: { element: string; broken: number; breaks: unknown[] }) => [s.element, s.broken, s.breaks.length]),
      full.spofs.map((s: { element: string; broken: number }) => [s.element, s.broken, 0]),
    );
    // The full form lists at most 100 broken services per SPOF by default.
    assert.ok(full.spofs.some((s: { broken: number; breaks: unknown[] }) => s.broken > 100 && s.breaks.length === 100));
    assert.deepEqual([summary.network.articulationPoints, summary.network.bridges], [[], []]);
    assert.equal(summary.network.nodes, full.network.nodes);
    assert.ok(full.network.articulationPoints.length > 0, 'network=lists lists them');
    assert.ok(summary.page.spofs.total > 0);
    assert.equal(summary.page.spofs.total, summary.summary.open + summary.summary.accepted);
  });

  test('filtered and paged; bad paging is a 400 naming the field', async () => {
    const r = await get('viewer', '/api/v1/check?tenant=lemgo&verdict=failing&limit=2&offset=1');
    assert.equal(r.services.length, 2);
    assert.deepEqual(r.page.services, { offset: 1, limit: 2, total: r.summary.services });
    assert.ok(r.services.every((s: { tenant: string; survives: boolean }) => s.tenant === 'lemgo' && !s.survives));
    // Any offset is fine (past the end: an empty page); a page is at most 10,000.
    const past = await get('viewer', '/api/v1/check?offset=20000');
    assert.deepEqual([past.services, past.page.services.offset], [[], 20000]);
    const bad = await api.call('viewer', { method: 'GET', url: '/api/v1/check?limit=100000' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /limit/);
  });

  test('a tenant counts only its own services, even when it names another tenant', async () => {
    const own = await get('tenant', '/api/v1/check?form=summary');
    const other = await get('tenant', '/api/v1/check?tenant=paderborn');
    const lemgo = await get('viewer', '/api/v1/check?tenant=lemgo');
    assert.deepEqual(own.summary, lemgo.summary);
    assert.deepEqual(other.summary, lemgo.summary);
    assert.ok(other.services.every((s: { tenant: string }) => s.tenant === 'lemgo'));
    assert.ok(other.spofs.every((s: { tenants: { tenant: string }[] }) => s.tenants.every((t) => t.tenant === 'lemgo')));
  });
});
