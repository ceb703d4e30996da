import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-cli-'));
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

// The same commands against both stores: the file default and PostgreSQL by URL.
for (const dialect of dialects) describe(`cli (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, async () => {
  const fresh = await dialect.fresh();
  // The CLI opens its own connection from the URL.
  await fresh.store.close();
  const db = fresh.url;
  after(async () => {
    if (dialect.name === 'postgres') await fresh.cleanup().catch(() => undefined);
  });

  test('import, show at dates, table and JSON', async () => {
    const r = await cli('--db', db, 'import', fixture('mini.yaml'), '--user', 'anna');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /imported 4 change sets with 15 changes/);
    const before = await cli('--db', db, 'show', 'application', '--at', '2018-06-01');
    assert.equal(before.code, 0);
    assert.match(before.stdout, /1 application at 2018-06-01/);
    assert.match(before.stdout, /fin\s+Finanz\s+legacy\s+c1/);
    const after = JSON.parse((await cli('--db', db, 'show', 'applications', '--at', '2027-06-01', '--json')).stdout);
    assert.deepEqual(after.map((a: { instances: string[] }) => a.instances), [['c1', 'c2']]);
    const plan = JSON.parse((await cli('--db', db, 'show', 'application', 'fin', '--at', '2026-12-24', '--plan', 'p1', '--json')).stdout);
    assert.equal(plan.status, 'joint');
  });

  test('history shows each version with change set, author and recorder', async () => {
    const r = await cli('--db', db, 'history', 'fin');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /2017-01-01\s+create\s+initial\s+done\s+anna/);
    assert.match(r.stdout, /2019-01-01\s+update\s+cs1\s+done\s+anna .*status: legacy → migrated/);
    assert.match(r.stdout, /proposed in plans:[\s\S]*cs3\s+p1/);
  });

  test('diff between two dates', async () => {
    const r = await cli('--db', db, 'diff', '--from', '2018-01-01', '--to', '2028-01-01', '--json');
    const d = JSON.parse(r.stdout);
    assert.deepEqual(d.changesets.map((c: { id: string }) => c.id), ['cs1', 'cs2']);
    assert.deepEqual(d.added.map((o: { id: string }) => o.id), ['c2']);
  });

  test('changeset add and status; refusals exit 2 and write nothing', async () => {
    const f = join(tmp, 'cs.yaml');
    writeFileSync(f, 'changesets:\n  - id: cs9\n    title: retire R1 link\n    effective: 2028-01-01\n    status: scheduled\n    changes:\n      - delete: c1\n');
    const refused = await cli('--db', db, 'changeset', 'add', f);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /cs\.yaml:7:\d+: change set cs9: c1: cannot delete "c1": still referenced by application "fin" \(instances\)/);
    writeFileSync(f, 'changesets:\n  - id: cs9\n    title: more users\n    effective: 2028-01-01\n    status: scheduled\n    changes:\n      - update: { id: u1, users: 45 }\n');
    assert.equal((await cli('--db', db, 'changeset', 'add', f)).code, 0);
    assert.equal((await cli('--db', db, 'changeset', 'status', 'cs9', 'done')).code, 0);
    const again = await cli('--db', db, 'changeset', 'status', 'cs9', 'scheduled', '--json');
    assert.equal(again.code, 2);
    assert.equal(JSON.parse(again.stdout).error.code, 'INVALID_TRANSITION');
    const accept = await cli('--db', db, 'changeset', 'status', 'cs3', 'scheduled');
    assert.equal(accept.code, 0);
    const fin = JSON.parse((await cli('--db', db, 'show', 'application', 'fin', '--at', '2026-12-24', '--json')).stdout);
    assert.equal(fin.status, 'joint');
  });

  test('usage errors, unknown plans and bad dates exit 2 without a stack trace', async () => {
    for (const args of [
      ['show', 'servers'],
      ['--plan', 'nope', 'show', 'site'],
      ['--at', '2019-02-30', 'show', 'site'],
      ['show', 'site', 'nothing-here'],
      ['frobnicate'],
      ['import'],
    ]) {
      const r = await cli('--db', db, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at (\S+ \()?\S+:\d+:\d+\)?/, "no stack trace");
      assert.notEqual(r.stderr, '');
    }
  });
});
