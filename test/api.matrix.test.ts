/**
 * No route without an authorization decision, and every decision enforced: every operation
 * of the generated OpenAPI document × every caller (anonymous, viewer, planner, operator,
 * admin, tenant) answers the status its declared role implies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hasRights, type StaffRole } from '../src/model/roles.js';
import { apiFixture, callers, PASSWORD, type ApiFixture, type Caller } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';
import { startNetboxReplay } from './helpers/netboxReplay.js';

// A local NetBox (the recorded demo replayed) for the NetBox import route.
const NETBOX_TOKEN = 'matrix-netbox-token';
const netbox = await startNetboxReplay({ token: NETBOX_TOKEN });
after(() => netbox.close());

type Sample = { url: string; payload?: unknown; setup?: (f: ApiFixture, caller: Caller) => Promise<string> };

let n = 0;
const unique = (prefix: string): string => `${prefix}-${++n}`;

/** A new plan with one proposed change set; its id. */
async function proposedPlan(f: ApiFixture): Promise<string> {
  const id = unique('matrix-plan');
  const r = await f.call('admin', { method: 'POST', url: '/api/v1/changesets', payload: { plans: [{ id }], changesets: [{ id: `cs-${id}`, title: id, effective: '2031-01-01', status: 'proposed', plan: id, changes: [] }] } });
  assert.equal(r.statusCode, 201, r.body);
  return id;
}

