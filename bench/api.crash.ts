/**
 * Crash check (`npm run bench:api-crash`): a stream of change-set writes to `verbund serve`,
 * then `kill -9` of the server in the middle of it. After a restart every write that was
 * answered 201 must be there, and none half-applied: each change set recorded has all its
 * objects. On SQLite, and on PostgreSQL when VERBUND_TEST_DATABASE_URL (or 127.0.0.1:5432)
 * answers. Exits 1 if anything is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { AccountService } from '../src/service/AccountService.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore } from '../src/store/openStore.js';
import { root, serveProcess } from './serveProcess.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-crash-'));
const writers = 8;
const runMs = Number(process.env.CRASH_MS ?? 3000);

async function check(name: string, db: string): Promise<boolean> {
  const location = db.startsWith('postgres') ? { url: db } : { file: db };
  let store = await openStore(location);
  const read = readEstatePath(join(root, 'examples', 'owl-it'));
  await new EstateService(store, 'crash').importDocument(read.doc, {}, read.problems);
  const accounts = new AccountService(store);
  await accounts.addUser({ name: 'op', role: 'operator' });
  const { token } = await accounts.createToken('op');
  await store.close();

  const { url, child } = await serveProcess(db, 'silent');
  const acknowledged: string[] = [];
  let sent = 0;
  let stop = false;
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const id = `crash-${w}-${i}`;
      sent++;
      try {
        const r = await fetch(`${url}/api/v1/changesets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ changesets: [{ id: `cs-${id}`, title: id, effective: '2030-01-01', status: 'done', changes: [1, 2, 3].map((k) => ({ create: { id: `${id}-${k}`, kind: 'organization', name: id, type: 'vendor' } })) }] }),
        });
        if (r.status === 201) acknowledged.push(id);
      } catch {
        return; // the server is gone
      }
    }
  };
  const running = Array.from({ length: writers }, (_, w) => writer(w));
  await new Promise((r) => setTimeout(r, runMs));
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(running);

  store = await openStore(location);
  const service = new EstateService(store, 'crash');
  const objects = new Set((await service.list('organization', { at: '2030-02-01' })).map((o) => o.id));
  const recorded = (await service.changeSets()).filter((h) => h.id.startsWith('cs-crash-')).map((h) => h.id.slice(3));
  await store.close();
  const missing = acknowledged.filter((id) => !recorded.includes(id));
  const half = recorded.filter((id) => [1, 2, 3].some((k) => !objects.has(`${id}-${k}`)));
  console.log(`${name}: ${sent} writes sent, ${acknowledged.length} acknowledged, ${recorded.length} recorded after kill -9; missing ${missing.length}, half-applied ${half.length}`);
  return missing.length === 0 && half.length === 0;
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
let ok = true;
try {
  ok = (await check('sqlite', join(tmp, 'crash.db'))) && ok;
  const admin = process.env.VERBUND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 2000 });
  const name = `verbund_crash_${process.pid}`;
  try {
    await client.connect();
    await client.query(`create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    ok = (await check('postgres', url.toString())) && ok;
    await client.query(`drop database if exists ${name} with (force)`);
  } catch (e) {
    console.log(`postgres: skipped (${(e as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(ok ? 'crash check passed' : 'crash check FAILED');
process.exitCode = ok ? 0 : 1;
