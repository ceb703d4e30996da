/**
 * A second writer while another holds the timeline's write lock (docs/design.md, "Writes"): it waits
 * a while, then answers BUSY — exit 4 on the command line, 503 with Retry-After from the API
 * — never "internal error: database is locked"; a write with problems is refused without
 * waiting for the lock at all, because validation runs before the lock is taken.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/api/buildApp.js';
import { AccountService } from '../src/service/AccountService.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore, type Store } from '../src/store/openStore.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';

/** Holds the write lock of `store` until the returned function is called. */
async function holdLock(store: Store): Promise<() => Promise<void>> {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = store.write(async () => {
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

const changeSet = (id: string, site = 'lemgo-dc') => ({ plans: [], changesets: [{ id, title: id, effective: '2030-01-01', status: 'scheduled' as const, changes: [{ create: { id: `dev-${id}`, kind: 'device', name: id, site, role: 'router' } }] }] });

for (const dialect of dialects) {
  describe(`a busy write lock (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let fresh: Awaited<ReturnType<typeof dialect.fresh>>;
    let other: Store;
    before(async () => {
      process.env.VERBUND_LOCK_WAIT_MS = '400';
      fresh = await dialect.fresh();
      const { readEstatePath } = await import('../src/interop/readEstatePath.js');
      const read = readEstatePath(join(import.meta.dirname, 'fixtures', 'mini.yaml'));
      await new EstateService(fresh.store, 'test').importDocument(read.doc, {}, read.problems);
      // A second connection, as another process or server has.
      other = await openStore(dialect.name === 'postgres' ? { url: fresh.url } : { file: fresh.url });
    });
    after(async () => {
      delete process.env.VERBUND_LOCK_WAIT_MS;
      await other?.close();
      await fresh?.cleanup();
    });

    test('the second writer gets BUSY after waiting; a bad write is refused at once; after the lock, writes go through', async () => {
      const { toEstateDocument } = await import('../src/interop/toEstateDocument.js');
      const service = new EstateService(other, 'second');
      const release = await holdLock(fresh.store);
      try {
        const started = Date.now();
        await assert.rejects(service.addChangeSets(toEstateDocument(changeSet('cs-busy')).doc), (e: Error & { code?: string }) => e.code === 'BUSY' && /busy with another write/.test(e.message));
        assert.ok(Date.now() - started >= 300, 'it waited');
        const bad = Date.now();
        await assert.rejects(service.addChangeSets(toEstateDocument(changeSet('cs-bad', 'nowhere')).doc), (e: Error & { code?: string }) => e.code === 'INVALID_ESTATE');
        assert.ok(Date.now() - bad < 300, 'validated without waiting for the lock');
      } finally {
        await release();
      }
      const r = await service.addChangeSets(toEstateDocument(changeSet('cs-after')).doc);
      assert.equal(r.added[0]!.id, 'cs-after');
      assert.ok(!(await service.changeSets()).some((h) => h.id === 'cs-busy'), 'nothing of the busy write');
    });

    test('the API answers 503 BUSY with Retry-After', async () => {
      const accounts = new AccountService(other);
      await accounts.addUser({ name: 'op', role: 'operator', password: 'correct horse battery' });
      const { token } = await accounts.createToken('op');
      const app = await buildApp({ store: other });
      const release = await holdLock(fresh.store);
      try {
        const r = await app.inject({ method: 'POST', url: '/api/v1/changesets', payload: changeSet('cs-api-busy'), headers: { authorization: `Bearer ${token}` } });
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(JSON.parse(r.body).error.code, 'BUSY');
        assert.equal(r.headers['retry-after'], '5');
      } finally {
        await release();
        await app.close();
      }
    });

    if (dialect.name === 'sqlite') {
      test('an account write waits while another connection writes (the writer thread, an import), then goes through', async () => {
        const accounts = new AccountService(other);
        const release = await holdLock(fresh.store);
        const started = Date.now();
        const adding = accounts.addUser({ name: 'waits', role: 'viewer' });
        await new Promise((resolve) => setTimeout(resolve, 250));
        await release();
        const user = await adding;
        assert.equal(user.name, 'waits');
        assert.ok(Date.now() - started >= 250, 'it waited for the lock');
      });

      test('the command line exits 4 with a clear message, not "database is locked"', async () => {
        const file = join(fresh.url + '.cs.yaml');
        writeFileSync(file, 'changesets:\n  - { id: cs-cli, title: x, effective: 2030-02-01, status: scheduled, changes: [] }\n');
        const release = await holdLock(fresh.store);
        try {
          const r = await cli('--db', fresh.url, 'changeset', 'add', file);
          assert.equal(r.code, 4, r.stderr);
          assert.match(r.stderr, /busy with another write/);
          assert.doesNotMatch(r.stderr, /internal|locked/);
        } finally {
          await release();
        }
      });
    }
  });
}
