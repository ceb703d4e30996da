/**
 * `verbund demo` as a new user meets it: a fresh database, an admin whose password is printed
 * once, and the web UI and API served until SIGTERM. (`--no-serve` is tested in bin.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');

test('verbund demo serves the UI and signs in the admin with the printed password', { timeout: 60_000 }, async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'verbund-demo-'));
  const child = spawn(process.execPath, [join(root, 'bin', 'verbund.js'), 'demo', '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /serves (http:\/\/[\d.:]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      child.on('exit', (code) => reject(new Error(`demo exited ${code}: ${out}`)));
    });
    assert.match(out, /Verbund demo: the OWL-IT example in verbund-demo\.db/);
    const password = /Sign in as "admin" with the password (\S+) /.exec(out)?.[1];
    assert.ok(password, out);
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    const session = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) });
    assert.equal(session.status, 200, await session.clone().text());
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const apps = await fetch(`${url}/api/v1/applications?at=2021-06-01`, { headers: { cookie } });
    assert.equal(((await apps.json()) as { total: number }).total, 12);
    assert.doesNotMatch(out, /setup/i, 'the demo has its admin: no setup token');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(cwd, { recursive: true, force: true });
  }
});