/** A valid request per operation; `{x}` in the url is replaced by what `setup` returns. */
const samples: Record<string, Sample | ((caller: Caller) => Sample)> = {
  'GET /healthz': { url: '/healthz' },
  'GET /readyz': { url: '/readyz' },
  'GET /metrics': { url: '/metrics' },
  'GET /api/v1/base-map': { url: '/api/v1/base-map' },
  'GET /api/v1/organizations': { url: '/api/v1/organizations' },
  'GET /api/v1/sites': { url: '/api/v1/sites?q=rathaus' },
  'GET /api/v1/risk-groups': { url: '/api/v1/risk-groups' },
  'GET /api/v1/devices': { url: '/api/v1/devices?site=lemgo-dc' },
  'GET /api/v1/links': { url: '/api/v1/links' },
  'GET /api/v1/applications': { url: '/api/v1/applications?at=2019-06-01' },
  'GET /api/v1/usages': { url: '/api/v1/usages' },
  'GET /api/v1/risk-acceptances': { url: '/api/v1/risk-acceptances' },
  'GET /api/v1/failover-tests': { url: '/api/v1/failover-tests' },
  'GET /api/v1/report': { url: '/api/v1/report?at=2020-06-01&format=md' },
  'GET /api/v1/objects/{id}': { url: '/api/v1/objects/u-lemgo-finanzwesen' },
  'POST /api/v1/objects': () => {
    const id = unique('matrix-obj');
    return { url: '/api/v1/objects', payload: { object: { id, kind: 'organization', name: id, type: 'vendor' }, changeset: { status: 'scheduled', effective: '2031-01-01' } } };
  },
  'PATCH /api/v1/objects/{id}': { url: '/api/v1/objects/lemgo', payload: { fields: { notes: 'matrix' }, changeset: { status: 'scheduled', effective: '2031-01-01' } } },
  'DELETE /api/v1/objects/{id}': {
    url: '/api/v1/objects/{x}?status=scheduled&effective=2031-02-01',
    setup: async (f) => {
      const id = unique('matrix-del');
      const r = await f.call('admin', { method: 'POST', url: '/api/v1/objects', payload: { object: { id, kind: 'organization', name: id, type: 'vendor' }, changeset: { effective: '2031-01-01' } } });
      assert.equal(r.statusCode, 201, r.body);
      return id;
    },
  },
  'GET /api/v1/names': { url: '/api/v1/names?ids=u-lemgo-finanzwesen,lemgo' },
  'GET /api/v1/portfolio': { url: '/api/v1/portfolio?q=finanz&sort=-tenants&limit=5' },
  'GET /api/v1/tenants': { url: '/api/v1/tenants?at=2019-06-01' },
  'GET /api/v1/objects/{id}/history': { url: '/api/v1/objects/u-lemgo-finanzwesen/history' },
  'GET /api/v1/diff': { url: '/api/v1/diff?from=2019-01-01&to=2020-01-01' },
  'GET /api/v1/changesets': { url: '/api/v1/changesets?effective=2018-09-29' },
  'GET /api/v1/timeline': { url: '/api/v1/timeline?plan=joint-finance' },
  'GET /api/v1/changesets/{id}': { url: '/api/v1/changesets/cs-2018-09-linie-a' },
  'POST /api/v1/changesets': () => {
    const id = unique('org-matrix');
    return { url: '/api/v1/changesets', payload: { changesets: [{ id: `cs-${id}`, title: 'matrix', effective: '2031-01-01', status: 'scheduled', changes: [{ create: { id, kind: 'organization', name: id, type: 'vendor' } }] }] } };
  },
  'PATCH /api/v1/changesets/{id}': {
    url: '/api/v1/changesets/{x}',
    payload: { status: 'cancelled' },
    setup: async (f) => {
      const id = unique('cs-matrix-patch');
      const r = await f.call('admin', { method: 'POST', url: '/api/v1/changesets', payload: { changesets: [{ id, title: 'to cancel', effective: '2031-06-01', status: 'scheduled', changes: [] }] } });
      assert.equal(r.statusCode, 201, r.body);
      return id;
    },
  },
  'GET /api/v1/export': { url: '/api/v1/export?at=2019-01-01' },
  'POST /api/v1/import': () => {
    const id = unique('imported-org');
    return { url: `/api/v1/import?changeset=${id}&effective=2031-03-01`, payload: { organizations: [{ id, name: id, type: 'vendor' }] } };
  },
  'GET /api/v1/plans': { url: '/api/v1/plans' },
  'GET /api/v1/plans/{id}': { url: '/api/v1/plans/zweite-hauseinfuehrung' },
  'POST /api/v1/plans/{id}/accept': { url: '/api/v1/plans/{x}/accept', setup: (f) => proposedPlan(f) },
  'POST /api/v1/plans/{id}/drop': { url: '/api/v1/plans/{x}/drop', setup: (f) => proposedPlan(f) },
  'POST /api/v1/plans/waves': { url: '/api/v1/plans/waves', payload: { name: 'matrix-waves', from: 'paderborn-dc', to: 'lemgo-dc', start: '2018-12-08', solver: 'greedy', dryRun: true } },
  // A dry run is a viewer's question (a write needs a planner: test/continuity.test.ts).
  'POST /api/v1/plans/restore': { url: '/api/v1/plans/restore', payload: { name: 'matrix-restore', fail: ['lemgo-dc'], appsPerSlot: 1, solver: 'greedy', dryRun: true } },
  'GET /api/v1/joint': { url: '/api/v1/joint' },
  'POST /api/v1/joint': () => ({ url: '/api/v1/joint', payload: { plan: unique('matrix-joint'), product: 'LOGA' } }),
  'GET /api/v1/progress': { url: '/api/v1/progress' },
  'GET /api/v1/check': { url: '/api/v1/check' },
  // lemgo-dc breaks every service, so a tenant may fail it too (it is evidence of its verdicts).
  'POST /api/v1/what-if': { url: '/api/v1/what-if', payload: { fail: ['lemgo-dc'] } },
  'GET /api/v1/paths': { url: '/api/v1/paths?from=lemgo-rathaus&to=finanzwesen-lippe' },
  'GET /api/v1/availability': { url: '/api/v1/availability?maxOrder=1' },
  'GET /api/v1/timeline-check': { url: '/api/v1/timeline-check' },
  'POST /api/v1/session': { url: '/api/v1/session', payload: { name: 'nobody', password: 'wrong password' } },
  'DELETE /api/v1/session': { url: '/api/v1/session' },
  'GET /api/v1/me': { url: '/api/v1/me' },
  'POST /api/v1/me/password': { url: '/api/v1/me/password', payload: { current: PASSWORD, password: PASSWORD } },
  'POST /api/v1/setup': { url: '/api/v1/setup', payload: { token: 'setup_unknown', name: 'root', password: 'long enough password' } },
  'GET /api/v1/users': { url: '/api/v1/users' },
  'POST /api/v1/users': () => ({ url: '/api/v1/users', payload: { name: unique('matrix-user'), role: 'viewer' } }),
  'PATCH /api/v1/users/{name}': {
    url: '/api/v1/users/{x}',
    payload: { disabled: true },
    setup: async (f) => {
      const name = unique('matrix-victim');
      assert.equal((await f.call('admin', { method: 'POST', url: '/api/v1/users', payload: { name, role: 'viewer' } })).statusCode, 201);
      return name;
    },
  },
  'GET /api/v1/import/netbox': { url: '/api/v1/import/netbox' },
  'POST /api/v1/import/netbox': { url: '/api/v1/import/netbox', payload: { url: netbox.url, token: NETBOX_TOKEN, dry_run: true } },
  'GET /api/v1/tokens': { url: '/api/v1/tokens' },
  'POST /api/v1/tokens': { url: '/api/v1/tokens', payload: { user: 'viewer', name: 'matrix' } },
  'DELETE /api/v1/tokens/{id}': {
    url: '/api/v1/tokens/{x}',
    setup: async (f) => {
      const r = await f.call('admin', { method: 'POST', url: '/api/v1/tokens', payload: { user: 'viewer' } });
      return (JSON.parse(r.body) as { id: string }).id;
    },
  },
};

