/**
 * Dependency cycles among applications (issue 10, part 4): found exactly (against mutual
 * reachability by brute force), warned about on import and in `check`, never refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { buildApp } from '../src/api/buildApp.js';
import { scopeCheck } from '../src/service/tenantReports.js';
import { AccountService } from '../src/service/AccountService.js';
import { dependencyCycles } from '../src/model/dependencyCycles.js';
import type { CheckReport } from '../src/service/AnalysisService.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-cycles-'));

/** Who reaches whom (transitive closure, by brute force). */
function reach(edges: ReadonlyMap<string, readonly string[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of edges.keys()) {
    const seen = new Set<string>();
    const todo = [...edges.get(a)!];
    while (todo.length) {
      const v = todo.pop()!;
      if (seen.has(v) || !edges.has(v)) continue;
      seen.add(v);
      todo.push(...edges.get(v)!);
    }
    out.set(a, seen);
  }
  return out;
}

describe('dependencyCycles', () => {
  test('random dependency graphs: the components of mutually reachable applications, each with a real cycle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }), (n, pairs) => {
        const ids = Array.from({ length: n }, (_, i) => `a${i}`);
        const edges = new Map(ids.map((id) => [id, [] as string[]]));
        for (const [x, y] of pairs) {
          const [a, b] = [ids[x % n]!, ids[y % n]!];
          if (!edges.get(a)!.includes(b)) edges.get(a)!.push(b);
        }
        // A dependency on an application that is not there (deleted in the same change set) is skipped.
        edges.get('a0')!.push('gone');
        const apps = ids.map((id) => ({ id, depends_on: edges.get(id)!.map((d, i) => (i % 2 ? { application: d, coupling: 'tight' } : d)) }));
        const cycles = dependencyCycles(apps);
        const r = reach(edges);
        const expected = ids.filter((a) => r.get(a)!.has(a)).map((a) => [...ids.filter((b) => b === a || (r.get(a)!.has(b) && r.get(b)!.has(a)))].sort().join(' '));
        assert.deepEqual(cycles.map((c) => c.applications.join(' ')), [...new Set(expected)].sort());
        for (const c of cycles) {
          assert.equal(c.path[0], c.applications[0]);
          c.path.forEach((a, i) => assert.ok(edges.get(a)!.includes(c.path[(i + 1) % c.path.length]!), `${a} → ${c.path[(i + 1) % c.path.length]}`));
          assert.equal(new Set(c.path).size, c.path.length, 'a simple cycle');
        }
        // `through` keeps exactly the components that hold one of the ids.
        for (const id of ids) assert.deepEqual(dependencyCycles(apps, [id]), cycles.filter((c) => c.applications.includes(id)));
      }),
      { numRuns: 400 },
    );
  });
});

const estate = `
organizations:
  - { id: town, name: Town, type: municipality }
sites:
  - { id: office, name: Office, type: office }
devices:
  - { id: s1, name: S1, site: office, role: server }
  - { id: s2, name: S2, site: office, role: server }
applications:
  - { id: portal, name: Portal, depends_on: [iam] }
  - id: iam
    name: Identity
    depends_on: [{ application: portal, coupling: tight }]
  - { id: mail, name: Mail, instances: [s1, s2] }
usages:
  - { id: u, tenant: town, application: mail, sites: [office] }
`;

