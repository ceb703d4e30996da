/**
 * The OWL-IT example in a fresh database of one dialect, for the suite that calls this:
 * registers the hooks that create it before the suite's tests and remove it after.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { cli } from './cli.js';
import type { TestDialect } from './dialects.js';

/** Registers the hooks; `url` is the database's location once the suite's tests run. */
export function owlDatabase(dialect: TestDialect): { url: string } {
  const db = { url: '' };
  let cleanup: () => Promise<void> = async () => undefined;
  before(async () => {
    const fresh = await dialect.fresh();
    await fresh.store.close();
    db.url = fresh.url;
    cleanup = fresh.cleanup;
    const r = await cli('--db', db.url, 'import', join(import.meta.dirname, '..', '..', 'examples', 'owl-it'));
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await cleanup().catch(() => undefined);
  });
  return db;
}