/** What a caller must get from a route with this decision: 'ok' (2xx) or an error status. */
function expected(decision: { role: 'public' | StaffRole; tenant: boolean }, caller: Caller): 'ok' | 'public' | 401 | 403 | 404 {
  if (decision.role === 'public') return 'public';
  if (caller === 'anonymous') return 401;
  if (caller === 'tenant') return decision.tenant && decision.role === 'viewer' ? 'ok' : 404;
  return hasRights(caller, decision.role) ? 'ok' : 403;
}

for (const dialect of dialects) {
  describe(`API route × role matrix (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let f: ApiFixture;
    let doc: { paths: Record<string, Record<string, { 'x-verbund-auth'?: { role: 'public' | StaffRole; tenant: boolean } }>> };
    before(async () => {
      f = await apiFixture(dialect, { netboxUrls: [netbox.url] });
      doc = JSON.parse((await f.app.inject({ url: '/api/v1/openapi.json' })).body);
    });
    after(() => f?.cleanup());

    test('every operation of the OpenAPI document has a decision and a sample request here', () => {
      const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      assert.ok(ops.length >= 30, `${ops.length} operations`);
      for (const op of ops) {
        const [method, path] = op.split(' ') as [string, string];
        assert.ok(doc.paths[path]![method.toLowerCase()]!['x-verbund-auth'], `${op} has no x-verbund-auth`);
        assert.ok(samples[op], `${op} has no sample request in this test: add one`);
      }
      for (const op of Object.keys(samples)) assert.ok(ops.includes(op), `sample for ${op}, which is not in the document`);
    });

    test('every operation × every caller answers as its declared role implies', async () => {
      const failures: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const key = `${method.toUpperCase()} ${path}`;
          const decision = op['x-verbund-auth']!;
          const publicStatuses = new Set<number>();
          for (const caller of callers) {
            const entry = samples[key]!;
            const sample = typeof entry === 'function' ? entry(caller) : entry;
            const x = sample.setup ? await sample.setup(f, caller) : '';
            const r = await f.call(caller, { method: method.toUpperCase() as 'GET', url: sample.url.replace('{x}', x), ...(sample.payload !== undefined && { payload: sample.payload as object }) });
            const want = expected(decision, caller);
            if (want === 'public') publicStatuses.add(r.statusCode);
            else if (want === 'ok' ? r.statusCode >= 300 : r.statusCode !== want) failures.push(`${key} as ${caller}: ${r.statusCode}, expected ${want} (${r.body.slice(0, 160)})`);
            if (r.statusCode >= 400) assert.ok(JSON.parse(r.body).error.code, `${key} as ${caller}: error body without code`);
          }
          // A public route answers the same whoever calls.
          if (publicStatuses.size > 1) failures.push(`${key}: public, but answers ${[...publicStatuses].join(', ')} depending on the caller`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('a route without an authorization decision cannot be registered', async () => {
      const { buildApp } = await import('../src/api/buildApp.js');
      const app = await buildApp({ store: f.store });
      assert.throws(() => app.get('/api/v1/undecided', async () => 'x'), /declares no authorization/);
      await app.close();
    });
  });
}