describe('dependency cycles on import and in check', () => {
  test('import warns with file, line, change set and field, and writes; check lists the cycle and keeps its exit code', async () => {
    const file = join(tmp, 'cycle.yaml');
    writeFileSync(file, estate);
    const db = join(tmp, 'cycle.db');
    const r = await cli('--db', db, 'import', file);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^verbund: warning: .*cycle\.yaml:\d+:\d+: change set initial: (iam|portal)\.depends_on: applications iam, portal depend on each other in a cycle \(iam → portal → iam\)/m);
    assert.match(r.stdout, /imported 1 change set/);
    // In a JSON file (often large and machine-written) the warning names file, change set and field, without re-parsing for a line.
    const asJson = join(tmp, 'cycle.json');
    writeFileSync(asJson, JSON.stringify(parse(estate)));
    const j = await cli('--db', join(tmp, 'cycle-json.db'), 'import', asJson, '--json');
    assert.equal(j.code, 0, j.stderr);
    assert.match(j.stderr, /^verbund: warning: .*cycle\.json: change set initial: iam\.depends_on: applications iam, portal depend/m);
    assert.deepEqual(JSON.parse(j.stdout).warnings.map((w: { id: string; field: string }) => [w.id, w.field]), [['iam', 'depends_on']]);

    const check = await cli('--db', db, 'check', '--json');
    assert.equal(check.code, 0, 'a cycle is no failing service');
    const report = JSON.parse(check.stdout);
    const message = 'applications iam, portal depend on each other in a cycle (iam → portal → iam): legal, but a service that needs one of them needs all';
    assert.deepEqual(report.dependencyCycles, [{ applications: ['iam', 'portal'], path: ['iam', 'portal'] }]);
    assert.deepEqual(report.warnings, [message]);
    const text = await cli('--db', db, 'check');
    assert.equal(text.code, 0);
    assert.equal(text.stderr, `warning: ${message}\n`);

    // A later change set that closes another cycle is warned about too; one that leaves depends_on alone is not.
    const cs = join(tmp, 'cs.yaml');
    writeFileSync(cs, 'changesets:\n  - id: c1\n    title: mail needs portal\n    effective: 2030-01-01\n    status: done\n    changes:\n      - update: { id: mail, depends_on: [portal] }\n      - update: { id: iam, depends_on: [portal, mail] }\n  - id: c2\n    title: rename\n    effective: 2030-02-01\n    status: done\n    changes:\n      - update: { id: portal, name: Portal 2 }\n');
    const added = await cli('--db', db, 'changeset', 'add', cs, '--json');
    assert.equal(added.code, 0, added.stderr);
    const warnings = JSON.parse(added.stdout).warnings;
    assert.deepEqual(warnings.map((w: { changeset: string; message: string }) => [w.changeset, w.message.replace(/: legal.*$/, '')]), [['c1', 'applications iam, mail, portal depend on each other in a cycle (iam → portal → iam)']]);
    assert.equal(warnings[0].line, 8);
  });

  test('the API import answers the warnings beside what it wrote', async () => {
    const { store, cleanup } = await dialects.find((d) => d.name === 'sqlite')!.fresh();
    try {
      const accounts = new AccountService(store);
      await accounts.addUser({ name: 'op', role: 'operator' });
      const token = (await accounts.createToken('op')).token;
      const app = await buildApp({ store });
      const r = await app.inject({ method: 'POST', url: '/api/v1/import', payload: parse(estate), headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.statusCode, 201, r.body);
      const body = JSON.parse(r.body);
      assert.deepEqual(body.changesets, ['initial']);
      assert.deepEqual(
        body.warnings.map((w: { changeset: string; id: string; field: string; message: string }) => [w.changeset, w.id, w.field, w.message.replace(/: legal.*$/, '')]),
        [['initial', 'iam', 'depends_on', 'applications iam, portal depend on each other in a cycle (iam → portal → iam)']],
      );
      await app.close();
    } finally {
      await cleanup();
    }
  });

  test('a tenant sees the cycles among the applications it sees, no others', () => {
    const cycle = (ids: string[]) => ({ applications: ids, path: ids });
    const report = { dependencyCycles: [cycle(['a', 'b']), cycle(['c', 'd'])], warnings: [], services: [], spofs: [], applications: [], continuity: { applications: [], warnings: [] } } as unknown as CheckReport;
    const scoped = scopeCheck(report, { tenant: 'town', visible: (id) => ['a', 'b', 'c'].includes(id) });
    assert.deepEqual(scoped.dependencyCycles, [cycle(['a', 'b'])]);
    assert.deepEqual(scoped.warnings, ['applications a, b depend on each other in a cycle (a → b → a): legal, but a service that needs one of them needs all']);
  });
});
