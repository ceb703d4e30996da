/**
 * The API's resources and analyses against the service layer on the OWL-IT example; error
 * mapping (malformed, oversized, wrong types, unknown fields, SQL-looking strings: 4xx with
 * a catalogue code, nothing written); tenant isolation; If-Match on change sets; the
 * OpenAPI document. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { errorCatalogue } from '../src/model/errors.js';
import { AnalysisService } from '../src/service/AnalysisService.js';
import { EstateService } from '../src/service/EstateService.js';
import { apiFixture, type ApiFixture, type Caller } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const json = (body: string): any => JSON.parse(body); // eslint-disable-line @typescript-eslint/no-explicit-any

for (const dialect of dialects) {
  describe(`API (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let f: ApiFixture;
    let service: EstateService;
    const get = async (as: Caller | 'tenant2', url: string): Promise<{ status: number; body: any; headers: Record<string, unknown> }> => {
      const r = await f.call(as, { method: 'GET', url });
      return { status: r.statusCode, body: json(r.body), headers: r.headers };
    };
    const changeSetCount = async (): Promise<number> => (await service.changeSets()).length;

    before(async () => {
      f = await apiFixture(dialect, { bodyLimit: 64 * 1024 });
      service = new EstateService(f.store, 'test');
    });
    after(() => f?.cleanup());

    test('lists every kind at a date, exactly as the service reads it, with paging and a total', async () => {
      const all = await service.list('device', { at: '2019-06-01' });
      const r = await get('viewer', '/api/v1/devices?at=2019-06-01&limit=1000');
      assert.equal(r.status, 200);
      assert.equal(r.body.total, all.length);
      assert.deepEqual(r.body.items, all);
      const p = await get('viewer', '/api/v1/devices?at=2019-06-01&limit=5&offset=5');
      assert.deepEqual(p.body.items, all.slice(5, 10));
      assert.deepEqual([p.body.limit, p.body.offset, p.body.total], [5, 5, all.length]);
      for (const kind of ['organizations', 'sites', 'risk-groups', 'links', 'applications', 'usages']) assert.ok((await get('viewer', `/api/v1/${kind}`)).body.total > 0, kind);
    });

    test('filters by field (several values comma-separated), tag and q', async () => {
      const routers = (await get('viewer', '/api/v1/devices?site=lemgo-dc&role=router&limit=1000')).body.items;
      assert.ok(routers.length > 0);
      assert.ok(routers.every((d: { site: string; role: string }) => d.site === 'lemgo-dc' && d.role === 'router'));
      const both = (await get('viewer', '/api/v1/devices?role=router,firewall&limit=1000')).body.items;
      assert.ok(both.some((d: { role: string }) => d.role === 'firewall') && both.some((d: { role: string }) => d.role === 'router'));
      const users = (await get('viewer', '/api/v1/usages?sites=pb-rathaus&limit=1000')).body.items;
      assert.ok(users.length > 1 && users.every((u: { sites: string[] }) => u.sites.includes('pb-rathaus')));
      const q = (await get('viewer', '/api/v1/sites?q=RATHAUS%20PADER')).body.items;
      assert.ok(q.length >= 1 && q.every((s: { id: string; name: string }) => s.name.toLowerCase().includes('rathaus pader')));
      assert.equal((await get('viewer', '/api/v1/devices?role=router&q=%27%20OR%201%3D1%20--')).body.total, 0);
    });

    test('one object with an ETag; history; diff; plans overlay', async () => {
      const r = await get('viewer', '/api/v1/objects/finanzwesen?at=2018-06-01');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, await service.get('finanzwesen', { at: '2018-06-01' }));
      assert.match(String(r.headers.etag), /^"\d+\.[\w-]+"$/);
      const again = await f.call('viewer', { method: 'GET', url: '/api/v1/objects/finanzwesen?at=2018-06-01', headers: { 'if-none-match': String(r.headers.etag) } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const later = await get('viewer', '/api/v1/objects/finanzwesen?at=2021-06-01');
      assert.notEqual(later.headers.etag, r.headers.etag, 'the ETag changes with the content');
      const h = await get('viewer', '/api/v1/objects/finanzwesen/history');
      assert.equal(h.body.versions.length, (await service.history('finanzwesen')).versions.length);
      const d = await get('viewer', '/api/v1/diff?from=2019-01-01&to=2020-01-01');
      assert.equal(d.body.changesets.length, (await service.diff('2019-01-01', '2020-01-01')).changesets.length);
      const plan = await get('viewer', '/api/v1/check?plan=zweite-hauseinfuehrung&at=2028-01-01');
      assert.equal(plan.body.plan, 'zweite-hauseinfuehrung');
      assert.equal((await get('viewer', '/api/v1/objects/finanzwesen?plan=no-such-plan')).body.error.code, 'UNKNOWN_PLAN');
      assert.equal((await get('viewer', '/api/v1/objects/no-such-thing')).status, 404);
    });

    test('analyses answer what the analysis service answers', async () => {
      const analysis = new AnalysisService(service);
      const at = '2021-06-01';
      const checked = (await get('viewer', `/api/v1/check?at=${at}`)).body;
      // The API's default page (docs/api.md): at most 1000 services, 100 SPOFs, 10 services per SPOF.
      const direct = await analysis.check({ at }, { limit: 1000, spofLimit: 100, breaksLimit: 10, networkCounts: true });
      assert.deepEqual(checked.summary, direct.summary);
      // The verdicts and accepted risks come through the response schema whole.
      assert.deepEqual(checked.services, direct.services);
      assert.deepEqual(checked.spofs, direct.spofs);
      assert.deepEqual(checked.applications, direct.applications);
      assert.equal(checked.spofs.find((x: { element: string }) => x.element === 'lemgo-dc').acceptance.id, 'ra-lemgo-dc-einziges-rz');
      assert.deepEqual(checked.georedundancy, { minimumKm: 100, recommendedKm: 200 });
      const parallel = (await get('viewer', '/api/v1/check?at=2019-03-05&geoMinimumKm=20&geoRecommendedKm=30')).body;
      assert.deepEqual(parallel.georedundancy, { minimumKm: 20, recommendedKm: 30 });
      assert.equal(parallel.applications.find((x: { application: string }) => x.application === 'finanzwesen').datacenters.flag, 'ok', 'Lemgo–Paderborn is 35 km apart');
      assert.equal((await get('viewer', '/api/v1/check?geoMinimumKm=300')).status, 400);
      const w = await f.call('viewer', { method: 'POST', url: `/api/v1/what-if?at=${at}`, payload: { fail: ['duct-lemgo-nord'] } });
      const expected = await analysis.whatIf(['duct-lemgo-nord'], { at });
      // An id that does not exist at that date is refused, named, never answered with 0 down.
      const unknown = await f.call('viewer', { method: 'POST', url: '/api/v1/what-if?at=2017-06-01', payload: { fail: ['duct-lemgo-nord', 'trench-detmolder-str'] } });
      assert.equal(unknown.statusCode, 404);
      const message = '"trench-detmolder-str" does not exist at this date';
      assert.deepEqual(json(unknown.body).error, { code: 'NOT_FOUND', message, details: [{ code: 'NOT_FOUND', message, id: 'trench-detmolder-str' }] });
      assert.deepEqual(json(w.body).down, expected.down);
      assert.deepEqual(json(w.body).byTenant, expected.byTenant);
      const p = await get('viewer', `/api/v1/paths?at=${at}&from=pb-rathaus&to=finanzwesen`);
      assert.equal(p.body.status, (await analysis.paths('pb-rathaus', 'finanzwesen', { at })).status);
      const a = await get('viewer', `/api/v1/availability?at=${at}&tenant=paderborn&maxOrder=2`);
      assert.deepEqual(a.body.summary, (await analysis.availability({ at, tenant: 'paderborn', maxOrder: 2 })).summary);
      const t = await get('viewer', '/api/v1/timeline-check');
      assert.equal(t.body.steps.length, (await analysis.timelineCheck()).steps.length);
    });

    test('a tenant sees its usages, their sites and applications; everything else is 404', async () => {
      const usages = (await get('tenant', '/api/v1/usages?limit=1000')).body.items;
      assert.ok(usages.length > 0 && usages.every((u: { tenant: string }) => u.tenant === 'lemgo'));
      const sites = (await get('tenant', '/api/v1/sites?limit=1000')).body.items.map((s: { id: string }) => s.id);
      assert.deepEqual(sites, ['lemgo-rathaus']);
      assert.equal((await get('tenant', '/api/v1/devices')).body.total, 0);
      assert.equal((await get('tenant', '/api/v1/organizations')).body.items[0].id, 'lemgo');
      assert.equal((await get('tenant', '/api/v1/organizations')).body.total, 1);
      // Another tenant's usage, a device, a site: as absent as an id that does not exist.
      const missing = await get('tenant', '/api/v1/objects/no-such-object');
      for (const id of ['u-paderborn-finanzwesen', 'lem-rt-1', 'pb-rathaus', 'paderborn']) {
        const r = await get('tenant', `/api/v1/objects/${id}`);
        assert.equal(r.status, 404, id);
        assert.deepEqual(r.body.error.details, missing.body.error.details);
        assert.equal(r.body.error.message.replace(id, 'X'), missing.body.error.message.replace('no-such-object', 'X'));
        assert.equal((await get('tenant', `/api/v1/objects/${id}/history`)).status, 404);
      }
      assert.equal((await get('tenant', '/api/v1/objects/u-lemgo-finanzwesen')).status, 200);
      assert.equal((await get('tenant', '/api/v1/usages?q=paderborn')).body.total, 0);
      assert.equal((await get('tenant', '/api/v1/usages?tenant=paderborn')).body.total, 0);
      assert.equal((await get('tenant2', '/api/v1/objects/u-lemgo-finanzwesen')).status, 404);
      for (const url of ['/api/v1/objects/u-lemgo-finanzwesen?plan=nope', '/api/v1/check?plan=nope', '/api/v1/availability?plan=nope', '/api/v1/usages?plan=zweite-hauseinfuehrung', '/api/v1/check?plan=zweite-hauseinfuehrung']) {
        const r = await get('tenant', url);
        assert.equal(r.status, 404, url);
        assert.doesNotMatch(r.body.error.message, /plans are|joint-finance/, `${url}: a tenant is not told which plans exist`);
      }
    });

    test('a tenant\'s analyses cover its services only', async () => {
      const c = (await get('tenant', '/api/v1/check?at=2021-06-01')).body;
      assert.ok(c.services.length > 0 && c.services.every((s: { tenant: string }) => s.tenant === 'lemgo'));
      assert.ok(c.spofs.every((sp: { breaks: { tenant: string }[]; tenants: { tenant: string }[] }) => sp.breaks.every((b) => b.tenant === 'lemgo') && sp.tenants.every((t) => t.tenant === 'lemgo')));
      assert.equal(c.summary.services, c.services.length);
      assert.equal(c.summary.redundant, c.services.filter((s: { redundant: boolean }) => s.redundant).length);
      assert.equal(c.summary.open + c.summary.accepted, c.spofs.length);
      assert.deepEqual(c.network.articulationPoints, []);
      // A tenant fails its own sites and what breaks its services; any other id does not exist for it.
      for (const fail of [['lemgo-dc', 'no-such-element'], ['pb-rathaus']]) {
        const refused = await f.call('tenant', { method: 'POST', url: '/api/v1/what-if?at=2021-06-01', payload: { fail } });
        assert.equal(refused.statusCode, 404, fail.join());
        assert.deepEqual(json(refused.body).error.details.map((d: { id: string; message: string }) => [d.id, d.message]), [[fail.at(-1), `"${fail.at(-1)}" does not exist at this date`]]);
      }
      const w = json((await f.call('tenant', { method: 'POST', url: '/api/v1/what-if?at=2021-06-01', payload: { fail: ['lemgo-dc'] } })).body);
      assert.ok(w.down.length > 0 && w.down.every((s: { tenant: string }) => s.tenant === 'lemgo'));
      assert.deepEqual(w.byTenant.map((t: { tenant: string }) => t.tenant), ['lemgo']);
      assert.deepEqual([w.unresolved, w.components], [[], []]);
      const a = (await get('tenant', '/api/v1/availability?at=2021-06-01&tenant=paderborn&maxOrder=1')).body;
      assert.ok(a.services.length > 0 && a.services.every((s: { tenant: string }) => s.tenant === 'lemgo'));
      assert.equal((await get('tenant', '/api/v1/paths?from=lemgo-rathaus&to=finanzwesen-lippe')).status, 200);
      assert.equal((await get('tenant', '/api/v1/paths?from=pb-rathaus&to=finanzwesen')).status, 404);
      assert.equal((await get('tenant', '/api/v1/timeline-check')).status, 404);
    });

    test('change sets: add as one transaction, get, status with If-Match, 412 on a stale revision', async () => {
      const before = await changeSetCount();
      const body = {
        plans: [{ id: 'api-plan', title: 'API plan' }],
        changesets: [
          { id: 'cs-api-1', title: 'new vendor', effective: '2030-01-01', status: 'scheduled', changes: [{ create: { id: 'api-vendor', kind: 'organization', name: 'Vendor', type: 'vendor' } }] },
          { id: 'cs-api-2', title: 'proposal', effective: '2030-02-01', status: 'proposed', plan: 'api-plan', changes: [{ update: { id: 'api-vendor', name: 'Vendor GmbH' } }] },
        ],
      };
      const r = await f.call('planner', { method: 'POST', url: '/api/v1/changesets', payload: body });
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(json(r.body).changesets.map((c: { id: string }) => c.id), ['cs-api-1', 'cs-api-2']);
      assert.equal(await changeSetCount(), before + 2);
      assert.equal((await get('viewer', '/api/v1/objects/api-vendor?at=2030-03-01&plan=api-plan')).body.name, 'Vendor GmbH');
      const g = await get('viewer', '/api/v1/changesets/cs-api-1');
      assert.deepEqual(g.body.changes, body.changesets[0]!.changes);
      assert.equal(g.headers.etag, '"1"');
      const patch = (as: Caller, status: string, etag?: string) => f.call(as, { method: 'PATCH', url: '/api/v1/changesets/cs-api-1', payload: { status }, headers: etag ? { 'if-match': etag } : {} });
      assert.equal((await patch('planner', 'done', '"1"')).statusCode, 403, 'a planner does not mark done');
      const ok = await patch('operator', 'done', '"1"');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.headers.etag, '"2"');
      const stale = await patch('operator', 'cancelled', '"1"');
      assert.equal(stale.statusCode, 412);
      assert.equal(json(stale.body).error.code, 'PRECONDITION_FAILED');
      assert.equal((await get('viewer', '/api/v1/changesets/cs-api-1')).body.status, 'done');
      assert.equal(json((await patch('operator', 'cancelled', '"2"')).body).error.code, 'INVALID_TRANSITION');
    });

    test('per-object create, update with If-Match (412 when stale), delete; roles as for change sets', async () => {
      const create = await f.call('operator', { method: 'POST', url: '/api/v1/objects', payload: { object: { id: 'api-org', kind: 'organization', name: 'Org', type: 'vendor' }, changeset: { effective: '2020-01-01' } } });
      assert.equal(create.statusCode, 201, create.body);
      const etag = create.headers.etag as string;
      assert.equal(json(create.body).object.name, 'Org');
      const read = await get('viewer', '/api/v1/objects/api-org');
      assert.equal(read.headers.etag, etag, 'the same revision and content');
      const planner = await f.call('planner', { method: 'PATCH', url: '/api/v1/objects/api-org', payload: { fields: { name: 'x' } }, headers: { 'if-match': etag } });
      assert.equal(planner.statusCode, 403, 'done needs an operator');
      const scheduled = await f.call('planner', { method: 'PATCH', url: '/api/v1/objects/api-org', payload: { fields: { name: 'Org 2' }, changeset: { status: 'scheduled', effective: '2030-01-01' } }, headers: { 'if-match': etag } });
      assert.equal(scheduled.statusCode, 200, scheduled.body);
      assert.notEqual(scheduled.headers.etag, etag);
      const stale = await f.call('operator', { method: 'PATCH', url: '/api/v1/objects/api-org', payload: { fields: { name: 'lost update' } }, headers: { 'if-match': etag } });
      assert.equal(stale.statusCode, 412, stale.body);
      assert.equal((await get('viewer', '/api/v1/objects/api-org?at=2031-01-01')).body.name, 'Org 2');
      const bad = await f.call('operator', { method: 'PATCH', url: '/api/v1/objects/api-org', payload: { fields: { type: 'spaceship' } } });
      assert.equal(bad.statusCode, 422);
      const del = await f.call('operator', { method: 'DELETE', url: '/api/v1/objects/api-org?effective=2032-01-01', headers: { 'if-match': scheduled.headers.etag as string } });
      assert.equal(del.statusCode, 200, del.body);
      assert.equal((await get('viewer', '/api/v1/objects/api-org?at=2033-01-01')).status, 404);
      assert.equal((await f.call('viewer', { method: 'DELETE', url: '/api/v1/objects/api-org' })).statusCode, 403);
      assert.equal((await f.call('tenant', { method: 'PATCH', url: '/api/v1/objects/u-lemgo-finanzwesen', payload: { fields: { users: 1 } } })).statusCode, 404);
    });

    test('two writers of one object with the same ETag: exactly one wins', async () => {
      const etag = (await get('viewer', '/api/v1/objects/lemgo')).headers.etag as string;
      const both = await Promise.all(['Lemgo A', 'Lemgo B'].map((name) => f.call('operator', { method: 'PATCH', url: '/api/v1/objects/lemgo', payload: { fields: { name } }, headers: { 'if-match': etag } })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 412]);
    });

    test('two writers with the same revision: exactly one wins', async () => {
      await f.call('planner', { method: 'POST', url: '/api/v1/changesets', payload: { changesets: [{ id: 'cs-race', title: 'race', effective: '2032-01-01', status: 'scheduled', changes: [] }] } });
      const both = await Promise.all(['done', 'cancelled'].map((status) => f.call('operator', { method: 'PATCH', url: '/api/v1/changesets/cs-race', payload: { status }, headers: { 'if-match': '"1"' } })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 412]);
    });

    test('an invalid change set writes nothing and lists every problem', async () => {
      const before = await changeSetCount();
      const r = await f.call('planner', {
        method: 'POST',
        url: '/api/v1/changesets',
        payload: {
          changesets: [
            { id: 'cs-ok', title: 'fine', effective: '2030-01-01', status: 'scheduled', changes: [{ create: { id: 'fine-org', kind: 'organization', name: 'Fine', type: 'vendor' } }] },
            { id: 'cs-bad', title: 'bad', effective: '2030-02-01', status: 'scheduled', changes: [{ create: { id: 'bad-dev', kind: 'device', name: 'X', site: 'no-such-site', role: 'router' } }, { delete: 'lemgo-dc' }] },
          ],
        },
      });
      assert.equal(r.statusCode, 422, r.body);
      const e = json(r.body).error;
      assert.equal(e.code, 'INVALID_ESTATE');
      assert.ok(e.details.length >= 2, JSON.stringify(e.details));
      assert.ok(e.details.every((p: { file?: string }) => p.file === undefined));
      assert.equal(await changeSetCount(), before);
      assert.equal((await get('viewer', '/api/v1/objects/fine-org?at=2031-01-01')).status, 404);
    });

    test('bad requests answer 4xx with a catalogue code and write nothing', async () => {
      const before = await changeSetCount();
      const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => f.call('admin', { method: 'POST', url: '/api/v1/changesets', payload, headers });
      const cs = (extra: object) => JSON.stringify({ changesets: [{ id: 'cs-x', title: 't', effective: '2030-01-01', status: 'scheduled', changes: [], ...extra }] });
      const cases: [string, Promise<{ statusCode: number; body: string }>, number, string][] = [
        ['malformed JSON', post('{"changesets": [}'), 400, 'INVALID_INPUT'],
        ['empty body', post(''), 400, 'INVALID_INPUT'],
        ['oversized body', post(JSON.stringify({ changesets: [{ id: 'big', title: 'x'.repeat(100_000) }] })), 413, 'PAYLOAD_TOO_LARGE'],
        ['not JSON', post('changesets: []', { 'content-type': 'text/yaml' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
        ['wrong type', post(cs({ title: 42 })), 400, 'INVALID_INPUT'],
        ['unknown field', post(cs({ colour: 'red' })), 400, 'INVALID_INPUT'],
        ['unknown top-level section', post(JSON.stringify({ changesets: [], sites: [] })), 400, 'INVALID_INPUT'],
        ['SQL-looking id', post(cs({ id: "x'); drop table changeset; --" })), 400, 'INVALID_INPUT'],
        ['invalid date', post(cs({ effective: '2019-02-30' })), 400, 'INVALID_DATE'],
        ['SQL-looking query', f.call('viewer', { method: 'GET', url: "/api/v1/objects/x'%20or%201=1--" }), 400, 'INVALID_INPUT'],
        ['malformed URL', f.call('viewer', { method: 'GET', url: '/api/v1/objects/%E0%A4%A' }), 400, 'INVALID_INPUT'],
        ['unknown query parameter', f.call('viewer', { method: 'GET', url: '/api/v1/sites?colour=red' }), 400, 'INVALID_INPUT'],
        ['wrong query type', f.call('viewer', { method: 'GET', url: '/api/v1/sites?limit=many' }), 400, 'INVALID_INPUT'],
        ['invalid at', f.call('viewer', { method: 'GET', url: '/api/v1/sites?at=yesterday' }), 400, 'INVALID_DATE'],
        ['unknown route', f.call('viewer', { method: 'GET', url: '/api/v1/no-such-route' }), 404, 'NOT_FOUND'],
        ['unknown method', f.call('viewer', { method: 'PUT', url: '/api/v1/sites' }), 404, 'NOT_FOUND'],
        ['what-if without elements', f.call('viewer', { method: 'POST', url: '/api/v1/what-if', payload: { fail: [] } }), 400, 'INVALID_INPUT'],
      ];
      for (const [name, pending, status, code] of cases) {
        const r = await pending;
        assert.equal(r.statusCode, status, `${name}: ${r.body}`);
        assert.equal(json(r.body).error.code, code, name);
        assert.ok(code in errorCatalogue);
      }
      assert.equal(await changeSetCount(), before);
      assert.equal((await get('viewer', '/api/v1/changesets?limit=1')).body.total, before, 'the tables are still there');
      for (const url of ['/api/v1/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
        const r = await f.call('anonymous', { method: 'GET', url });
        assert.doesNotMatch(r.body, /root:.*:0:0:/, `${url} reads no file outside the UI`);
      }
    });

    test('Prometheus metrics: request and analysis durations, errors by code, estate size', async () => {
      await get('viewer', '/api/v1/check?at=2021-06-01');
      await get('viewer', '/api/v1/objects/no-such-thing');
      const r = await f.call('viewer', { method: 'GET', url: '/metrics' });
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /^text\/plain/);
      assert.match(r.body, /verbund_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/objects\/:id",status="404"\} \d+/);
      assert.match(r.body, /verbund_analysis_duration_seconds_count\{analysis="check"\} \d+/);
      assert.match(r.body, /verbund_errors_total\{code="NOT_FOUND"\} \d+/);
      assert.match(r.body, /verbund_estate_objects\{kind="usage"\} [1-9]\d*/);
      assert.equal((await f.call('anonymous', { method: 'GET', url: '/metrics' })).statusCode, 401);
    });

    test('export and re-import: the same estate; paths in the request are never opened', async () => {
      const exported = await get('viewer', '/api/v1/export?at=2019-06-01');
      assert.equal(exported.status, 200);
      const yaml = await f.call('viewer', { method: 'GET', url: '/api/v1/export?format=yaml' });
      assert.match(String(yaml.headers['content-type']), /^application\/yaml/);
      assert.match(yaml.body, /^changesets:|^version:|^organizations:/m);
      const { store, cleanup } = await dialect.fresh();
      try {
        const { buildApp } = await import('../src/api/buildApp.js');
        const { AccountService } = await import('../src/service/AccountService.js');
        const accounts = new AccountService(store);
        await accounts.addUser({ name: 'op', role: 'operator' });
        const token = (await accounts.createToken('op')).token;
        const other = await buildApp({ store });
        const r = await other.inject({ method: 'POST', url: '/api/v1/import', payload: exported.body, headers: { authorization: `Bearer ${token}` } });
        assert.equal(r.statusCode, 201, r.body);
        const a = await service.list('application', { at: '2019-06-01' });
        assert.deepEqual(await new EstateService(store, 'x').list('application', { at: '2019-06-01' }), a);
        const traversal = await other.inject({ method: 'POST', url: '/api/v1/import', payload: { file: '../../etc/passwd' }, headers: { authorization: `Bearer ${token}` } });
        assert.equal(traversal.statusCode, 400);
        assert.equal(json(traversal.body).error.code, 'INVALID_INPUT');
        await other.close();
      } finally {
        await cleanup();
      }
      assert.equal((await get('viewer', '/api/v1/export?format=..%2F..%2Fetc%2Fpasswd')).status, 400);
      assert.equal((await f.call('planner', { method: 'POST', url: '/api/v1/import', payload: {} })).statusCode, 403);
    });

    test('SQL-looking text in a field is stored and read back literally', async () => {
      const name = "Robert'); DROP TABLE changeset; --";
      const r = await f.call('operator', { method: 'POST', url: '/api/v1/objects', payload: { object: { id: 'bobby-tables', kind: 'organization', name, type: 'vendor' }, changeset: { effective: '2020-01-01' } } });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((await get('viewer', '/api/v1/objects/bobby-tables')).body.name, name);
      assert.equal((await get('viewer', `/api/v1/organizations?q=${encodeURIComponent("'); drop")}`)).body.items[0].id, 'bobby-tables');
      assert.ok((await changeSetCount()) > 0);
    });

    test('security headers on every answer', async () => {
      const r = await f.call('viewer', { method: 'GET', url: '/api/v1/sites?limit=1' });
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(r.headers['x-frame-options'], 'SAMEORIGIN');
    });

    test('the OpenAPI document is valid OpenAPI 3.1, and the docs page is served without a CDN', async () => {
      const doc = json((await f.app.inject({ url: '/api/v1/openapi.json' })).body);
      assert.equal(doc.openapi, '3.1.0');
      const result = await new Validator().validate(doc);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
      const page = await f.app.inject({ url: '/api/docs/' });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /https?:\/\//, 'no external asset');
      assert.equal((await f.app.inject({ url: '/api/docs/static/swagger-ui-bundle.js' })).statusCode, 200);
      assert.equal((await f.app.inject({ url: '/healthz' })).statusCode, 200);
      assert.equal(json((await f.app.inject({ url: '/readyz' })).body).database, dialect.name);
    });
  });
}
