/**
 * Request bodies the API never misreads (issue 11, part 4): 5,000-deep nesting is 400, not a
 * stack overflow; text/plain is 415 as documented; `If-Match: *` matches any current
 * revision (RFC 9110); notes have a documented limit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const dialect = dialects[0]!; // the HTTP layer is the same on both dialects

describe('API input', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture(dialect);
  });
  after(() => f?.cleanup());

  test('a body nested 5,000 deep is 400 INVALID_INPUT, and the server goes on answering', async () => {
    // Sent as text: even serialising such a value overflows the stack.
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const [method, url, payload] of [
      ['PATCH', '/api/v1/objects/lemgo', `{"fields":{"capacity":${deep}},"changeset":{"effective":"2030-01-01"}}`],
      ['POST', '/api/v1/changesets', `{"changesets":[{"id":"cs-deep","title":"x","effective":"2030-01-01","status":"scheduled","changes":[{"update":{"id":"lemgo","notes":${deep}}}]}]}`],
      ['POST', '/api/v1/import', `{"organizations":[{"id":"deep-org","name":"x","type":"vendor","notes":${deep}}]}`],
    ] as const) {
      const r = await f.call('operator', { method, url, payload, headers: { 'content-type': 'application/json' } });
      assert.equal(r.statusCode, 400, `${method} ${url}: ${r.body.slice(0, 200)}`);
      assert.equal(JSON.parse(r.body).error.code, 'INVALID_INPUT');
      assert.match(JSON.parse(r.body).error.message, /nested more than 64 levels/);
    }
    assert.equal((await f.call('viewer', { method: 'GET', url: '/api/v1/objects/lemgo' })).statusCode, 200);
  });

  test('a text/plain body is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const r = await f.call('operator', { method: 'POST', url: '/api/v1/changesets', payload: '{"changesets":[]}', headers: { 'content-type': 'text/plain' } });
    assert.equal(r.statusCode, 415, r.body);
    assert.equal(JSON.parse(r.body).error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('If-Match: * matches any revision of an object or change set that exists', async () => {
    const patch = await f.call('operator', { method: 'PATCH', url: '/api/v1/objects/lemgo', payload: { fields: { notes: 'star' }, changeset: { effective: '2030-01-01' } }, headers: { 'if-match': '*' } });
    assert.equal(patch.statusCode, 200, patch.body);
    const missing = await f.call('operator', { method: 'PATCH', url: '/api/v1/objects/no-such-object', payload: { fields: { notes: 'x' } }, headers: { 'if-match': '*' } });
    assert.equal(missing.statusCode, 412, missing.body);
    await f.call('operator', { method: 'POST', url: '/api/v1/changesets', payload: { changesets: [{ id: 'cs-star', title: 'x', effective: '2031-01-01', status: 'scheduled', changes: [] }] } });
    const cs = await f.call('operator', { method: 'PATCH', url: '/api/v1/changesets/cs-star', payload: { status: 'cancelled' }, headers: { 'if-match': '*' } });
    assert.equal(cs.statusCode, 200, cs.body);
  });

  test('notes longer than 10,000 characters are refused', async () => {
    const r = await f.call('operator', { method: 'PATCH', url: '/api/v1/objects/lemgo', payload: { fields: { notes: 'x'.repeat(10_001) }, changeset: { effective: '2030-01-01' } } });
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(JSON.parse(r.body).error.details[0].field, 'notes');
    const cs = await f.call('operator', { method: 'POST', url: '/api/v1/changesets', payload: { changesets: [{ id: 'cs-long', title: 'x', notes: 'n'.repeat(10_001), effective: '2031-01-01', status: 'scheduled', changes: [] }] } });
    assert.equal(cs.statusCode, 400, cs.body);
  });
});
