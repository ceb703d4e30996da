/**
 * `verbund serve` as a process: it listens, prints the one-time setup token on a database
 * without an admin, and on SIGTERM finishes what is in flight and exits 0.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildApp } from '../src/api/buildApp.js';
import { dialects } from './helpers/dialects.js';

const root = join(import.meta.dirname, '..');

test('serve prints the setup token, the token creates the admin, SIGTERM exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbund-serve-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/run.ts'), '--db', join(dir, 'x.db'), 'serve', '--port', '0', '--log-level', 'silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const listening = new Promise<{ url: string; token: string }>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += String(d);
        const url = /serves (http:\/\/[\d.:]+)/.exec(out)?.[1];
        const token = /"token":"(setup_[\w-]+)"/.exec(out)?.[1];
        if (url && token) resolve({ url, token });
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const { url, token } = await listening;
    const r = await fetch(`${url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'root', password: 'long enough password' }) });
    assert.equal(r.status, 201);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('closing the app lets a request in flight finish', async () => {
  const { store, cleanup } = await dialects[0]!.fresh();
  try {
    const app = await buildApp({ store });
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The request reaches the handler stage, and is held there until the app is closing.
    app.addHook('preHandler', async () => {
      arrived();
      await gate;
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const answer = fetch(`${url}/healthz`);
    await inFlight;
    const closed = app.close();
    release();
    assert.equal((await answer).status, 200);
    await closed;
  } finally {
    await cleanup();
  }
});
